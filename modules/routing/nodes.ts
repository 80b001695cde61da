/**
 * The nodes and edges of a routing model: what each AWS resource that
 * routes events is, read from its Terraform arguments with AWS's defaults.
 */
import { EventPattern, FilterPolicy, FilterPolicyScope, SnsMessage } from '../patterns';
import type { BucketNode } from './buckets';

/** The kinds of node in a routing model; targets, subscriptions and mappings are the resources that join them. */
export type NodeKind = 'bus' | 'rule' | 'target' | 'topic' | 'subscription' | 'queue' | 'function' | 'table' | 'stream' | 'pipe' | 'mapping' | 'workflow' | 'bucket' | 'external';

/** What every node has: where it is in Terraform, in the construct tree and in AWS. */
export interface NodeBase {
  /** What the node is (see {@link NodeKind}); each node type narrows it to one kind. */
  readonly kind: NodeKind;
  /** Terraform address (`aws_sqs_queue.x`); an ARN for an `external` node, `aws_cloudwatch_event_bus.<default>` for the default bus. */
  readonly address: string;
  /** Terraform type (`aws_sqs_queue`), or the ARN's service for an `external` node. */
  readonly type: string;
  /** Name in AWS (queue, topic, function, rule... name); the logical id when AWS names it. */
  readonly name: string;
  /** Construct path, when the JSON carries cdktf metadata. */
  readonly path?: string;
  /** ARN in the simulated account and region (a subscription's ARN for subscriptions); `unresolved: …` when its name is not known at synth. */
  readonly arn: string;
  /**
   * `unresolved: <expression>` when what the node stands for is not known at
   * synth (an endpoint from a module output or a variable, a bus named by a
   * conditional): the model names it by the expression and invents nothing.
   */
  readonly unresolved?: string;
}

/** An EventBridge filter (rule pattern, pipe or event-source-mapping filter), compiled once. */
export interface CompiledPattern {
  /** The pattern as written (JSON text). */
  readonly text: string;
  /** The parsed pattern; undefined when the text is not valid JSON or the pattern cannot be evaluated (see `error`). */
  readonly pattern?: EventPattern;
  /** Why the pattern cannot be evaluated (not JSON, or syntax AWS refuses); such a pattern matches nothing. */
  readonly error?: string;
  /**
   * `unresolved: <expression>` when the pattern is not statically known (a
   * variable, or a document with a value known only at plan): it is neither
   * invalid nor evaluated, and the simulator lets events through it.
   */
  readonly unresolved?: string;
  /** Whether the pattern matches an event (or record), with EventBridge's matching semantics; always `false` when `error` is set, `true` when `unresolved`. */
  readonly matches: (event: unknown) => boolean;
}

/** `aws_cloudwatch_event_bus`, or the account's `default` bus. */
export interface BusNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'bus';
  /** The rules on the bus, in the stack's order. */
  readonly rules: RuleNode[];
  /** True for the account's default bus, which no resource declares. */
  readonly implicit: boolean;
}

/** `aws_cloudwatch_event_rule`. */
export interface RuleNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'rule';
  /** The bus the rule is on (`event_bus_name`); the default bus when unset or not found. */
  readonly bus: BusNode;
  /** The event pattern; absent on schedule-only rules, which no event matches. */
  readonly pattern?: CompiledPattern;
  /** `schedule_expression`, e.g. `rate(5 minutes)`; the simulator does not run schedules. */
  readonly scheduleExpression?: string;
  /** `state` is `ENABLED` or `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS` (or legacy `is_enabled` true). @default true */
  readonly enabled: boolean;
  /** The rule's targets, in the stack's order. */
  readonly targets: TargetNode[];
}

/** `aws_cloudwatch_event_target`. */
export interface TargetNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'target';
  /** The rule the target belongs to. */
  readonly rule: RuleNode;
  /** What `arn` names: a bus, topic, queue or function of the stack, else an external node. */
  readonly endpoint: EndpointNode;
  /** Constant JSON text sent instead of the event. */
  readonly input?: string;
  /** JSONPath of the part of the event sent. */
  readonly inputPath?: string;
  /** `input_transformer`: the text sent is built from the event. */
  readonly inputTransformer?: {
    /** `input_paths`: variable name → JSON path in the event. */
    readonly inputPaths: Record<string, string>;
    /** `input_template`, with `<name>` placeholders. */
    readonly inputTemplate: string;
  };
  /** `dead_letter_config.arn`: where EventBridge sends the event once retries are exhausted. */
  readonly deadLetterQueue?: EndpointNode;
  /** `retry_policy.maximum_retry_attempts`. @default 185 (EventBridge's default) */
  readonly maximumRetryAttempts: number;
  /** `retry_policy.maximum_event_age_in_seconds`. @default 86400 (24 h) */
  readonly maximumEventAgeSeconds: number;
  /** `sqs_target.message_group_id`, for FIFO queue targets. */
  readonly messageGroupId?: string;
  /** `kinesis_target.partition_key_path`, for Kinesis stream targets (EventBridge uses the event ID without it). */
  readonly partitionKeyPath?: string;
}

/** `aws_sns_topic`. */
export interface TopicNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'topic';
  /** `fifo_topic`. @default false */
  readonly fifo: boolean;
  /** The topic's subscriptions, in the stack's order. */
  readonly subscriptions: SubscriptionNode[];
}

/** `aws_sns_topic_subscription`. */
export interface SubscriptionNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'subscription';
  /** The topic subscribed to. */
  readonly topic: TopicNode;
  /** `protocol` (`sqs`, `lambda`, `https`, `email`, …). @default 'sqs' */
  readonly protocol: string;
  /** What `endpoint` names: a queue (`sqs`) or function (`lambda`) of the stack, else an external node. */
  readonly endpoint: EndpointNode;
  /** The parsed filter policy; absent without one, or when it is not JSON. */
  readonly filterPolicy?: FilterPolicy;
  /** The filter policy as written (JSON text); absent without one. */
  readonly filterPolicyText?: string;
  /** Why the filter policy cannot be evaluated (not JSON, or syntax SNS refuses); such a subscription admits nothing. */
  readonly filterPolicyError?: string;
  /** `unresolved: <expression>` when the filter policy is not statically known; such a subscription admits every message (the trace says so). */
  readonly filterPolicyUnresolved?: string;
  /** @default 'MessageAttributes' (SNS's default) */
  readonly filterPolicyScope: FilterPolicyScope;
  /** Whether the filter policy lets a message through: always with no policy, never with an unreadable one. */
  readonly admits: (message: SnsMessage) => boolean;
  /** @default false */
  readonly rawMessageDelivery: boolean;
  /** `redrive_policy.deadLetterTargetArn`. */
  readonly deadLetterQueue?: EndpointNode;
}

/** `aws_sqs_queue`. */
export interface QueueNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'queue';
  /** The queue URL in the simulated account and Region (`https://sqs.<region>.amazonaws.com/<account>/<name>`). */
  readonly url: string;
  /** `fifo_queue`. @default false */
  readonly fifo: boolean;
  /** From `aws_sqs_queue_redrive_policy` or the queue's inline `redrive_policy`. */
  readonly redrive?: {
    /** What `deadLetterTargetArn` names. */
    readonly deadLetterQueue: EndpointNode;
    /** Receives after which SQS moves a message to the DLQ. @default 10 when the policy does not say */
    readonly maxReceiveCount: number;
  };
  /** Event source mappings and pipes reading from the queue (they compete for each message). */
  readonly consumers: Array<MappingNode | PipeNode>;
  /** @default 30 */
  readonly visibilityTimeoutSeconds: number;
  /** @default 345600 (4 days) */
  readonly messageRetentionSeconds: number;
}

/** `aws_lambda_function`. */
export interface FunctionNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'function';
  /** `dead_letter_config.target_arn`: where failed asynchronous invocations go. */
  readonly deadLetterTarget?: EndpointNode;
  /** From `aws_lambda_function_event_invoke_config`. @default 2 (Lambda's default for asynchronous invocations) */
  readonly maximumRetryAttempts: number;
  /** `aws_lambda_function_event_invoke_config` on-failure destination. */
  readonly onFailure?: EndpointNode;
  /** @default 3 (seconds) */
  readonly timeout: number;
}

/** `aws_dynamodb_table`. */
export interface TableNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'table';
  /** `stream_enabled`. @default false */
  readonly streamEnabled: boolean;
  /** `KEYS_ONLY`, `NEW_IMAGE`, `OLD_IMAGE` or `NEW_AND_OLD_IMAGES`. */
  readonly streamViewType?: string;
  /** The stream ARN, `<table ARN>/stream/2024-01-01T00:00:00.000`: a fixed label keeps payloads deterministic. */
  readonly streamArn: string;
  /** `hash_key`: the partition key attribute. */
  readonly hashKey?: string;
  /** `range_key`: the sort key attribute, if the table has one. */
  readonly rangeKey?: string;
  /** Pipes and event source mappings reading the stream (each reads every record). */
  readonly consumers: Array<MappingNode | PipeNode>;
}

/** `aws_kinesis_stream`. */
export interface StreamNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'stream';
  /** Event source mappings (on the stream or its fan-out consumers) and pipes reading it; each reads every record. */
  readonly consumers: Array<MappingNode | PipeNode>;
}

/** `aws_pipes_pipe`. */
export interface PipeNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'pipe';
  /** What `source` names: a table (its stream) or a queue of the stack, else an external node. */
  readonly source: EndpointNode;
  /** What `target` names: a bus, topic, queue or function of the stack, else an external node. */
  readonly target: EndpointNode;
  /** `source_parameters.filter_criteria.filter[].pattern`; a record passes when any matches. */
  readonly filters: CompiledPattern[];
  /** `desired_state` is not `STOPPED`. */
  readonly running: boolean;
  /** `enrichment`: the function that reshapes each batch before the target. */
  readonly enrichment?: EndpointNode;
  /** `target_parameters.input_template`, with `<$.path>` placeholders. */
  readonly inputTemplate?: string;
  /** `target_parameters.eventbridge_event_bus_parameters`: static values or `$.` JSON paths into the record. */
  readonly eventBusParameters?: {
    /** `source` of the event put. @default `Pipe <pipe name>` */
    readonly source?: string;
    /** `detail_type` of the event put. @default `Event from <source service>` (e.g. `aws:dynamodb`) */
    readonly detailType?: string;
    /** `resources` of the event put. @default [] */
    readonly resources?: string[];
    /** `time` of the event put. @default the simulation's time */
    readonly time?: string;
  };
  /** The stream source's `dead_letter_config.arn`. */
  readonly deadLetterQueue?: EndpointNode;
  /** Stream sources' `maximum_retry_attempts`; -1 retries until the record expires. @default -1 */
  readonly maximumRetryAttempts: number;
}

/** `aws_lambda_event_source_mapping`. */
export interface MappingNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'mapping';
  /** What `event_source_arn` names: a table (its stream), a Kinesis stream (also through its fan-out consumer) or a queue of the stack, else an external node. */
  readonly source: EndpointNode;
  /** What `function_name` names (through an alias if need be). */
  readonly function: EndpointNode;
  /** `filter_criteria.filter[].pattern`; a record passes when any matches. */
  readonly filters: CompiledPattern[];
  /** @default true */
  readonly enabled: boolean;
  /** `function_response_types` holds `ReportBatchItemFailures`. */
  readonly reportBatchItemFailures: boolean;
  /** Stream sources only; -1 retries until the record expires. @default -1 */
  readonly maximumRetryAttempts: number;
  /** `destination_config.on_failure.destination_arn` (stream sources). */
  readonly onFailure?: EndpointNode;
  /** `batch_size`, when set (the simulator sends one record at a time). */
  readonly batchSize?: number;
}

/** `aws_sfn_state_machine`: a Step Functions workflow, started by rule targets and pipes. */
export interface WorkflowNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'workflow';
  /** `type`. @default 'STANDARD' */
  readonly workflowType: 'STANDARD' | 'EXPRESS';
  /** What its Task states call (functions, queues, topics, tables, buses), read from the definition, in order. */
  readonly calls: ReadonlyArray<{
    /** The Task state's name. */
    readonly state: string;
    /** What it calls. */
    readonly endpoint: EndpointNode;
  }>;
}

/** An ARN or name the stack refers to but does not declare (another stack's queue, a Step Functions state machine...). */
export interface ExternalNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'external';
}

/** Any node. */
export type RoutingNode = BusNode | RuleNode | TargetNode | TopicNode | SubscriptionNode | QueueNode | FunctionNode | TableNode | StreamNode | PipeNode | MappingNode | WorkflowNode | BucketNode | ExternalNode;
/** Nodes that receive payloads: what targets, subscriptions, pipes and DLQ settings point at. */
export type EndpointNode = BusNode | TopicNode | QueueNode | FunctionNode | TableNode | StreamNode | WorkflowNode | ExternalNode;
/** The node type of a kind. */
export type NodeOf<K extends NodeKind> = Extract<
  RoutingNode,
  {
    /** The kind selected. */
    kind: K;
  }
>;

/** A directed edge of the routing graph, for diagrams and analysis. */
export interface RoutingEdge {
  /** Where the flow starts (a bus, topic, queue, table, rule, target, function…). */
  readonly from: RoutingNode;
  /** Where it goes. */
  readonly to: RoutingNode;
  /** `route` carries events; `deadLetter` carries what failed. */
  readonly kind: 'route' | 'deadLetter';
  /** The pattern, filter, transform or redrive setting on the edge. */
  readonly label?: string;
  /** The resource that makes the edge (rule, target, subscription, pipe, event source mapping), when not `from` itself. */
  readonly via?: RoutingNode;
}

/** `kind name (path)` for messages. */
export function describeNode(node: Pick<NodeBase, 'kind' | 'name' | 'path' | 'address' | 'unresolved'>): string {
  if (node.unresolved) return node.unresolved;
  return `${node.kind} ${node.name}${node.path ? ` (${node.path})` : node.kind === 'external' ? '' : ` (${node.address})`}`;
}
