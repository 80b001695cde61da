import { fail, resourceRule } from '../../rule';
import { at, isExpression } from '../../../core/values';

/** A function traces with X-Ray (`Active`), so a request can be followed through the event flow. */
export const lambdaTracing = resourceRule({
  id: 'EDA-LAMBDA-001',
  service: 'Lambda',
  severity: 'warning',
  title: 'Lambda functions have active X-Ray tracing',
  publicIds: { checkov: ['CKV_AWS_50'], cdkNag: ['Serverless-LambdaTracing'], trivy: ['AWS-0066'] },
  resourceTypes: ['aws_lambda_function'],
  check(fn) {
    const mode = at(fn.config, 'tracing_config.mode');
    if (mode === 'Active' || isExpression(mode)) return;
    return fail(mode === undefined ? 'function has no X-Ray tracing' : `function has tracing_config.mode = ${mode}`, 'set tracing_config { mode = "Active" }');
  },
});
