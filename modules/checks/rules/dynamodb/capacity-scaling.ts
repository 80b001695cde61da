import { fail, resourceRule } from '../../rule';
import { literal } from '../../../core/values';

/**
 * A table scales with its load: on-demand, or provisioned with Application
 * Auto Scaling targets for both read and write capacity.
 */
export const dynamoDbCapacityScaling = resourceRule({
  id: 'EDA-DDB-003',
  service: 'DynamoDB',
  severity: 'warning',
  title: 'DynamoDB tables are on-demand, or provisioned with auto scaling of reads and writes',
  publicIds: { checkov: ['CKV2_AWS_16'], cdkNag: ['HIPAA.Security-DynamoDBAutoScalingEnabled', 'NIST.800.53.R5-DynamoDBAutoScalingEnabled'], securityHub: ['DynamoDB.1'] },
  resourceTypes: ['aws_dynamodb_table'],
  check(table, graph) {
    const mode = table.config.billing_mode === undefined ? 'PROVISIONED' : literal(table.config.billing_mode);
    if (mode !== 'PROVISIONED') return;
    // Scalable targets name the table in resource_id: "table/${aws_dynamodb_table.t.name}".
    const dimensions = new Set(
      graph
        .referencesTo(table, 'aws_appautoscaling_target')
        .filter((r) => r.argument === 'resource_id' && !String(r.from.config.resource_id).includes('/index/'))
        .map((r) => String(r.from.config.scalable_dimension)),
    );
    const missing = ['Read', 'Write'].filter((d) => !dimensions.has(`dynamodb:table:${d}CapacityUnits`));
    if (missing.length === 0) return;
    return fail(
      `provisioned table has no auto scaling of ${missing.join(' and ').toLowerCase()} capacity`,
      'set billing_mode = "PAY_PER_REQUEST", or add aws_appautoscaling_target and aws_appautoscaling_policy for reads and writes',
    );
  },
});
