import { DefaultTokenResolver, StringConcat, TerraformElement, TerraformStack, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';

/**
 * One resolve of each element per synth instead of two. cdktf's
 * `prepareStack` resolves every element of a stack only to find cross-stack
 * references and drops the result; the checks then resolve the stack again
 * (and hand that to cdktf's write). Here the preparing pass keeps what it
 * resolved, and the checks' `toTerraform()` reads it.
 *
 * A preparing resolve differs from the final one only where a value crosses
 * stacks, and cdktf then adds an output or a remote-state data source to the
 * stacks involved: when the stack's elements at the checks are not the ones
 * prepared, everything is resolved again. Aspects run before the preparing
 * pass (cdktf runs them just after it, and each aspect only once per
 * construct), so what is kept already holds what aspects change.
 */
interface Prepared {
  readonly elements: readonly TerraformElement[];
  readonly fragments: readonly unknown[];
}

const prepared = new WeakMap<TerraformStack, Prepared>();
const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** Makes `stack`'s preparing pass keep what it resolves, for {@link resolvePrepared}. */
export function keepPreparedElements(stack: TerraformStack): void {
  stack.prepareStack = () => {
    invokeAspects(stack);
    stack.ensureBackendExists();
    const elements = elementsOf(stack);
    const fragments = elements.map((e) => Tokenization.resolve(e.toTerraform(), { scope: stack, preparing: true, resolver: RESOLVER }));
    prepared.set(stack, { elements, fragments });
    // Only for the synth in progress (synchronous): a later one prepares afresh.
    process.nextTick(() => prepared.delete(stack));
  };
}

/** The stack's `toTerraform()`, from the elements its preparing pass resolved when they are still the stack's elements. */
export function resolvePrepared(stack: TerraformStack): Record<string, unknown> {
  const kept = prepared.get(stack);
  prepared.delete(stack);
  if (!kept || !sameElements(elementsOf(stack), kept.elements)) return stack.toTerraform();
  kept.elements.forEach((element, i) => {
    element.toTerraform = () => kept.fragments[i];
  });
  try {
    return stack.toTerraform();
  } finally {
    for (const element of kept.elements) delete (element as { toTerraform?: unknown }).toTerraform;
  }
}

/** The stack's elements as cdktf lists them: depth first, not inside a nested stack. */
function elementsOf(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) if (!TerraformStack.isStack(child)) elementsOf(child, into);
  return into;
}

function sameElements(now: readonly TerraformElement[], kept: readonly TerraformElement[]): boolean {
  // An element with a toTerraform of its own is left alone: it would be shadowed, then deleted.
  return now.length === kept.length && now.every((e, i) => e === kept[i] && !Object.prototype.hasOwnProperty.call(e, 'toTerraform'));
}
