import { fail, resourceRule } from '../../rule';
import { literal } from '../../../core/values';

/**
 * Lambda's deprecation date of each runtime that has one (the long-gone
 * ones as Checkov's CKV_AWS_363 lists them).
 * After it, functions get no security patches; some weeks later Lambda
 * blocks creating, then updating, them. Update as AWS announces dates.
 */
const DEPRECATED: Record<string, string> = {
  nodejs: '2016-10-31',
  'nodejs4.3': '2020-03-05',
  'nodejs4.3-edge': '2020-04-30',
  'nodejs6.10': '2019-08-12',
  'nodejs8.10': '2020-03-06',
  'nodejs10.x': '2021-07-30',
  'nodejs12.x': '2023-03-31',
  'nodejs14.x': '2023-12-04',
  'nodejs16.x': '2024-06-12',
  'nodejs18.x': '2025-09-01',
  'nodejs20.x': '2026-04-30',
  'python2.7': '2021-07-15',
  'python3.6': '2022-07-18',
  'python3.7': '2023-12-04',
  'python3.8': '2024-10-14',
  'python3.9': '2025-12-15',
  'python3.10': '2026-06-30',
  java8: '2024-01-08',
  'java8.al2': '2026-06-30',
  'dotnetcore1.0': '2019-07-30',
  'dotnetcore2.0': '2019-05-30',
  'dotnetcore2.1': '2022-01-05',
  'dotnetcore3.1': '2023-04-03',
  'dotnet5.0': '2022-05-10',
  dotnet6: '2024-12-20',
  dotnet7: '2024-05-14',
  'ruby2.5': '2021-07-30',
  'ruby2.7': '2023-12-07',
  'ruby3.2': '2026-03-31',
  'go1.x': '2024-01-08',
  provided: '2024-01-08',
  'provided.al2': '2026-06-30',
};

/** A function's runtime is still supported by Lambda. */
export const lambdaDeprecatedRuntime = resourceRule({
  id: 'EDA-LAMBDA-008',
  service: 'Lambda',
  severity: 'error',
  title: 'Lambda functions use a runtime Lambda still supports',
  publicIds: { checkov: ['CKV_AWS_363'], securityHub: ['Lambda.2'] },
  resourceTypes: ['aws_lambda_function'],
  check(fn) {
    const runtime = literal(fn.config.runtime);
    const date = runtime && DEPRECATED[runtime];
    if (!date || new Date(`${date}T00:00:00Z`).getTime() > Date.now()) return;
    return fail(`function uses ${runtime}, deprecated by Lambda since ${date} (no security patches; creating and updating such functions gets blocked)`, 'move to the newest runtime of its language, e.g. nodejs24.x or python3.14');
  },
});
