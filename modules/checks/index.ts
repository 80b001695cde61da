/**
 * Synth-time checks of a stack's Terraform JSON: security, reliability and
 * AWS limits, across resources (a queue's DLQ, the policy that admits a
 * rule's target, the key of a topic EventBridge publishes to).
 *
 * ```ts
 * enableChecks(stack);                                   // errors fail synth, warnings print
 * suppress(queue, 'EDA-SQS-006', 'replayed by hand');    // per construct, with a reason
 * ```
 */
export { enableChecks, checkStack } from './enable';
export type { EnableChecksOptions } from './enable';
export { suppress } from './suppress';
export { evaluate, suppressionsOf } from './engine';
export type { CheckOptions, CheckResult, Finding, Suppression } from './engine';
export { allRules, defaultRules, ruleById } from './pack';
export { resourceRule, identityPolicyRule, fail } from './rule';
export type { Rule, Severity, Service, PublicIds, Problem, CheckOutcome, ResourceRuleDefinition, IdentityPolicyRuleDefinition } from './rule';
export { ResourceGraph } from './graph';
export type { Reference, Delivery, PolicyHolder, KeyReference, DeadLetterTarget, EventSource } from './graph';
export type { Statement, Principal, Condition } from './iam';
export { toSarif } from './sarif';
export type { SarifOptions } from './sarif';
export { toText, findingLine, infoLine } from './summary';
export { writeReports, REPORT_FILES } from './reports';
