import { admission } from '../../grants';
import { Delivery } from '../../graph';
import { Problem, Rule } from '../../rule';
import { blocks, literal } from '../../../core/values';

const S3 = 's3.amazonaws.com';
const DESTINATIONS = [
  { block: 'queue', arn: 'queue_arn', type: 'aws_sqs_queue', action: 'sqs:SendMessage', policy: 'queue policy' },
  { block: 'topic', arn: 'topic_arn', type: 'aws_sns_topic', action: 'sns:Publish', policy: 'topic policy' },
  { block: 'lambda_function', arn: 'lambda_function_arn', type: 'aws_lambda_function', action: 'lambda:InvokeFunction', policy: 'Lambda permissions' },
] as const;

/**
 * Every queue, topic and function a bucket notifies directly lets
 * `s3.amazonaws.com` deliver, for that bucket (`aws:SourceArn`). S3 checks
 * this when the notification configuration is put, and refuses the whole
 * configuration when one destination does not admit it: the apply fails.
 */
export const s3NotificationDestinationsAdmitS3: Rule = {
  id: 'EDA-S3-003',
  service: 'S3',
  severity: 'error',
  title: 'Queues, topics and functions that buckets notify let s3.amazonaws.com deliver, for that bucket',
  publicIds: {},
  evaluate(graph) {
    const problems: Problem[] = [];
    for (const via of graph.resources('aws_s3_bucket_notification')) {
      const bucket = graph.ref(via.config.bucket, 'aws_s3_bucket');
      const bucketLabel = bucket ? graph.label(bucket) : 'the bucket';
      for (const d of DESTINATIONS) {
        for (const b of blocks(via.config[d.block])) {
          const destination = graph.ref(b[d.arn], d.type);
          if (!destination) continue;
          const id = literal(b.id) ?? d.block;
          const what = `notification "${id}" to ${graph.label(destination)}`;
          const fix = `let ${S3} ${d.action} in the ${d.policy} of ${graph.label(destination)}, on condition aws:SourceArn = the ARN of ${bucketLabel} and aws:SourceAccount = its account`;
          if (d.type === 'aws_lambda_function') {
            const permissions = graph
              .referencesTo(destination, 'aws_lambda_permission')
              .filter((r) => r.argument === 'function_name')
              .map((r) => r.from)
              .filter((p) => literal(p.config.principal) === S3);
            const forBucket = permissions.some((p) => !bucket || graph.ref(p.config.source_arn) === bucket || literal(p.config.source_arn) !== undefined);
            if (!forBucket) {
              problems.push({
                resource: via,
                message: `${what}: no aws_lambda_permission lets ${S3} invoke it${permissions.length > 0 ? ' for this bucket (source_arn)' : ''}, so S3 refuses the notification configuration`,
                fix,
              });
            }
            continue;
          }
          const holders = d.type === 'aws_sqs_queue' ? graph.queuePolicies(destination) : graph.topicPolicies(destination);
          const parsed = holders.map((h) => graph.statements(h.policy));
          if (parsed.some((s) => s === undefined)) continue;
          const delivery: Delivery = { service: S3, action: d.action, source: bucket, via, destination, as: 'endpoint' };
          const found = admission(parsed.flatMap((s) => s ?? []), delivery);
          if (found === 'scoped') continue;
          const message =
            found === 'unscoped'
              ? `${what}: the ${d.policy} lets ${S3} ${d.action} with no aws:SourceArn condition, so any account's buckets can use the grant`
              : found === 'other-source'
                ? `${what}: the ${d.policy} lets ${S3} deliver only for other buckets`
                : `${what}: the ${d.policy} does not let ${S3} ${d.action}, so S3 refuses the notification configuration`;
          problems.push({ resource: via, message, fix });
        }
      }
    }
    return problems;
  },
};
