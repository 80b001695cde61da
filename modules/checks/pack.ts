import { Rule } from './rule';
import * as sqs from './rules/sqs';
import * as sns from './rules/sns';
import * as eventbridge from './rules/eventbridge';
import * as dynamodb from './rules/dynamodb';
import * as kinesis from './rules/kinesis';
import * as lambda from './rules/lambda';
import * as pipes from './rules/pipes';
import * as kms from './rules/kms';
import * as iam from './rules/iam';
import * as apigateway from './rules/apigateway';
import * as terraform from './rules/terraform';
import * as routing from './rules/routing';
import * as stepfunctions from './rules/stepfunctions';
import * as s3 from './rules/s3';

/**
 * Every rule of the pack, by ID: each service folder of `rules/` exports its
 * rules, so a new rule is a new file there and one export line.
 */
export const allRules: readonly Rule[] = [sqs, sns, eventbridge, dynamodb, kinesis, lambda, pipes, kms, iam, apigateway, stepfunctions, terraform, routing, s3]
  .flatMap((folder) => Object.values(folder).map(asRule))
  .sort((a, b) => a.id.localeCompare(b.id));

/** The rules run unless told otherwise: every rule not marked `optional`. */
export const defaultRules: readonly Rule[] = allRules.filter((r) => !r.optional);

/** Rules by ID. */
export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}

/** A rule folder exports rules and nothing else (shared helpers live beside the engine). */
function asRule(value: unknown): Rule {
  const rule = value as Partial<Rule>;
  if (typeof rule?.id !== 'string' || typeof rule.evaluate !== 'function') throw new Error(`a rules/ folder exports something that is not a rule: ${String(value)}`);
  return rule as Rule;
}
