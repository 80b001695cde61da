import { isToken, PropsValidator } from './validation';

/** CloudWatch Logs log group names: 1–512 letters, digits, `.`, `-`, `_`, `/`, `#`. */
export const LOG_GROUP_NAME = /^[A-Za-z0-9._\/#-]{1,512}$/;

/** Checks a CloudWatch Logs log group name. */
export function validateLogGroupName(v: PropsValidator, field: string, name: string | undefined): void {
  if (name === undefined || isToken(name)) return;
  v.check(
    typeof name === 'string' && LOG_GROUP_NAME.test(name) && !name.startsWith('aws/'),
    field,
    name,
    'log group names must be 1–512 characters of letters, digits, ".", "-", "_", "/" and "#", and must not start with "aws/"',
  );
}
