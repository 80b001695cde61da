import { fail, resourceRule } from '../../rule';

/**
 * A topic encrypted with a customer-managed key rather than `alias/aws/sns`.
 * Topics that AWS services publish to are left to EDA-KMS-006, which makes it an error.
 */
export const snsTopicAwsManagedKey = resourceRule({
  id: 'EDA-SNS-002',
  service: 'SNS',
  severity: 'warning',
  title: 'SNS topics use a customer-managed key, not alias/aws/sns',
  publicIds: { trivy: ['AWS-0136'] },
  resourceTypes: ['aws_sns_topic'],
  check(topic, graph) {
    const key = graph.kmsKey(topic.config.kms_master_key_id);
    if (key?.kind !== 'aws-managed' || graph.deliveriesTo(topic).length > 0) return;
    return fail(`topic is encrypted with the AWS managed key ${key.alias}, whose key policy cannot be changed`, 'set kms_master_key_id to a customer-managed KMS key with rotation on');
  },
});
