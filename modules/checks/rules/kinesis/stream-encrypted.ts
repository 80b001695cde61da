import { fail, resourceRule } from '../../rule';
import { isExpression, isSet, literal } from '../../../core/values';

/**
 * A stream encrypts its records at rest with KMS (`encryption_type = "KMS"`
 * and a key). Without it, Kinesis keeps records unencrypted for the whole
 * retention period (up to a year).
 */
export const kinesisStreamEncrypted = resourceRule({
  id: 'EDA-KINESIS-001',
  service: 'Kinesis',
  severity: 'error',
  title: 'Kinesis streams are encrypted at rest with KMS',
  publicIds: { checkov: ['CKV_AWS_43'], cdkNag: ['AwsSolutions-KDS1'], trivy: ['AWS-0064'], securityHub: ['Kinesis.1'], awsConfig: ['kinesis-stream-encrypted'] },
  resourceTypes: ['aws_kinesis_stream'],
  check(stream) {
    const type = stream.config.encryption_type;
    const key = stream.config.kms_key_id;
    // Known only at plan (a variable): the encryption cannot be told.
    if (isExpression(type) || isExpression(key)) return;
    if (literal(type) === 'KMS' && isSet(key)) return;
    return fail(
      literal(type) === 'KMS' ? 'stream has encryption_type KMS but no kms_key_id' : 'stream is not encrypted at rest',
      'set encryption_type = "KMS" and kms_key_id (alias/aws/kinesis, or a customer-managed key ARN)',
    );
  },
});
