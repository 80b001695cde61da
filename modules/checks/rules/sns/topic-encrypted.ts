import { fail, resourceRule } from '../../rule';
import { isSet } from '../../../core/values';

/** A topic is encrypted at rest: SNS, unlike SQS, encrypts nothing by default. */
export const snsTopicEncrypted = resourceRule({
  id: 'EDA-SNS-001',
  service: 'SNS',
  severity: 'error',
  title: 'SNS topics are encrypted at rest with KMS',
  publicIds: {
    checkov: ['CKV_AWS_26'],
    cdkNag: ['HIPAA.Security-SNSEncryptedKMS', 'NIST.800.53.R5-SNSEncryptedKMS', 'PCI.DSS.321-SNSEncryptedKMS'],
    trivy: ['AWS-0095'],
    securityHub: ['SNS.1'],
    awsConfig: ['sns-encrypted-kms'],
  },
  resourceTypes: ['aws_sns_topic'],
  check(topic) {
    if (isSet(topic.config.kms_master_key_id)) return;
    return fail('topic is not encrypted at rest', 'set kms_master_key_id to a customer-managed KMS key');
  },
});
