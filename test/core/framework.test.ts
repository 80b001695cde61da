import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DeadLetterQueue, enableChecks, EventBusWithRules, QueueWithDlq, ServiceKey, suppress, TableWithStream, TopicWithFilteredSubscriptions } from '../../modules';
import { frameworkMismatch, frameworkOf, OWN_FRAMEWORK } from '../../modules/core/framework';
import { RoutingModel } from '../../modules/testing';

type Framework = typeof import('cdktf');
/** A second, separately loaded copy of the framework, as npm installs one beside the library's. */
function secondCopy(): Framework {
  let copy: Framework | undefined;
  jest.isolateModules(() => {
    copy = require('cdktf');
  });
  return copy!;
}

// The other framework of the pair (cdktf ↔ cdktn), spelled without a quoted package name, which the cdktn build renames.
const other = OWN_FRAMEWORK.name.slice(0, -1) + (OWN_FRAMEWORK.name.endsWith('f') ? 'n' : 'f');
const library = `${OWN_FRAMEWORK.name}-eda`;

describe('a construct tree made by another copy of the framework', () => {
  const copy = secondCopy();
  const foreignStack = (id = 'app') => {
    const stack = new copy.TerraformStack(new copy.App(), id);
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    return stack;
  };

  it('is a second copy: the global stack tag matches, the class does not', () => {
    const stack = foreignStack();
    expect(copy.TerraformStack).not.toBe(TerraformStack);
    expect(TerraformStack.isStack(stack)).toBe(true);
    expect(stack instanceof TerraformStack).toBe(false);
  });

  it.each([
    ['QueueWithDlq', (s: TerraformStack) => new QueueWithDlq(s, 'orders', { name: 'orders' })],
    ['DeadLetterQueue', (s: TerraformStack) => new DeadLetterQueue(s, 'orders', { name: 'orders-dlq' })],
    ['TopicWithFilteredSubscriptions', (s: TerraformStack) => new TopicWithFilteredSubscriptions(s, 'orders', { name: 'orders' })],
    ['EventBusWithRules', (s: TerraformStack) => new EventBusWithRules(s, 'orders', { name: 'orders' })],
    ['TableWithStream', (s: TerraformStack) => new TableWithStream(s, 'orders', { name: 'orders', partitionKey: { name: 'id', type: 'S' } })],
    ['ServiceKey', (s: TerraformStack) => new ServiceKey(s, 'key', { aliasName: 'orders' })],
    ['enableChecks', (s: TerraformStack) => enableChecks(s)],
    ['suppress', (s: TerraformStack) => suppress(s, 'EDA-SQS-001', 'a reason long enough to be one')],
    ['RoutingModel.from', (s: TerraformStack) => RoutingModel.from(s)],
  ])('%s fails, naming the second copy, instead of skipping its aspects', (_, use) => {
    const stack = foreignStack();
    expect(() => use(stack as unknown as TerraformStack)).toThrow(
      `: this stack was made by a second copy of ${OWN_FRAMEWORK.name} (${OWN_FRAMEWORK.version}), not the ${OWN_FRAMEWORK.name} ${OWN_FRAMEWORK.version} that ${library} loads`,
    );
  });

  it('names the build to install when the stack comes from the other framework', () => {
    // The other framework's stack class carries its own jsii type tag.
    class OtherStack extends copy.TerraformStack {}
    Object.defineProperty(OtherStack, Symbol.for('jsii.rtti'), { value: { fqn: `${other}.TerraformStack`, version: '9.9.9' } });
    const stack = new OtherStack(new copy.App(), 'payments');
    expect(() => new QueueWithDlq(stack as unknown as TerraformStack, 'orders', { name: 'orders' })).toThrow(
      `payments/orders: this stack was made by ${other} 9.9.9, but ${library} is built for ${OWN_FRAMEWORK.name} ${OWN_FRAMEWORK.version} and loads its own copy, ` +
        `so its aspects (synth-time checks, suppressions and warnings) would silently never run. Install ${other}-eda, the build of this library for ${other}, in place of ${library}.`,
    );
  });

  it('tells how to keep one copy when both are the same framework', () => {
    const { name } = OWN_FRAMEWORK;
    expect(frameworkMismatch('app/q', { name, version: '0.21.1' }, { name, version: '0.21.0' })).toBe(
      `app/q: this stack was made by a second copy of ${name} (0.21.1), not the ${name} 0.21.0 that ${name}-eda loads, so its aspects (synth-time checks, ` +
        `suppressions and warnings) would silently never run. Install one copy of ${name}: \`npm ls ${name}\` lists them; make the versions agree, then \`npm dedupe\`.`,
    );
  });
});

describe('a construct tree made by the library’s own framework', () => {
  it('is accepted, in a plain App and in Testing.app()', () => {
    for (const app of [new App({ outdir: Testing.app().outdir }), Testing.app()]) {
      const stack = new TerraformStack(app, 'orders');
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      expect(() => new QueueWithDlq(stack, 'orders', { name: 'orders' })).not.toThrow();
    }
  });

  it('reads the framework from the stack class, through user subclasses', () => {
    class OrdersStack extends TerraformStack {}
    expect(frameworkOf(OrdersStack)).toEqual(OWN_FRAMEWORK);
    expect(OWN_FRAMEWORK.name).toMatch(/^cdkt[fn]$/);
    expect(OWN_FRAMEWORK.version).toBe(require('cdktf/package.json').version);
    expect(frameworkOf(class NotAStack {})).toBeUndefined();
  });
});
