import { fail, resourceRule } from '../../rule';
import { bool, literal } from '../../../core/values';

const SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;
const PUBLIC_ACLS = ['public-read', 'public-read-write', 'authenticated-read'];

/**
 * A bucket blocks public access at bucket level (all four settings of an
 * `aws_s3_bucket_public_access_block` on it) and grants no public canned
 * ACL: a bucket policy or ACL written later cannot then open it to everyone.
 */
export const s3BucketNotPublic = resourceRule({
  id: 'EDA-S3-002',
  service: 'S3',
  severity: 'error',
  title: 'S3 buckets block public access (all four settings) and grant no public ACL',
  publicIds: {
    checkov: ['CKV2_AWS_6', 'CKV_AWS_20', 'CKV_AWS_57'],
    cdkNag: ['AwsSolutions-S2'],
    trivy: ['AWS-0086', 'AWS-0087', 'AWS-0091', 'AWS-0093', 'AWS-0094'],
    securityHub: ['S3.8', 'S3.2', 'S3.3'],
  },
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, graph) {
    const problems: Array<ReturnType<typeof fail>> = [];
    const blocks = graph.referencesTo(bucket, 'aws_s3_bucket_public_access_block').filter((r) => r.argument === 'bucket').map((r) => r.from);
    if (blocks.length === 0) {
      problems.push(fail('bucket has no public access block', `add an aws_s3_bucket_public_access_block on the bucket with ${SETTINGS.map((s) => `${s} = true`).join(', ')}`));
    } else {
      const off = SETTINGS.filter((s) => !blocks.some((b) => bool(b.config[s]) === true || (typeof b.config[s] === 'string' && String(b.config[s]).includes('${'))));
      if (off.length > 0) problems.push(fail(`bucket's public access block leaves ${off.join(', ')} off`, `set ${off.map((s) => `${s} = true`).join(', ')}`));
    }
    const acls = [literal(bucket.config.acl), ...graph.referencesTo(bucket, 'aws_s3_bucket_acl').filter((r) => r.argument === 'bucket').map((r) => literal(r.from.config.acl))];
    const publicAcl = acls.find((a) => a !== undefined && PUBLIC_ACLS.includes(a));
    if (publicAcl) problems.push(fail(`bucket grants the public canned ACL "${publicAcl}"`, 'remove the ACL: disable ACLs with aws_s3_bucket_ownership_controls object_ownership = "BucketOwnerEnforced" and grant access in IAM or the bucket policy'));
    return problems;
  },
});
