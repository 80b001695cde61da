import { fail, resourceRule } from '../../rule';

/** A function states its memory and timeout rather than taking Lambda's defaults (128 MB, 3 s). */
export const lambdaMemoryAndTimeout = resourceRule({
  id: 'EDA-LAMBDA-012',
  service: 'Lambda',
  severity: 'warning',
  title: 'Lambda functions set memory_size and timeout',
  publicIds: { cdkNag: ['Serverless-LambdaDefaultMemorySize', 'Serverless-LambdaDefaultTimeout'] },
  resourceTypes: ['aws_lambda_function'],
  check(fn) {
    const missing = ['memory_size', 'timeout'].filter((k) => fn.config[k] === undefined);
    if (missing.length === 0) return;
    return fail(`function does not set ${missing.join(' or ')} (defaults: 128 MB, 3 s)`, `set ${missing.join(' and ')} to what the function needs`);
  },
});
