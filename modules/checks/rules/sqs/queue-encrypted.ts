import { fail, resourceRule } from '../../rule';
import { bool, isExpression, isSet } from '../../../core/values';

/**
 * A queue is encrypted at rest, and says so. Absent both arguments AWS
 * applies SSE-SQS to new queues, but Checkov, trivy and Security Hub flag
 * the queue, and principle 1 wants the default stated.
 */
export const sqsQueueEncrypted = resourceRule({
  id: 'EDA-SQS-001',
  service: 'SQS',
  severity: 'error',
  title: 'SQS queues are encrypted at rest with SSE-SQS or SSE-KMS',
  publicIds: { checkov: ['CKV_AWS_27'], cdkNag: ['AwsSolutions-SQS2'], trivy: ['AWS-0096'], securityHub: ['SQS.1'] },
  resourceTypes: ['aws_sqs_queue'],
  check(queue) {
    const sse = queue.config.sqs_managed_sse_enabled;
    if (isSet(queue.config.kms_master_key_id) || bool(sse) === true || isExpression(sse)) return;
    return fail(
      bool(sse) === false ? 'queue has encryption at rest turned off (sqs_managed_sse_enabled = false, no kms_master_key_id)' : 'queue does not declare encryption at rest',
      'set sqs_managed_sse_enabled = true, or kms_master_key_id to a customer-managed KMS key',
    );
  },
});
