import { fail, resourceRule } from '../../rule';
import { at, isSet } from '../../../core/values';

/**
 * A bucket says how its objects are encrypted at rest: an
 * `aws_s3_bucket_server_side_encryption_configuration` on it (or, in older
 * configurations, its inline `server_side_encryption_configuration`). S3
 * applies SSE-S3 to new objects of every bucket since January 2023, but
 * Checkov, trivy and Security Hub flag a bucket that does not state it, and
 * principle 1 wants the default stated.
 */
export const s3BucketEncrypted = resourceRule({
  id: 'EDA-S3-001',
  service: 'S3',
  severity: 'error',
  title: 'S3 buckets declare encryption at rest (SSE-S3 or SSE-KMS)',
  publicIds: { checkov: ['CKV_AWS_19'], trivy: ['AWS-0088'], awsConfig: ['s3-bucket-server-side-encryption-enabled'] },
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, graph) {
    if (isSet(at(bucket.config, 'server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.sse_algorithm'))) return;
    const configurations = graph.referencesTo(bucket, 'aws_s3_bucket_server_side_encryption_configuration').filter((r) => r.argument === 'bucket');
    if (configurations.length > 0) return;
    return fail(
      'bucket does not declare encryption at rest',
      'add an aws_s3_bucket_server_side_encryption_configuration on the bucket with sse_algorithm "AES256" (SSE-S3) or "aws:kms" and a key (with bucket_key_enabled = true)',
    );
  },
});
