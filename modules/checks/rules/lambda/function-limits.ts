import { Limits } from '../../limits';
import { resourceRule } from '../../rule';
import { isSet, literal } from '../../../core/values';
import { LAMBDA } from '../../../core/aws-limits';

const FUNCTION_NAME = new RegExp(`^[a-zA-Z0-9_-]{1,${LAMBDA.functionNameMaxLength}}$`);

/** A function's arguments are within what CreateFunction accepts (Lambda quotas). */
export const lambdaFunctionLimits = resourceRule({
  id: 'EDA-LAMBDA-013',
  service: 'Lambda',
  severity: 'error',
  title: 'Lambda function arguments are within AWS limits',
  publicIds: {},
  resourceTypes: ['aws_lambda_function'],
  check(fn) {
    const c = fn.config;
    const image = literal(c.package_type) === 'Image';
    return new Limits(c)
      .matches('function_name', FUNCTION_NAME, `up to ${LAMBDA.functionNameMaxLength} of a-z A-Z 0-9 _ -`)
      .range('timeout', 1, LAMBDA.maxTimeoutSeconds, 'seconds')
      .range('memory_size', LAMBDA.minMemoryMb, LAMBDA.maxMemoryMb, 'MB')
      .range('ephemeral_storage.size', LAMBDA.minEphemeralStorageMb, LAMBDA.maxEphemeralStorageMb, 'MB')
      .range('reserved_concurrent_executions', 0, LAMBDA.maxReservedConcurrency, '', -1)
      .oneOf('package_type', ['Zip', 'Image'])
      .check(image || isSet(c.runtime), 'function (package_type Zip) has no runtime', 'set runtime, e.g. nodejs22.x')
      .check(image || isSet(c.handler), 'function (package_type Zip) has no handler', 'set handler, e.g. index.handler').outcome;
  },
});
