import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/** jsii's type tag on every framework class: `{ fqn: 'cdktf.TerraformStack', version: '0.21.0' }`. */
const JSII_TYPE = Symbol.for('jsii.rtti');

/** A framework package and its version, as a stack class's type tag names them. */
export interface Framework {
  /** Package name: `cdktf` or `cdktn`. */
  readonly name: string;
  /** Its version. */
  readonly version: string;
}

/** The framework whose `TerraformStack` the class derives from (the nearest class tagged `<package>.TerraformStack`). */
export function frameworkOf(stackClass: unknown): Framework | undefined {
  for (let c = stackClass; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
    const tag = Object.prototype.hasOwnProperty.call(c, JSII_TYPE) ? (c as unknown as Record<symbol, { fqn?: string; version?: string }>)[JSII_TYPE] : undefined;
    if (tag?.fqn?.endsWith('.TerraformStack')) return { name: tag.fqn.split('.')[0], version: tag.version ?? '?' };
  }
  return undefined;
}

/** The framework this library was built for and loads. */
export const OWN_FRAMEWORK: Framework = frameworkOf(TerraformStack) ?? { name: 'cdktf', version: '?' };

/**
 * Fails when `scope` lives in a stack made by another copy of the framework
 * than the one this library loads: a cdktn app with cdktf-eda (or the
 * reverse), or two installed copies of one framework. The frameworks keep
 * aspects under a symbol private to each copy, so the other copy's synth
 * would silently skip this library's aspects (checks, suppressions, warnings).
 */
export function requireOwnFramework(scope: IConstruct): void {
  // `TerraformStack.isStack` reads a global symbol, true for a stack of any copy; `instanceof` only for ours.
  const stack: object | undefined = [...scope.node.scopes].reverse().find((s) => TerraformStack.isStack(s));
  if (!stack || stack instanceof TerraformStack) return;
  throw new Error(frameworkMismatch(scope.node.path, frameworkOf(stack.constructor)));
}

/** The error for a construct at `path` in a stack made by `theirs`: which package to install. */
export function frameworkMismatch(path: string, theirs: Framework | undefined, own: Framework = OWN_FRAMEWORK): string {
  const library = `${own.name}-eda`;
  const head = `${path}: this stack was made by`;
  const effect = `its aspects (synth-time checks, suppressions and warnings) would silently never run`;
  if (theirs && theirs.name !== own.name) {
    return (
      `${head} ${theirs.name} ${theirs.version}, but ${library} is built for ${own.name} ${own.version} and loads its own copy, so ${effect}. ` +
      `Install ${theirs.name}-eda, the build of this library for ${theirs.name}, in place of ${library}.`
    );
  }
  const name = theirs?.name ?? own.name;
  return (
    `${head} a second copy of ${name}${theirs ? ` (${theirs.version})` : ''}, not the ${own.name} ${own.version} that ${library} loads, so ${effect}. ` +
    `Install one copy of ${name}: \`npm ls ${name}\` lists them; make the versions agree, then \`npm dedupe\`.`
  );
}
