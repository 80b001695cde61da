import { fail, resourceRule } from '../../rule';
import { bool, isExpression } from '../../../core/values';

/** A table has deletion protection, so neither a stray `terraform destroy` nor DeleteTable can drop it. */
export const dynamoDbDeletionProtection = resourceRule({
  id: 'EDA-DDB-004',
  service: 'DynamoDB',
  severity: 'warning',
  title: 'DynamoDB tables have deletion protection',
  publicIds: { securityHub: ['DynamoDB.6'], awsConfig: ['dynamodb-table-deletion-protection-enabled'] },
  resourceTypes: ['aws_dynamodb_table'],
  check(table) {
    const v = table.config.deletion_protection_enabled;
    if (bool(v) === true || isExpression(v)) return;
    return fail('table has no deletion protection', 'set deletion_protection_enabled = true (false only where the environment is disposable)');
  },
});
