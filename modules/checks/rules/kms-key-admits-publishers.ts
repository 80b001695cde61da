import { admitsService, coversAction } from '../iam';
import { Problem, Rule } from '../rule';

/**
 * An encrypted queue or topic that an AWS service delivers to uses a
 * customer-managed key whose policy lets that service use it
 * (kms:GenerateDataKey* and kms:Decrypt). The key policy of an AWS managed
 * key (`alias/aws/sqs`, `alias/aws/sns`) cannot be changed to admit
 * EventBridge or SNS, so their deliveries fail at run time (SNS
 * "dead-letter queues", EventBridge "encrypted SQS targets").
 */
export const kmsKeyAdmitsPublishers: Rule = {
  id: 'EDA-KMS-006',
  service: 'KMS',
  severity: 'error',
  title: 'Encrypted queues and topics that AWS services deliver to use a customer-managed key whose policy admits those services',
  publicIds: {},
  evaluate(graph) {
    const problems: Problem[] = [];
    const seen = new Set<string>();
    for (const d of graph.deliveries()) {
      if (d.destination.type !== 'aws_sqs_queue' && d.destination.type !== 'aws_sns_topic') continue;
      const key = graph.kmsKey(d.destination.config.kms_master_key_id);
      const id = `${d.destination.address} ${d.service}`;
      if (!key || seen.has(id)) continue;
      seen.add(id);
      const what = d.destination.type === 'aws_sqs_queue' ? 'queue' : 'topic';
      if (key.kind === 'aws-managed') {
        problems.push({
          resource: d.destination,
          message: `${what} is encrypted with the AWS managed key ${key.alias}, which ${d.service} cannot use, so its deliveries fail`,
          fix: `encrypt with a customer-managed key whose policy allows ${d.service} kms:GenerateDataKey* and kms:Decrypt`,
        });
        continue;
      }
      const statements = graph.keyStatements(key.key);
      if (statements === undefined) continue;
      const admitted = (action: string): boolean => statements.some((s) => s.effect === 'Allow' && admitsService(s, d.service) && coversAction(s, action));
      if (admitted('kms:GenerateDataKey') && admitted('kms:Decrypt')) continue;
      problems.push({
        resource: d.destination,
        message: `${what}'s key ${graph.label(key.key)} does not let ${d.service} use it (kms:GenerateDataKey*, kms:Decrypt), so its deliveries fail`,
        fix: `add to the key policy an Allow of kms:GenerateDataKey* and kms:Decrypt for Service ${d.service}, conditioned on aws:SourceArn`,
      });
    }
    return problems;
  },
};
