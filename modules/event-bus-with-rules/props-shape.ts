import { shape, SHAPES } from '../core/shape';

const { string, number, boolean } = shape;

/** The shape of {@link EventBusWithRulesProps}, checked before any value. */
export const EVENT_BUS_PROPS = shape.object(
  {
    name: string,
    description: string,
    // encryption: shape and value are checked together, by the bus.
    deadLetterQueue: shape.oneOf(shape.literal(false), SHAPES.queue),
    archive: shape.oneOf(shape.literal(false), shape.object({ name: string, retentionDays: number, eventPattern: shape.record(shape.json), description: string })),
    allowPutEventsFrom: shape.array(string),
    logAllEvents: shape.oneOf(boolean, shape.object({ logGroupName: string, retentionDays: number, kmsKeyArn: string, ruleName: string })),
    deadLetterQueues: shape.object({ retentionSeconds: number, alarm: SHAPES.depthAlarm }),
    tags: SHAPES.tags,
  },
  ['name'],
);

const TARGET_OPTIONS = shape.object({
  targetId: string,
  retryPolicy: shape.object({ maximumRetryAttempts: number, maximumEventAgeSeconds: number }),
  deadLetterQueue: shape.oneOf(shape.literal(false), SHAPES.queue),
  input: shape.json,
  inputPath: string,
  inputTransformer: shape.object({ inputPaths: shape.record(string), inputTemplate: string }, ['inputTemplate']),
  messageGroupId: string,
});

/** A rule target: one made by the RuleTarget functions, or another IRuleTarget. */
export const RULE_TARGET = shape.made('a target made with RuleTarget.queue, .topic, .lambda, .eventBus, .stateMachine or .logGroup, or another IRuleTarget', [], {
  // Whether it is a target is checked by the rule; its endpoint (queue, topic, functionArn, …), shape and value, by its validate.
  options: TARGET_OPTIONS,
});

/** The shape of {@link EventBusRuleProps}. */
export const EVENT_BUS_RULE_PROPS = shape.object(
  {
    name: string,
    description: string,
    // eventPattern, deadLetterQueue and each target: shape and value are checked together, by the rule.
    scheduleExpression: string,
    enabled: boolean,
    targets: shape.array(RULE_TARGET),
    failedInvocationsAlarm: SHAPES.depthAlarm,
    tags: SHAPES.tags,
  },
);
