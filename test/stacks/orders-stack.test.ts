import { Testing } from 'cdktf';
import { ENVIRONMENTS } from '../../stacks/environments';
import { OrdersStack } from '../../stacks/orders-stack';
import { synthJson } from '../helpers/synth';

describe.each(ENVIRONMENTS.map((e) => [e.name, e] as const))('orders-%s stack', (name, settings) => {
  const stack = new OrdersStack(Testing.app(), settings);
  const json = synthJson(stack);

  it('configures the AWS provider with the region and the default tags', () => {
    expect(json.provider.aws).toEqual([
      {
        region: settings.region,
        ...(settings.accountId ? { allowed_account_ids: [settings.accountId] } : {}),
        default_tags: [{ tags: { project: 'orders', environment: name, owner: settings.owner, 'cost-centre': settings.costCentre, ...settings.tags } }],
      },
    ]);
  });

  it('matches its snapshot', () => {
    expect(Testing.synth(stack)).toMatchSnapshot();
  });
});
