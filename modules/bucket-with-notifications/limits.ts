import { S3 } from '../core/aws-limits';
import { isToken, PropsValidator } from '../core/validation';

export { S3 };

/** Prefixes S3 reserves: a bucket name may not start with them. */
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
/** Suffixes S3 reserves for access point, Object Lambda, Multi-Region Access Point and directory bucket names. */
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** Why `name` is not a valid general purpose bucket name, or undefined when it is one. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < S3.bucketNameMinLength || name.length > S3.bucketNameMaxLength) return `must be 3–63 characters long (it has ${name.length})`;
  if (!/^[a-z0-9.-]+$/.test(name)) return 'may hold only lowercase letters, digits, "." and "-"';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'must begin and end with a lowercase letter or a digit';
  if (name.includes('..')) return 'must not hold two adjacent periods';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'must not be formatted as an IP address';
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `must not start with "${prefix}" (reserved by S3)`;
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `must not end with "${suffix}" (reserved by S3)`;
  return undefined;
}

/** Checks a bucket name against the S3 naming rules; a token is left to apply. */
export function validateBucketName(v: PropsValidator, field: string, name: string | undefined): void {
  if (name === undefined || isToken(name)) return;
  const problem = bucketNameProblem(name);
  v.check(problem === undefined, field, name, `S3 bucket names ${problem ?? ''}: 3–63 lowercase letters, digits, "." and "-", beginning and ending with a letter or digit`);
}
