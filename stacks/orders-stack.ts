import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { QueueWithDlq } from '../modules';
import { EnvironmentSettings } from './environments';

/** The orders architecture for one environment (`orders-<env>`). */
export class OrdersStack extends TerraformStack {
  constructor(scope: Construct, readonly settings: EnvironmentSettings) {
    super(scope, `orders-${settings.name}`);
    new AwsProvider(this, 'aws', {
      region: settings.region,
      allowedAccountIds: settings.accountId ? [settings.accountId] : undefined,
      defaultTags: [
        {
          tags: {
            project: 'orders',
            environment: settings.name,
            owner: settings.owner,
            'cost-centre': settings.costCentre,
            ...settings.tags,
          },
        },
      ],
    });

    new QueueWithDlq(this, 'fulfillment', {
      name: `${settings.namePrefix}-fulfillment`,
      messageRetentionSeconds: settings.queueRetentionSeconds,
      alarms: {
        dlqDepthThreshold: settings.alarms.dlqDepthThreshold,
        oldestMessageAgeSeconds: settings.alarms.oldestMessageAgeSeconds,
      },
    });
  }
}
