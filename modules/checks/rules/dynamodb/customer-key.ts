import { fail, resourceRule } from '../../rule';
import { at, bool, isExpression, isSet, literal } from '../../../core/values';

/**
 * A table is encrypted with a customer-managed key. DynamoDB always
 * encrypts (with an AWS owned key by default), so this is hygiene: a key
 * whose policy and rotation you control and whose use CloudTrail logs.
 */
export const dynamoDbCustomerKey = resourceRule({
  id: 'EDA-DDB-002',
  service: 'DynamoDB',
  severity: 'warning',
  title: 'DynamoDB tables are encrypted with a customer-managed KMS key',
  publicIds: { checkov: ['CKV_AWS_119'], trivy: ['AWS-0025'], controlTower: ['CT.DYNAMODB.PR.2'] },
  resourceTypes: ['aws_dynamodb_table'],
  check(table) {
    const enabled = bool(at(table.config, 'server_side_encryption.enabled'));
    const key = at(table.config, 'server_side_encryption.kms_key_arn');
    if (enabled === true && isSet(key) && !/alias\/aws\/dynamodb$/.test(literal(key) ?? '')) return;
    // Known only at plan (a variable, a dynamic block): the key cannot be told.
    if (isExpression(at(table.config, 'server_side_encryption.enabled')) || (enabled === true && isExpression(key))) return;
    return fail(
      enabled === true ? 'table is encrypted with the AWS managed key, not a customer-managed one' : 'table is encrypted with an AWS owned key, not a customer-managed one',
      'set server_side_encryption { enabled = true, kms_key_arn = <customer-managed key ARN> }',
    );
  },
});
