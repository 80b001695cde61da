import { admitsService, coversAction, Statement } from '../../iam';
import { Problem, Rule } from '../../rule';

/**
 * The encryption-context key each destination's service sets when it calls
 * KMS for a delivery (SNS "Key management"; SQS "Encryption at rest").
 */
const CONTEXT_KEY: Record<string, string> = {
  aws_sns_topic: 'kms:EncryptionContext:aws:sns:topicArn',
  aws_sqs_queue: 'kms:EncryptionContext:aws:sqs:arn',
};

/**
 * Condition keys a KMS request made for a delivering service can carry. AWS
 * documents the destination's encryption context and `kms:ViaService`; it
 * documents no `aws:SourceArn`, `aws:SourceAccount` or `aws:SourceOrgID` for
 * these calls, and deliveries fail when a key policy requires them, so a
 * condition on any other key fails closed.
 */
function suppliedKeys(contextKey: string): Set<string> {
  return new Set([contextKey.toLowerCase(), 'kms:viaservice']);
}

/** The condition keys of a statement that the KMS request does not carry. */
function unsuppliedKeys(statement: Statement, supplied: Set<string>): string[] {
  return [...new Set(statement.conditions.map((c) => c.key).filter((k) => !supplied.has(k.toLowerCase())))];
}

/**
 * An encrypted queue or topic that an AWS service delivers to uses a
 * customer-managed key whose policy lets that service use it
 * (kms:GenerateDataKey* and kms:Decrypt), on conditions the KMS request
 * actually carries. The key policy of an AWS managed key (`alias/aws/sqs`,
 * `alias/aws/sns`) cannot be changed to admit EventBridge or SNS, so their
 * deliveries fail at run time (SNS "dead-letter queues", EventBridge
 * "encrypted SQS targets").
 */
export const kmsKeyAdmitsPublishers: Rule = {
  id: 'EDA-KMS-006',
  service: 'KMS',
  severity: 'error',
  title: 'Encrypted queues and topics that AWS services deliver to use a customer-managed key whose policy admits those services, scoped by the encryption context',
  publicIds: {},
  evaluate(graph) {
    const problems: Problem[] = [];
    const seen = new Set<string>();
    for (const d of graph.deliveries()) {
      const contextKey = CONTEXT_KEY[d.destination.type];
      if (!contextKey) continue;
      const key = graph.kmsKey(d.destination.config.kms_master_key_id);
      const id = `${d.destination.address} ${d.service}`;
      if (!key || seen.has(id)) continue;
      seen.add(id);
      const what = d.destination.type === 'aws_sqs_queue' ? 'queue' : 'topic';
      const fix = `add to the key policy an Allow of kms:GenerateDataKey* and kms:Decrypt for Service ${d.service}, conditioned on StringEquals ${contextKey} = the ${what}'s ARN (not on aws:SourceArn or aws:SourceAccount, which these KMS requests do not carry)`;
      if (key.kind === 'aws-managed') {
        problems.push({
          resource: d.destination,
          message: `${what} is encrypted with the AWS managed key ${key.alias}, which ${d.service} cannot use, so its deliveries fail`,
          fix: `encrypt with a customer-managed key whose policy allows ${d.service} kms:GenerateDataKey* and kms:Decrypt, conditioned on ${contextKey}`,
        });
        continue;
      }
      const statements = graph.keyStatements(key.key);
      if (statements === undefined) continue;
      const supplied = suppliedKeys(contextKey);
      const candidates = (action: string): Statement[] => statements.filter((s) => s.effect === 'Allow' && admitsService(s, d.service) && coversAction(s, action));
      const admitted = (action: string): boolean => candidates(action).some((s) => unsuppliedKeys(s, supplied).length === 0);
      if (admitted('kms:GenerateDataKey') && admitted('kms:Decrypt')) continue;
      const conditioned = [...candidates('kms:GenerateDataKey'), ...candidates('kms:Decrypt')].flatMap((s) => unsuppliedKeys(s, supplied));
      const message =
        conditioned.length > 0
          ? `${what}'s key ${graph.label(key.key)} lets ${d.service} use it only under ${[...new Set(conditioned)].join(', ')}, which the KMS request made for it does not carry (AWS documents only ${contextKey} and kms:ViaService there), so its deliveries fail`
          : `${what}'s key ${graph.label(key.key)} does not let ${d.service} use it (kms:GenerateDataKey*, kms:Decrypt), so its deliveries fail`;
      problems.push({ resource: d.destination, message, fix });
    }
    return problems;
  },
};
