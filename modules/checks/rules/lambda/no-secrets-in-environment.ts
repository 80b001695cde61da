import { fail, resourceRule } from '../../rule';
import { at, block, literal } from '../../../core/values';

const SECRET_VALUES: Array<[RegExp, string]> = [
  [/\b(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\b/, 'an AWS access key ID'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
  [/\bxox[baprs]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
];
const SECRET_NAME = /(secret|passw(or)?d|pwd|token|api_?key|private_?key|credential)/i;
/** Names that hold a pointer to a secret, not the secret. */
const POINTER_NAME = /(_arn|_name|_id|_path|_param(eter)?|_ref|_url|_uri|_table|_queue|_topic|_bus)$/i;

/**
 * No secret is written into a function's environment variables: they are
 * readable by anyone who can read the function's configuration, and they
 * land in the Terraform state and the synthesized JSON.
 */
export const lambdaNoSecretsInEnvironment = resourceRule({
  id: 'EDA-LAMBDA-006',
  service: 'Lambda',
  severity: 'error',
  title: 'Lambda environment variables hold no secrets',
  publicIds: { checkov: ['CKV_AWS_45'] },
  resourceTypes: ['aws_lambda_function'],
  check(fn) {
    const variables = block(at(fn.config, 'environment.variables')) ?? {};
    const found: string[] = [];
    for (const [name, raw] of Object.entries(variables)) {
      const value = literal(raw);
      if (!value) continue;
      const pattern = SECRET_VALUES.find(([re]) => re.test(value));
      if (pattern) found.push(`${name} (${pattern[1]})`);
      else if (SECRET_NAME.test(name) && !POINTER_NAME.test(name) && value.length >= 8 && !value.startsWith('arn:')) found.push(name);
    }
    if (found.length === 0) return;
    return fail(`function's environment holds what looks like a secret: ${found.join(', ')}`, 'keep the secret in Secrets Manager or SSM Parameter Store and pass its ARN or name instead');
  },
});
