import { fail, resourceRule } from '../../rule';
import { literal } from '../../../core/values';

/** Newest Lambda runtime of each language (the "Lambda runtimes" page; update as AWS adds runtimes). */
const LATEST: Record<string, string> = { nodejs: 'nodejs24.x', python: 'python3.14', java: 'java25', dotnet: 'dotnet10', ruby: 'ruby3.4' };

/** A function uses the newest runtime of its language, as cdk-nag's L1 asks; OS-only runtimes are not checked. */
export const lambdaLatestRuntime = resourceRule({
  id: 'EDA-LAMBDA-009',
  service: 'Lambda',
  severity: 'warning',
  optional: true,
  title: 'Lambda functions use the newest runtime of their language',
  publicIds: { cdkNag: ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion'] },
  resourceTypes: ['aws_lambda_function'],
  check(fn) {
    const runtime = literal(fn.config.runtime);
    const family = runtime && /^(nodejs|python|java|dotnet|ruby)/.exec(runtime)?.[1];
    const latest = family && LATEST[family];
    if (!latest || runtime === latest) return;
    return fail(`function uses ${runtime}, not the newest ${family} runtime ${latest}`, `move to ${latest}`);
  },
});
