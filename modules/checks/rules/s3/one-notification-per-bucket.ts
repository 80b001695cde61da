import { Problem, Rule } from '../../rule';

/**
 * A bucket has at most one `aws_s3_bucket_notification`: S3 keeps one
 * notification configuration per bucket, so each resource overwrites the
 * other's at apply and the plan never settles.
 */
export const s3OneNotificationPerBucket: Rule = {
  id: 'EDA-S3-004',
  service: 'S3',
  severity: 'error',
  title: 'Each bucket has one aws_s3_bucket_notification (S3 keeps one notification configuration per bucket)',
  publicIds: {},
  evaluate(graph) {
    const problems: Problem[] = [];
    for (const bucket of graph.resources('aws_s3_bucket')) {
      const notifications = graph.referencesTo(bucket, 'aws_s3_bucket_notification').filter((r) => r.argument === 'bucket').map((r) => r.from);
      if (notifications.length < 2) continue;
      problems.push({
        resource: bucket,
        message: `bucket has ${notifications.length} aws_s3_bucket_notification resources (${notifications.map((n) => graph.label(n)).join(', ')}): S3 keeps one configuration, so each overwrites the others at apply`,
        fix: 'merge them into one aws_s3_bucket_notification holding every queue, topic and lambda_function block (and eventbridge)',
      });
    }
    return problems;
  },
};
