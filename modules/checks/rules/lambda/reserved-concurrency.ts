import { fail, resourceRule } from '../../rule';
import { num } from '../../../core/values';

/** A function has reserved concurrency, so one function cannot starve the account's pool. */
export const lambdaReservedConcurrency = resourceRule({
  id: 'EDA-LAMBDA-003',
  service: 'Lambda',
  severity: 'warning',
  optional: true,
  title: 'Lambda functions have reserved concurrency',
  publicIds: { checkov: ['CKV_AWS_115'], cdkNag: ['HIPAA.Security-LambdaConcurrency', 'NIST.800.53.R5-LambdaConcurrency'] },
  resourceTypes: ['aws_lambda_function'],
  check(fn) {
    const v = fn.config.reserved_concurrent_executions;
    const n = num(v);
    if (v !== undefined && (n === undefined || n > 0)) return;
    return fail(n === 0 ? 'function has reserved concurrency 0, so it is always throttled' : 'function has no reserved concurrency', 'set reserved_concurrent_executions to the most it may use');
  },
});
