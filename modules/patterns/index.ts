/**
 * EventBridge event patterns and SNS filter policies: types, builders, validation against AWS's
 * rules and limits, and evaluation with AWS's matching semantics. The same code checks patterns
 * at synth and evaluates them in the offline simulator.
 */
export type {
  AnythingButMatch,
  AnythingButValue,
  CidrMatch,
  EqualsIgnoreCaseMatch,
  EventPattern,
  EventPatternLeaf,
  EventPatternOperator,
  ExistsMatch,
  FilterPolicy,
  FilterPolicyAnythingButMatch,
  FilterPolicyAnythingButValue,
  FilterPolicyLeaf,
  FilterPolicyOperator,
  FilterPolicyScope,
  LowerBoundOperator,
  NumericExpression,
  NumericMatch,
  NumericOperator,
  OrAlternatives,
  PatternDialect,
  PatternPrimitive,
  PatternProblem,
  PrefixMatch,
  SnsMessage,
  SuffixMatch,
  UpperBoundOperator,
  WildcardMatch,
} from './types';
export { match, type AnythingButInput, type StringMatchOptions } from './builders';
export {
  validateEventPattern,
  MAX_OR_COMBINATIONS,
  MAX_WILDCARD_COMPLEXITY,
  type ValidateEventPatternOptions,
} from './validate-event-pattern';
export {
  validateFilterPolicy,
  MAX_FILTER_POLICY_BYTES,
  MAX_FILTER_POLICY_COMBINATIONS,
  MAX_FILTER_POLICY_KEYS,
} from './validate-filter-policy';
export { compileEventPattern, matchesEventPattern, PatternSyntaxError } from './evaluate-event-pattern';
export { compileFilterPolicy, matchesFilterPolicy } from './evaluate-filter-policy';
