/**
 * The routing model of a synthesized stack (buses, rules and targets, topics
 * and subscriptions, queues and their redrive, streams, pipes and event
 * source mappings) and its static analysis. Read by the checks
 * (EDA-ROUTING-001) and by the simulator in `cdktf-eda/testing`.
 */
export { RoutingModel, describeNode, compilePattern } from './model';
export type {
  RoutingSource,
  RoutingModelOptions,
  NodeKind,
  NodeBase,
  NodeOf,
  RoutingNode,
  EndpointNode,
  RoutingEdge,
  CompiledPattern,
  BusNode,
  RuleNode,
  TargetNode,
  TopicNode,
  SubscriptionNode,
  QueueNode,
  FunctionNode,
  TableNode,
  StreamNode,
  PipeNode,
  MappingNode,
  WorkflowNode,
  ExternalNode,
} from './model';
export type { BucketNode, BucketNotificationNode } from './buckets';
export { eventTypeCovers, notificationMatches } from './buckets';
export { analyzeRouting } from './analyze';
export type { RoutingWarning, RoutingWarningCode } from './analyze';
export { renderTemplate, eventBridgeTargetInput, pipeTemplateInput } from './transform';
export { evaluateJsonPath } from './json-path';
