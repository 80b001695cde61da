import { fail, resourceRule } from '../../rule';
import { at, bool, isExpression } from '../../../core/values';

/** A table has point-in-time recovery, so a bad write or delete can be undone (35 days back). */
export const dynamoDbPitr = resourceRule({
  id: 'EDA-DDB-001',
  service: 'DynamoDB',
  severity: 'warning',
  title: 'DynamoDB tables have point-in-time recovery',
  publicIds: { checkov: ['CKV_AWS_28'], cdkNag: ['AwsSolutions-DDB3'], trivy: ['AWS-0024'], securityHub: ['DynamoDB.2'], controlTower: ['CT.DYNAMODB.PR.1'] },
  resourceTypes: ['aws_dynamodb_table'],
  check(table) {
    const enabled = at(table.config, 'point_in_time_recovery.enabled');
    if (bool(enabled) === true || isExpression(enabled)) return;
    return fail('table has no point-in-time recovery', 'set point_in_time_recovery { enabled = true }');
  },
});
