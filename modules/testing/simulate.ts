import {
  BusNode,
  describeNode,
  EndpointNode,
  FunctionNode,
  MappingNode,
  NodeBase,
  NodeKind,
  PipeNode,
  QueueNode,
  RoutingModel,
  RoutingSource,
  RuleNode,
  StreamNode,
  SubscriptionNode,
  TableNode,
  TargetNode,
  TopicNode,
} from '../routing';
import { eventBridgeTargetInput, pipeParameter, pipeTemplateInput } from '../routing/transform';
import { Authorizer, Denial } from '../routing/authorization';
import { Failures } from './failures';
import { PublishInput, PutEventsEntry, PutRecordInput, SendMessageInput, SimulationInput, SimulationOptions, snsAttribute, sqsAttribute, StreamRecordInput } from './inputs';
import { kinesisFailureRecord, kinesisFilterView, kinesisRecord, KinesisStreamRecord } from './kinesis';
import { evaluateJsonPath } from '../routing/json-path';
import {
  counterIds,
  DynamoDbStreamRecord,
  EventBridgeEvent,
  PayloadContext,
  received,
  SnsMessageAttribute,
  snsLambdaEvent,
  snsNotification,
  SqsMessage,
  SqsMessageAttribute,
  sqsAttributesFromSns,
  sqsEventRecord,
  sqsMessage,
  stringAttributes,
} from './payloads';
import { asyncFailureRecord, eventBridgeEvent, parseJson, streamFailureRecord, streamRecord } from './records';
import { notificationLabel, notificationMatches } from '../routing/buckets';
import { ObjectCreatedInput, objectCreatedEvent, s3EventBridgeEvent, s3Notification } from './s3-events';
import { Hop, refOf, ResourceRef, Trace } from './trace';

// The input types moved to inputs.ts; they are still offered here.
export type * from './inputs';

const DEFAULT_TIME = '2024-01-01T00:00:00Z';
/** SNS's delivery policy for AWS-managed endpoints: 3 immediate, 2 pre-backoff, 10 backoff, 100,000 post-backoff attempts. */
const SNS_MANAGED_ATTEMPTS = 100_015;
/** SNS's default delivery policy for HTTP/S: 3 retries. */
const SNS_HTTP_ATTEMPTS = 4;
/** SNS's delivery policy for e-mail, SMS and mobile push: 50 attempts over 6 hours. */
const SNS_OTHER_ATTEMPTS = 50;
/** What receives payloads, so what a matcher's reference names. */
const ENDPOINT_KINDS: readonly NodeKind[] = ['bus', 'topic', 'queue', 'function', 'stream', 'workflow', 'external'];

/**
 * Simulates one event through a stack's routing, offline: which rules and
 * subscriptions match, what each endpoint receives (envelopes as AWS builds
 * them), and where failures end up. Ids and timestamps are deterministic.
 *
 * @example
 * const trace = simulate(stack, { kind: 'putEvents', bus: 'orders', entry: { Source: 'orders.service', DetailType: 'OrderPlaced', Detail: { orderId: '1' } } });
 * expect(trace).toBeDeliveredTo('fulfillment');
 */
export function simulate(source: RoutingSource, input: SimulationInput, options: SimulationOptions = {}): Trace {
  const model = RoutingModel.from(source, options);
  return new Simulation(model, options).run(input);
}

class Simulation {
  private readonly hops: Hop[] = [];
  private readonly ctx: PayloadContext;
  private readonly failures: Failures;
  private readonly enrichments = new Map<string, (events: unknown[]) => unknown[]>();
  private readonly refs = new Map<string, ResourceRef>();
  private readonly maxDepth: number;
  /** Undefined when authorization is switched off. */
  private readonly auth?: Authorizer;

  constructor(
    private readonly model: RoutingModel,
    options: SimulationOptions,
  ) {
    const time = new Date(options.time ?? DEFAULT_TIME);
    if (Number.isNaN(time.getTime())) throw new Error(`options.time is not a date: ${String(options.time)}`);
    let sequence = 0n;
    this.ctx = {
      account: model.account,
      region: model.region,
      time,
      nextId: options.ids ?? counterIds(),
      nextSequence: () => (10n ** 20n + ++sequence).toString(),
    };
    this.maxDepth = options.maxDepth ?? 40;
    if (options.authorize !== false) this.auth = Authorizer.of(model);
    this.failures = new Failures(model, options);
    for (const [ref, enrich] of Object.entries(options.enrichments ?? {})) {
      const nodes = this.model.find(ref, ['function', 'external']);
      if (nodes.length === 0) throw new Error(`enrichments: "${ref}" matches no function in the stack`);
      for (const n of nodes) this.enrichments.set(n.address, enrich);
    }
  }

  run(input: SimulationInput): Trace {
    switch (input.kind) {
      case 'putEvents':
        this.putEvents(this.model.resolve(input.bus, ['bus']), input.entry, 0);
        break;
      case 'publish':
        this.publishInput(input);
        break;
      case 'sendMessage':
        this.sendMessageInput(input);
        break;
      case 'streamRecord':
        this.streamRecordInput(input);
        break;
      case 'putRecord':
        this.putRecordInput(input);
        break;
      case 'objectCreated':
        this.objectCreatedInput(input);
        break;
      default:
        throw new Error(`Unknown input kind ${(input as { kind?: unknown }).kind as string}: expected putEvents, streamRecord, putRecord, publish, sendMessage or objectCreated`);
    }
    return new Trace(input, this.hops, (ref) => this.model.find(ref, ENDPOINT_KINDS).map((n) => n.address));
  }

  // ─── helpers ───────────────────────────────────────────────────────────────

  private ref(node: NodeBase): ResourceRef {
    let r = this.refs.get(node.address);
    if (!r) this.refs.set(node.address, (r = refOf(node)));
    return r;
  }

  private push(hop: Hop): void {
    this.hops.push(hop);
  }

  /** Records a refused call; true when there was one. */
  private denied(denial: Denial | undefined, at: NodeBase, endpoint: NodeBase, depth: number): denial is Denial {
    if (!denial) return false;
    this.push({ kind: 'denied', depth, resource: this.ref(at), endpoint: this.ref(endpoint), call: denial.call, reason: denial.reason, policy: denial.policy, statement: denial.statement });
    return true;
  }

  /** False (and a `dropped` hop) when the trace is too deep: a routing loop. */
  private within(depth: number, at: NodeBase): boolean {
    if (depth <= this.maxDepth) return true;
    this.push({ kind: 'dropped', depth, resource: this.ref(at), reason: `stopped after ${this.maxDepth} nested hops (a routing loop?)` });
    return false;
  }

  // ─── EventBridge ───────────────────────────────────────────────────────────

  private putEvents(bus: BusNode, entry: PutEventsEntry, depth: number): void {
    this.receiveEvent(bus, eventBridgeEvent(this.ctx, entry), depth);
  }

  private receiveEvent(bus: BusNode, event: EventBridgeEvent, depth: number): void {
    if (!this.within(depth, bus)) return;
    this.push({ kind: 'event', depth, resource: this.ref(bus), event });
    for (const rule of bus.rules) {
      const reason = !rule.enabled
        ? 'rule is DISABLED'
        : !rule.pattern
          ? 'schedule-only rule: no event pattern'
          : rule.pattern.error
            ? `event_pattern is invalid: ${rule.pattern.error}`
            : undefined;
      const matched = !reason && rule.pattern!.matches(event);
      // A pattern not known at synth lets the event through, and the trace shows it as unresolved.
      this.push({ kind: 'rule', depth: depth + 1, resource: this.ref(rule), matched, pattern: rule.pattern?.unresolved ?? rule.pattern?.text, ...(reason ? { reason } : {}) });
      if (matched) for (const target of rule.targets) this.ruleTarget(rule, target, event, depth + 2);
    }
  }

  private ruleTarget(rule: RuleNode, target: TargetNode, event: EventBridgeEvent, depth: number): void {
    const input = eventBridgeTargetInput(event as unknown as Record<string, unknown>, target, { ruleArn: rule.arn, ruleName: rule.name });
    const maxAttempts = target.maximumRetryAttempts + 1;
    const denial = this.auth?.ruleTarget(target);
    // EventBridge does not retry a delivery refused for lack of permissions: it goes to the DLQ at once.
    const failed = denial ? 1 : this.failures.failedDeliveries([target, target.endpoint], maxAttempts);
    const delivered = !denial && failed < maxAttempts;
    this.push({
      kind: 'target',
      depth,
      resource: this.ref(target),
      endpoint: this.ref(target.endpoint),
      input: input.text,
      missing: input.missing,
      attempts: delivered ? failed + 1 : denial ? 1 : maxAttempts,
      delivered,
    });
    if (delivered) {
      this.fromEventBridge(target.endpoint, input.text, target, depth + 1);
      return;
    }
    this.denied(denial, target, target.endpoint, depth + 1);
    const reason = denial
      ? `delivery denied (${denial.call}), which EventBridge does not retry`
      : `delivery failed ${maxAttempts} times (retry_policy.maximum_retry_attempts ${target.maximumRetryAttempts})`;
    if (!target.deadLetterQueue) {
      this.push({ kind: 'dropped', depth: depth + 1, resource: this.ref(target), reason: `${reason}; no dead_letter_config, so EventBridge drops the event` });
      return;
    }
    // EventBridge dead-letters the event itself, with attributes saying why.
    const attributes = stringAttributes({
      RULE_ARN: rule.arn,
      TARGET_ARN: target.endpoint.arn,
      ERROR_CODE: denial ? 'NO_PERMISSIONS' : 'SDK_CLIENT_ERROR',
      ERROR_MESSAGE: denial ? denial.reason : 'Simulated delivery failure',
      ...(denial ? {} : { EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts' }),
      RETRY_ATTEMPTS: denial ? '0' : String(target.maximumRetryAttempts),
    });
    if (this.denied(this.auth?.ruleDeadLetter(target), target, target.deadLetterQueue, depth + 1)) {
      this.push({ kind: 'dropped', depth: depth + 1, resource: this.ref(target), reason: `${reason}; the dead-letter queue refuses EventBridge too, so the event is lost` });
      return;
    }
    this.deadLetter(target, target.deadLetterQueue, JSON.stringify(event), attributes, reason, 'events.amazonaws.com', depth + 1);
  }

  /** What a rule target's endpoint does with the text EventBridge sends it. */
  private fromEventBridge(endpoint: EndpointNode, text: string, via: TargetNode, depth: number): void {
    switch (endpoint.kind) {
      case 'bus': {
        // Bus-to-bus targets forward the event itself.
        const event = parseJson(text) as EventBridgeEvent | undefined;
        if (event && typeof event === 'object' && 'detail-type' in event) this.receiveEvent(endpoint, event, depth);
        else this.push({ kind: 'dropped', depth, resource: this.ref(endpoint), reason: 'the target input is not an EventBridge event' });
        return;
      }
      case 'topic':
        // EventBridge publishes the input as the message body, with no message attributes.
        this.publish(endpoint, { Message: text }, depth, false);
        return;
      case 'queue': {
        const fifo = endpoint.fifo ? { messageGroupId: via.messageGroupId ?? 'default' } : undefined;
        this.enqueue(endpoint, sqsMessage(this.ctx, text, 'events.amazonaws.com', undefined, fifo), depth, false);
        return;
      }
      case 'function':
        this.invokeAsync(endpoint, parseJson(text) ?? text, via, depth, false);
        return;
      case 'workflow':
        // EventBridge calls StartExecution with the target's input.
        this.push({ kind: 'execution', depth, resource: this.ref(endpoint), input: parseJson(text) ?? text, via: this.ref(via) });
        return;
      case 'stream': {
        // The partition key is read from the event; without a path, EventBridge uses the event ID (KinesisParameters).
        const event = parseJson(text) as EventBridgeEvent | undefined;
        const key = via.partitionKeyPath ? evaluateJsonPath(event, via.partitionKeyPath) : event?.id;
        this.putRecord(endpoint, text, key === undefined || key === null ? String(event?.id ?? '') : typeof key === 'string' ? key : JSON.stringify(key), depth);
        return;
      }
      default:
        this.push({ kind: 'external', depth, resource: this.ref(endpoint), payload: parseJson(text) ?? text, deadLetter: false });
    }
  }

  // ─── SNS ───────────────────────────────────────────────────────────────────

  private publishInput(input: PublishInput): void {
    const topic = this.model.resolve(input.topic, ['topic']);
    const attributes: Record<string, SnsMessageAttribute> = {};
    for (const [k, v] of Object.entries(input.attributes ?? {})) attributes[k] = snsAttribute(v);
    this.publish(
      topic,
      {
        Message: typeof input.message === 'string' ? input.message : JSON.stringify(input.message),
        Subject: input.subject,
        MessageAttributes: attributes,
        MessageGroupId: input.messageGroupId,
        MessageDeduplicationId: input.messageDeduplicationId,
      },
      0,
      false,
    );
  }

  private publish(
    topic: TopicNode,
    message: { Message: string; Subject?: string; MessageAttributes?: Record<string, SnsMessageAttribute>; MessageGroupId?: string; MessageDeduplicationId?: string },
    depth: number,
    deadLetter: boolean,
  ): void {
    if (!this.within(depth, topic)) return;
    const messageId = this.ctx.nextId();
    const sequence = topic.fifo ? this.ctx.nextSequence() : undefined;
    const notification = snsNotification(this.ctx, topic.arn, topic.arn, { ...message, MessageId: messageId, SequenceNumber: sequence });
    this.push({ kind: 'publish', depth, resource: this.ref(topic), notification, deadLetter });
    const unsubscribe = notification.UnsubscribeURL.slice(0, -topic.arn.length);
    for (const sub of topic.subscriptions) {
      const admitted = sub.admits({ Message: message.Message, MessageAttributes: message.MessageAttributes ?? {} });
      this.push({
        kind: 'subscription',
        depth: depth + 1,
        resource: this.ref(sub),
        endpoint: this.ref(sub.endpoint),
        admitted,
        filterPolicy: sub.filterPolicyUnresolved ?? sub.filterPolicyText,
        filterPolicyScope: sub.filterPolicyScope,
        ...(sub.filterPolicyError ? { reason: `filter_policy is invalid: ${sub.filterPolicyError}` } : {}),
      });
      if (admitted) {
        const fifo = topic.fifo ? { messageGroupId: message.MessageGroupId ?? 'default', messageDeduplicationId: message.MessageDeduplicationId ?? messageId } : undefined;
        // Each subscriber's copy differs only in its unsubscribe URL.
        this.deliverSubscription(sub, { ...notification, UnsubscribeURL: unsubscribe + sub.arn }, message.MessageAttributes, fifo, depth + 2);
      }
    }
  }

  private deliverSubscription(
    sub: SubscriptionNode,
    notification: ReturnType<typeof snsNotification>,
    attributes: Record<string, SnsMessageAttribute> | undefined,
    fifo: { messageGroupId: string; messageDeduplicationId: string } | undefined,
    depth: number,
  ): void {
    const raw = sub.rawMessageDelivery;
    const body = raw ? notification.Message : JSON.stringify(notification);
    const maxAttempts = ['sqs', 'lambda', 'firehose'].includes(sub.protocol)
      ? SNS_MANAGED_ATTEMPTS
      : ['http', 'https'].includes(sub.protocol)
        ? SNS_HTTP_ATTEMPTS
        : SNS_OTHER_ATTEMPTS;
    const denial = this.auth?.subscription(sub);
    if (this.denied(denial, sub, sub.endpoint, depth) || this.failures.failedDeliveries([sub, sub.endpoint], maxAttempts) >= maxAttempts) {
      // A refused delivery is a client-side error, which SNS does not retry.
      const reason = denial
        ? `delivery denied (${denial.call}), a client-side error SNS does not retry`
        : `delivery failed ${maxAttempts.toLocaleString('en-US')} times (SNS delivery policy for ${sub.protocol})`;
      if (sub.deadLetterQueue && this.denied(this.auth?.subscriptionDeadLetter(sub), sub, sub.deadLetterQueue, depth)) {
        this.push({ kind: 'dropped', depth, resource: this.ref(sub), reason: `${reason}; the dead-letter queue refuses SNS too, so the message is lost` });
      } else if (sub.deadLetterQueue) {
        const attrs = raw ? sqsAttributesFromSns(attributes) : undefined;
        this.deadLetter(sub, sub.deadLetterQueue, body, attrs, reason, 'sns.amazonaws.com', depth);
      } else {
        this.push({ kind: 'dropped', depth, resource: this.ref(sub), reason: `${reason}; no redrive_policy, so SNS discards the message` });
      }
      return;
    }
    const endpoint = sub.endpoint;
    if (endpoint.kind === 'queue') {
      // Raw delivery sends the bare message and turns SNS attributes into SQS attributes.
      this.enqueue(endpoint, sqsMessage(this.ctx, body, 'sns.amazonaws.com', raw ? sqsAttributesFromSns(attributes) : undefined, fifo), depth, false);
    } else if (endpoint.kind === 'function') {
      this.invokeAsync(endpoint, snsLambdaEvent(sub.arn, notification), sub, depth, false);
    } else {
      this.push({ kind: 'external', depth, resource: this.ref(endpoint), payload: raw ? notification.Message : notification, deadLetter: false });
    }
  }

  // ─── SQS ───────────────────────────────────────────────────────────────────

  private sendMessageInput(input: SendMessageInput): void {
    const queue = this.model.resolve(input.queue, ['queue']);
    const attributes: Record<string, SqsMessageAttribute> = {};
    for (const [k, v] of Object.entries(input.attributes ?? {})) attributes[k] = sqsAttribute(v);
    const body = typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
    const fifo = queue.fifo ? { messageGroupId: input.messageGroupId ?? 'default' } : undefined;
    this.enqueue(queue, sqsMessage(this.ctx, body, this.ctx.account, attributes, fifo), 0, false);
  }

  private fifo(queue: QueueNode): { messageGroupId: string } | undefined {
    return queue.fifo ? { messageGroupId: 'default' } : undefined;
  }

  private enqueue(queue: QueueNode, message: SqsMessage, depth: number, deadLetter: boolean): void {
    if (!this.within(depth, queue)) return;
    this.push({ kind: 'message', depth, resource: this.ref(queue), message, deadLetter });
    this.consumeQueue(queue, message, depth + 1);
  }

  /** A consumer polls the message; failures make it visible again until redrive moves it to the DLQ. */
  private consumeQueue(queue: QueueNode, message: SqsMessage, depth: number): void {
    // Consumers of one queue compete: each message goes to one of them.
    const consumer = queue.consumers.find((c) => (c.kind === 'mapping' ? c.enabled : c.running));
    if (!consumer) return;
    const readDenial = consumer.kind === 'mapping' ? this.auth?.mappingSource(consumer) : this.auth?.pipeSource(consumer);
    if (this.denied(readDenial, consumer, queue, depth)) {
      this.push({
        kind: 'dropped',
        depth,
        resource: this.ref(queue),
        reason: `${consumer.kind === 'mapping' ? "the event source mapping cannot receive with the function's role" : 'the pipe cannot receive with its role'}, so the message stays until message_retention_seconds (${queue.messageRetentionSeconds}) expires`,
      });
      return;
    }
    if (consumer.filters.length > 0) {
      const view = sqsFilterView(sqsEventRecord(this.ctx, queue.arn, message));
      const matched = consumer.filters.some((f) => f.matches(view));
      this.push({ kind: 'filter', depth, resource: this.ref(consumer), matched, patterns: consumer.filters.map((f) => f.unresolved ?? f.text) });
      if (!matched) {
        // Lambda and Pipes delete SQS messages that match none of the filters.
        this.push({ kind: 'dropped', depth, resource: this.ref(consumer), reason: 'matches no filter: the message is deleted from the queue' });
        return;
      }
    }
    const fn = consumer.kind === 'mapping' ? consumer.function : undefined;
    for (let receiveCount = 1; ; receiveCount++) {
      if (queue.redrive && receiveCount > queue.redrive.maxReceiveCount) {
        const reason = `received ${queue.redrive.maxReceiveCount} times without success (maxReceiveCount ${queue.redrive.maxReceiveCount})`;
        // Redrive moves the message itself: same id, body and attributes.
        this.deadLetterMessage(queue, queue.redrive.deadLetterQueue, { ...message, Attributes: { ...message.Attributes, ApproximateReceiveCount: '0' } }, reason, depth);
        return;
      }
      const m = received(message, receiveCount);
      let outcome: AttemptOutcome;
      if (consumer.kind === 'mapping') {
        const succeeded = !this.failures.consumerFails([consumer, fn]);
        outcome = succeeded ? 'delivered' : 'failed';
        this.push({
          kind: 'invoke',
          depth,
          resource: this.ref(consumer.function),
          event: { Records: [sqsEventRecord(this.ctx, queue.arn, m)] },
          attempt: receiveCount,
          succeeded,
          via: this.ref(consumer),
          deadLetter: false,
        });
      } else {
        outcome = this.pipeAttempt(consumer, sqsEventRecord(this.ctx, queue.arn, m), sqsFilterView(sqsEventRecord(this.ctx, queue.arn, m)), receiveCount, depth);
      }
      if (outcome === 'delivered') return;
      const forever =
        consumer.kind === 'mapping' ? this.failures.consumerFailsForever([consumer, fn]) : outcome === 'failed-finally' || this.failures.pipeFailsForever(consumer);
      if (!queue.redrive && forever) {
        this.push({
          kind: 'dropped',
          depth,
          resource: this.ref(queue),
          reason: `no redrive policy: the message is received again after each visibility timeout until message_retention_seconds (${queue.messageRetentionSeconds}) expires, then deleted`,
        });
        return;
      }
    }
  }

  // ─── Lambda ────────────────────────────────────────────────────────────────

  /** Asynchronous invocation: Lambda retries twice (or `maximum_retry_attempts`), then the DLQ or on-failure destination. */
  private invokeAsync(fn: FunctionNode, event: unknown, via: NodeBase, depth: number, deadLetter: boolean): void {
    if (!this.within(depth, fn)) return;
    const maxAttempts = fn.maximumRetryAttempts + 1;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const succeeded = !this.failures.consumerFails([fn]);
      this.push({ kind: 'invoke', depth, resource: this.ref(fn), event, attempt, succeeded, via: this.ref(via), deadLetter });
      if (succeeded) return;
    }
    const reason = `asynchronous invocation failed ${maxAttempts} times`;
    const requestId = this.ctx.nextId();
    if (fn.onFailure) {
      this.deadLetter(fn, fn.onFailure, JSON.stringify(asyncFailureRecord(this.ctx, fn, event, requestId, maxAttempts)), undefined, `${reason}: on-failure destination`, 'lambda.amazonaws.com', depth + 1);
    }
    if (fn.deadLetterTarget) {
      // A function's DLQ receives the event itself, with attributes saying why.
      const attributes = stringAttributes({ RequestID: requestId, ErrorCode: '200', ErrorMessage: 'Simulated failure' });
      this.deadLetter(fn, fn.deadLetterTarget, JSON.stringify(event), attributes, `${reason}: dead_letter_config`, 'lambda.amazonaws.com', depth + 1);
    }
    if (!fn.onFailure && !fn.deadLetterTarget) {
      this.push({ kind: 'dropped', depth: depth + 1, resource: this.ref(fn), reason: `${reason}; no dead_letter_config or on-failure destination, so Lambda discards the event` });
    }
  }

  // ─── DynamoDB streams and pipes ────────────────────────────────────────────

  private streamRecordInput(input: StreamRecordInput): void {
    const table = this.model.resolve(input.table, ['table']);
    const record = streamRecord(this.ctx, table, input);
    this.push({ kind: 'record', depth: 0, resource: this.ref(table), record });
    if (!table.streamEnabled) {
      this.push({ kind: 'dropped', depth: 1, resource: this.ref(table), reason: 'stream_enabled is not true: the table writes no stream records' });
      return;
    }
    for (const consumer of table.consumers) {
      if (consumer.kind === 'mapping') this.streamMapping(table, consumer, record, 1);
      else this.streamPipe(consumer, record, 1);
    }
  }

  private streamMapping(table: TableNode | StreamNode, mapping: MappingNode, record: DynamoDbStreamRecord | KinesisStreamRecord, depth: number): void {
    if (!mapping.enabled) {
      this.push({ kind: 'dropped', depth, resource: this.ref(mapping), reason: 'event source mapping is disabled' });
      return;
    }
    if (this.denied(this.auth?.mappingSource(mapping), mapping, table, depth)) {
      this.push({ kind: 'dropped', depth, resource: this.ref(mapping), reason: "the event source mapping cannot read the stream with the function's role, so the record expires unread" });
      return;
    }
    if (!this.streamFilter(mapping, table.kind === 'stream' ? kinesisFilterView(record as KinesisStreamRecord) : record, depth)) return;
    const fn = mapping.function;
    const maxAttempts = mapping.maximumRetryAttempts < 0 ? Infinity : mapping.maximumRetryAttempts + 1;
    const event = { Records: [record] };
    for (let attempt = 1; ; attempt++) {
      const succeeded = !this.failures.consumerFails([mapping, fn]);
      this.push({ kind: 'invoke', depth, resource: this.ref(fn), event, attempt, succeeded, via: this.ref(mapping), deadLetter: false });
      if (succeeded) return;
      const forever = maxAttempts === Infinity && this.failures.consumerFailsForever([mapping, fn]);
      if (attempt >= maxAttempts || forever) {
        const reason = forever
          ? `retried until the record expired (maximum_retry_attempts -1: the shard is blocked${table.kind === 'table' ? ' for up to 24 h' : ' for the retention period'})`
          : `failed ${attempt} times (maximum_retry_attempts ${mapping.maximumRetryAttempts})`;
        this.streamFailure(mapping, mapping.onFailure, table, record, attempt, reason, depth + 1);
        return;
      }
    }
  }

  // ─── Kinesis streams ───────────────────────────────────────────────────────

  private putRecordInput(input: PutRecordInput): void {
    const stream = this.model.resolve(input.stream, ['stream']);
    this.putRecord(stream, typeof input.data === 'string' ? input.data : JSON.stringify(input.data), input.partitionKey, 0);
  }

  /** The stream takes a record; each reader (on the stream or through its fan-out consumer) gets it. */
  private putRecord(stream: StreamNode, data: string, partitionKey: string, depth: number): void {
    const record = kinesisRecord(this.ctx, stream, data, partitionKey);
    this.push({ kind: 'kinesis', depth, resource: this.ref(stream), record });
    for (const consumer of stream.consumers) {
      if (consumer.kind === 'mapping') this.streamMapping(stream, consumer, record, depth + 1);
      else this.streamPipe(consumer, record, depth + 1);
    }
  }

  private streamPipe(pipe: PipeNode, record: DynamoDbStreamRecord | KinesisStreamRecord, depth: number): void {
    if (!pipe.running) {
      this.push({ kind: 'dropped', depth, resource: this.ref(pipe), reason: 'desired_state is STOPPED' });
      return;
    }
    if (this.denied(this.auth?.pipeSource(pipe), pipe, pipe.source, depth)) {
      this.push({ kind: 'dropped', depth, resource: this.ref(pipe), reason: "the pipe cannot read the stream with its role, so the record expires unread" });
      return;
    }
    // Pipes decode a Kinesis record's base64 data (parsed when JSON) for the filters, paths and template.
    const view = pipe.source.kind === 'stream' ? kinesisFilterView(record as KinesisStreamRecord) : record;
    if (!this.streamFilter(pipe, view, depth)) return;
    const maxAttempts = pipe.maximumRetryAttempts < 0 ? Infinity : pipe.maximumRetryAttempts + 1;
    for (let attempt = 1; ; attempt++) {
      const outcome = this.pipeAttempt(pipe, record, view, attempt, depth);
      if (outcome === 'delivered') return;
      const forever = maxAttempts === Infinity && this.failures.pipeFailsForever(pipe);
      if (attempt >= maxAttempts || forever || outcome === 'failed-finally') {
        const reason = outcome === 'failed-finally'
          ? 'the target cannot take this record'
          : forever
            ? 'retried until the record expired (maximum_retry_attempts -1)'
            : `failed ${attempt} times (maximum_retry_attempts ${pipe.maximumRetryAttempts})`;
        this.streamFailure(pipe, pipe.deadLetterQueue, pipe.source as TableNode | StreamNode, record, attempt, reason, depth + 1);
        return;
      }
    }
  }

  private streamFilter(consumer: MappingNode | PipeNode, record: unknown, depth: number): boolean {
    if (consumer.filters.length === 0) return true;
    const matched = consumer.filters.some((f) => f.matches(record));
    this.push({ kind: 'filter', depth, resource: this.ref(consumer), matched, patterns: consumer.filters.map((f) => f.unresolved ?? f.text) });
    return matched;
  }

  /** Stream sources send batch metadata, not the records, to their failure destination. */
  private streamFailure(
    from: MappingNode | PipeNode,
    destination: EndpointNode | undefined,
    table: TableNode | StreamNode,
    record: DynamoDbStreamRecord | KinesisStreamRecord,
    attempts: number,
    reason: string,
    depth: number,
  ): void {
    if (!destination) {
      this.push({ kind: 'dropped', depth, resource: this.ref(from), reason: `${reason}; no failure destination, so the record is skipped` });
      return;
    }
    if (from.kind === 'pipe' && this.denied(this.auth?.pipeDeadLetter(from), from, destination, depth)) {
      this.push({ kind: 'dropped', depth, resource: this.ref(from), reason: `${reason}; the pipe's role cannot send to its dead-letter queue, so the record is skipped` });
      return;
    }
    const failure =
      table.kind === 'stream'
        ? kinesisFailureRecord(this.ctx, from, table, record as KinesisStreamRecord, attempts)
        : streamFailureRecord(this.ctx, from, table, record as DynamoDbStreamRecord, attempts);
    this.deadLetter(from, destination, JSON.stringify(failure), undefined, reason, from.kind === 'pipe' ? 'pipes.amazonaws.com' : 'lambda.amazonaws.com', depth);
  }

  /** One attempt of a pipe on one record: enrichment, input template, target parameters, then delivery. */
  private pipeAttempt(pipe: PipeNode, record: unknown, view: unknown, attempt: number, depth: number): AttemptOutcome {
    if (pipe.enrichment) {
      const enrichment = pipe.enrichment;
      const enrich = this.enrichments.get(enrichment.address);
      if (!enrich) throw new Error(`pipe ${pipe.name} is enriched by ${describeNode(enrichment)}: pass its logic in options.enrichments to simulate it`);
      if (this.denied(this.auth?.pipeEnrichment(pipe), pipe, enrichment, depth)) return 'failed';
      const failed = this.failures.consumerFails([enrichment]);
      // Pipes invoke the enrichment synchronously with the batch as an array; what it returns goes on to the target.
      const output = failed ? [] : enrich([record]);
      this.push({ kind: 'invoke', depth, resource: this.ref(enrichment), event: [record], attempt, succeeded: !failed, via: this.ref(pipe), deadLetter: false });
      if (failed) return 'failed';
      if (output.length === 0) {
        this.push({ kind: 'dropped', depth, resource: this.ref(pipe), reason: 'the enrichment returned no event for this record' });
        return 'delivered';
      }
      // The target parameters and input template read what the enrichment returned.
      record = view = output[0];
    }
    const source = pipe.source;
    const target = pipe.target;
    let payload: unknown = record;
    const problems: string[] = [];
    let missing = '';
    if (pipe.inputTemplate !== undefined) {
      const rendered = pipeTemplateInput(pipe.inputTemplate, view, {
        pipeArn: pipe.arn,
        pipeName: pipe.name,
        sourceArn: source.kind === 'table' ? source.streamArn : source.arn,
        targetArn: target.arn,
        enrichmentArn: pipe.enrichment?.arn,
        ingestionTime: this.ctx.time.toISOString(),
      });
      payload = parseJson(rendered.text) ?? rendered.text;
      if (rendered.missing.length > 0) missing = ` (input_template: no value for ${rendered.missing.join(', ')})`;
    }
    let sent: unknown = payload;
    if (target.kind === 'bus') {
      const eventSource = source.kind === 'table' ? 'aws:dynamodb' : source.kind === 'queue' ? 'aws:sqs' : source.kind === 'stream' ? 'aws:kinesis' : source.type;
      const params = pipe.eventBusParameters ?? {};
      const src = pipeParameter(params.source, view);
      const detailType = pipeParameter(params.detailType, view);
      if (src.dynamic && typeof src.value !== 'string') problems.push(`source path ${params.source} matched no string`);
      if (detailType.dynamic && typeof detailType.value !== 'string') problems.push(`detail_type path ${params.detailType} matched no string`);
      if (!payload || typeof payload !== 'object' || Array.isArray(payload)) problems.push('the event detail is not a JSON object');
      // Without parameters, Pipes sets source "Pipe <name>" and detail-type "Event from <source service>".
      sent = {
        Source: (src.value as string | undefined) ?? `Pipe ${pipe.name}`,
        DetailType: (detailType.value as string | undefined) ?? `Event from ${eventSource}`,
        Detail: payload,
        Resources: params.resources ?? [],
        ...(params.time ? { Time: pipeParameter(params.time, view).value } : {}),
      };
    }
    const problem = problems.length > 0 ? problems.join('; ') + missing : undefined;
    const denial = problem === undefined ? this.auth?.pipeTarget(pipe) : undefined;
    const failed = problem !== undefined || denial !== undefined || this.failures.deliveryFails([pipe, target]) || this.failures.consumerFails([pipe]);
    this.push({
      kind: 'pipe',
      depth,
      resource: this.ref(pipe),
      endpoint: this.ref(target),
      payload: sent,
      attempts: attempt,
      delivered: !failed,
      ...(problem ? { reason: problem } : denial ? { reason: `denied: ${denial.call}` } : failed ? { reason: 'simulated delivery failure' } : {}),
    });
    this.denied(denial, pipe, target, depth + 1);
    // A record the target cannot take (a dynamic path that matched nothing) fails every retry alike.
    if (failed) return problem !== undefined ? 'failed-finally' : 'failed';
    switch (target.kind) {
      case 'bus':
        this.putEvents(target, sent as PutEventsEntry, depth + 1);
        return 'delivered';
      case 'queue':
        this.enqueue(target, sqsMessage(this.ctx, typeof sent === 'string' ? sent : JSON.stringify(sent), 'pipes.amazonaws.com', undefined, this.fifo(target)), depth + 1, false);
        return 'delivered';
      case 'topic':
        this.publish(target, { Message: typeof sent === 'string' ? sent : JSON.stringify(sent) }, depth + 1, false);
        return 'delivered';
      case 'function': {
        // Pipes invoke Lambda synchronously with the batch as a JSON array; a function error fails the attempt.
        const succeeded = !this.failures.consumerFails([target]);
        this.push({ kind: 'invoke', depth: depth + 1, resource: this.ref(target), event: [sent], attempt, succeeded, via: this.ref(pipe), deadLetter: false });
        return succeeded ? 'delivered' : 'failed';
      }
      case 'workflow':
        // Pipes start a workflow with the batch as a JSON array, even of one record (EventBridge Pipes batching).
        this.push({ kind: 'execution', depth: depth + 1, resource: this.ref(target), input: [sent], via: this.ref(pipe) });
        return 'delivered';
      default:
        this.push({ kind: 'external', depth: depth + 1, resource: this.ref(target), payload: sent, deadLetter: false });
        return 'delivered';
    }
  }

  // ─── S3 ────────────────────────────────────────────────────────────────────

  /**
   * An object created in a bucket: each direct notification whose event types
   * and key filters match gets its own record (S3 makes no retry a test can
   * see: a refused delivery is lost), and the default bus gets the
   * `Object Created` event when EventBridge notifications are on.
   */
  private objectCreatedInput(input: ObjectCreatedInput): void {
    const bucket = this.model.resolve(input.bucket, ['bucket']);
    const event = objectCreatedEvent(this.ctx, input);
    this.push({ kind: 'object', depth: 0, resource: this.ref(bucket), eventName: event.eventName, key: event.key });
    for (const n of bucket.notifications) {
      const matched = notificationMatches(n, event.eventName, event.key);
      this.push({ kind: 'notification', depth: 1, resource: this.ref(bucket), id: n.id, endpoint: this.ref(n.endpoint), matched, filter: notificationLabel(n) });
      if (!matched) continue;
      if (this.denied(this.auth?.bucketNotification(bucket, n), bucket, n.endpoint, 2)) {
        this.push({ kind: 'dropped', depth: 2, resource: this.ref(bucket), reason: `S3 may not deliver to ${describeNode(n.endpoint)}, so the notification is lost` });
        continue;
      }
      const notification = s3Notification(this.ctx, bucket, n.id, event);
      const endpoint = n.endpoint;
      if (endpoint.kind === 'queue') this.enqueue(endpoint, sqsMessage(this.ctx, JSON.stringify(notification), 's3.amazonaws.com'), 2, false);
      else if (endpoint.kind === 'topic') this.publish(endpoint, { Message: JSON.stringify(notification), Subject: 'Amazon S3 Notification' }, 2, false);
      else if (endpoint.kind === 'function') this.invokeAsync(endpoint, notification, bucket, 2, false);
      else this.push({ kind: 'external', depth: 2, resource: this.ref(endpoint), payload: notification, deadLetter: false });
    }
    if (bucket.eventBus) this.receiveEvent(bucket.eventBus, s3EventBridgeEvent(this.ctx, bucket, event), 1);
  }

  // ─── dead letters ──────────────────────────────────────────────────────────

  /** Sends a new message (what failed, as the failing service writes it) to a DLQ or failure destination. */
  private deadLetter(
    from: NodeBase,
    destination: EndpointNode,
    body: string,
    attributes: Record<string, SqsMessageAttribute> | undefined,
    reason: string,
    senderId: string,
    depth: number,
  ): void {
    this.push({ kind: 'deadLetter', depth, resource: this.ref(from), endpoint: this.ref(destination), reason });
    switch (destination.kind) {
      case 'queue':
        this.enqueue(destination, sqsMessage(this.ctx, body, senderId, attributes, this.fifo(destination)), depth + 1, true);
        return;
      case 'topic':
        this.publish(destination, { Message: body }, depth + 1, true);
        return;
      case 'function':
        this.invokeAsync(destination, parseJson(body) ?? body, from, depth + 1, true);
        return;
      default:
        this.push({ kind: 'external', depth: depth + 1, resource: this.ref(destination), payload: parseJson(body) ?? body, deadLetter: true });
    }
  }

  /** Moves an existing message (SQS redrive keeps it whole) to a DLQ. */
  private deadLetterMessage(from: QueueNode, destination: EndpointNode, message: SqsMessage, reason: string, depth: number): void {
    if (destination.kind !== 'queue') {
      this.deadLetter(from, destination, message.Body, message.MessageAttributes as Record<string, SqsMessageAttribute> | undefined, reason, message.Attributes.SenderId, depth);
      return;
    }
    this.push({ kind: 'deadLetter', depth, resource: this.ref(from), endpoint: this.ref(destination), reason });
    this.enqueue(destination, message, depth + 1, true);
  }
}


/** What filters and templates see of an SQS record: the body parsed when it is JSON (Lambda and Pipes do so). */
function sqsFilterView<T extends { body: string }>(record: T): T | (Omit<T, 'body'> & { body: unknown }) {
  const parsed = parseJson(record.body);
  return parsed !== undefined && typeof parsed === 'object' ? { ...record, body: parsed } : record;
}

/** How one attempt to deliver ended: `failed-finally` when no retry can succeed (the record itself is at fault). */
type AttemptOutcome = 'delivered' | 'failed' | 'failed-finally';
