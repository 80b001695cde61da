import { fail, resourceRule } from '../../rule';

/**
 * A queue encrypted with a customer-managed key rather than `alias/aws/sqs`,
 * whose key policy nobody can change. Queues that AWS services send to are
 * left to EDA-KMS-006, which makes it an error.
 */
export const sqsQueueAwsManagedKey = resourceRule({
  id: 'EDA-SQS-002',
  service: 'SQS',
  severity: 'warning',
  title: 'SQS queues encrypted with KMS use a customer-managed key, not alias/aws/sqs',
  publicIds: { checkov: ['CKV2_AWS_73'], trivy: ['AWS-0135'] },
  resourceTypes: ['aws_sqs_queue'],
  check(queue, graph) {
    const key = graph.kmsKey(queue.config.kms_master_key_id);
    if (key?.kind !== 'aws-managed' || graph.deliveriesTo(queue).length > 0) return;
    return fail(`queue is encrypted with the AWS managed key ${key.alias}, whose key policy cannot be changed`, 'set kms_master_key_id to a customer-managed KMS key with rotation on');
  },
});
