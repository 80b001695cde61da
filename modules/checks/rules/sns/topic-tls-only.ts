import { deniesInsecureTransport } from '../../iam';
import { fail, resourceRule } from '../../rule';
import { isSet } from '../../../core/values';

/**
 * An unencrypted topic's policy denies publishing without TLS. As in
 * cdk-nag's rule, a topic encrypted with KMS passes.
 */
export const snsTopicTlsOnly = resourceRule({
  id: 'EDA-SNS-005',
  service: 'SNS',
  severity: 'warning',
  title: 'SNS topics without KMS encryption deny publishing without TLS',
  publicIds: { cdkNag: ['AwsSolutions-SNS3'] },
  resourceTypes: ['aws_sns_topic'],
  check(topic, graph) {
    if (isSet(topic.config.kms_master_key_id)) return;
    const statements = graph.topicPolicies(topic).map((h) => graph.statements(h.policy));
    if (statements.some((s) => s === undefined)) return;
    if (statements.flat().some((s) => s && deniesInsecureTransport(s, 'sns:Publish'))) return;
    return fail('topic policy does not deny publishing without TLS', 'add a Deny of sns:Publish to Principal * with Condition Bool aws:SecureTransport = false');
  },
});
