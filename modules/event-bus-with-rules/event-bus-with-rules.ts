import { Construct } from 'constructs';
import { CloudwatchEventArchive } from '@cdktf/provider-aws/lib/cloudwatch-event-archive';
import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventBusPolicy } from '@cdktf/provider-aws/lib/cloudwatch-event-bus-policy';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { awsContext } from '../core/aws-context';
import { IEventBusTarget, IQueueTarget, isQueueTarget } from '../core/contracts';
import { grantTo, IGrantee } from '../core/grants';
import { policyDocument, PolicyStatement } from '../core/policy';
import { CLOUDWATCH_LOGS, EVENTBRIDGE, SQS } from '../core/aws-limits';
import { checkArguments, checkProps, shape, validScope } from '../core/shape';
import { PropsValidator, isToken } from '../core/validation';
import { DeadLetterQueue, DepthAlarmProps } from '../dead-letter-queue';
import { EventPattern } from '../patterns';
import { EventBusKey } from './event-bus-key';
import { EventBusRule, EventBusRuleProps, RuleHost } from './event-bus-rule';
import {
  ACCOUNT_ID,
  ORGANIZATION_ID,
  validateDescription,
  validateEventBridgeName,
  validatePattern,
} from './limits';
import { LogDeliveryPolicy } from './log-delivery-policy';
import { EVENT_BUS_PROPS } from './props-shape';
import { describeEndpoint, validateDeadLetterQueueTarget } from './rule-target';
import { validateLogGroupName } from '../core/log-group';
import { fitName, toQueueNamePart } from '../core/names';
import { RuleTarget } from './targets';
import { lazyJsonDocument } from '../core/json-document';
import { requireOwnFramework } from '../core/framework';

/** How events on the bus (and its archive) are encrypted at rest. */
export type EventBusEncryption =
  /** An AWS owned key: no cost, no key policy; schema discovery works. */
  | 'aws-owned'
  /** A customer-managed KMS key made here, with rotation and the key policy EventBridge needs. */
  | 'customer-managed'
  /**
   * A customer-managed key of yours. Its key policy must let `events.amazonaws.com`
   * use `kms:DescribeKey`, and `kms:GenerateDataKey`, `kms:Decrypt` and
   * `kms:ReEncrypt*` under encryption context `aws:events:event-bus:arn` = this bus.
   */
  | {
      /** ARN of the customer-managed KMS key (a symmetric encryption key). */
      readonly kmsKeyArn: string;
    };

/** The archive of a bus, from which events can be replayed. */
export interface EventBusArchiveProps {
  /**
   * Archive name, unique in the account and Region. AWS limit: 1–48 letters, digits, `.`, `-`, `_`.
   * @default `<bus name>-archive`, shortened with a hash when longer than 48
   */
  readonly name?: string;
  /** Days events are kept; 0 keeps them indefinitely. Set it per environment. @default 0 (indefinitely, AWS's default) */
  readonly retentionDays?: number;
  /** Archive only the events this pattern matches; checked like rule patterns. @default every event on the bus */
  readonly eventPattern?: EventPattern;
  /** AWS limit: 512 characters. @default none */
  readonly description?: string;
}

/** A rule that copies every event on the bus to a CloudWatch Logs log group. */
export interface EventLoggingProps {
  /**
   * Log group name. AWS limit: 1–512 letters, digits, `.`, `-`, `_`, `/`, `#`, not starting `aws/`.
   * @default `/aws/events/<bus name>`
   */
  readonly logGroupName?: string;
  /** Days log events are kept; 0 keeps them forever. AWS allows 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653. @default 365 */
  readonly retentionDays?: number;
  /**
   * KMS key that encrypts the log group; its policy must admit CloudWatch Logs.
   * @default the bus key when encryption is 'customer-managed' (granted to CloudWatch Logs here), else CloudWatch Logs' own encryption
   */
  readonly kmsKeyArn?: string;
  /** Name of the logging rule. @default 'log-all-events' */
  readonly ruleName?: string;
}

/** Settings for every dead-letter queue this construct makes (the bus's and each rule's). */
export interface DeadLetterQueueDefaults {
  /** Seconds a dead letter is kept. @default 1,209,600 (14 days, the AWS maximum; AWS allows 60–1,209,600) */
  readonly retentionSeconds?: number;
  /** Alarm on each queue's depth; `false` turns them off. @default alarm when any message is waiting, no actions */
  readonly alarm?: DepthAlarmProps | false;
}

/** Props of an {@link EventBusWithRules}. */
export interface EventBusWithRulesProps {
  /**
   * Name of the custom event bus. AWS limit: 1–256 letters, digits, `.`, `-`, `_`;
   * not `default`; no `/` (only partner event buses have one).
   */
  readonly name: string;
  /** What the bus is for. AWS limit: 512 characters. @default none */
  readonly description?: string;
  /** Encryption of events at rest. @default 'aws-owned' */
  readonly encryption?: EventBusEncryption;
  /**
   * The bus's dead-letter queue, for custom and partner events EventBridge could
   * not encrypt or decrypt with a customer-managed key: `false` for none, or a
   * standard queue of yours. @default a DeadLetterQueue made here when the bus uses a customer-managed key, else none
   */
  readonly deadLetterQueue?: IQueueTarget | false;
  /** The archive; `false` for none. @default an archive of every event, kept indefinitely */
  readonly archive?: EventBusArchiveProps | false;
  /**
   * Accounts (12-digit IDs) and organizations (`o-…` IDs) allowed to put events
   * on the bus, written into its one bus policy (more with `allowPutEventsFrom`).
   * An unresolved token is taken for an account ID.
   * @default this account only
   */
  readonly allowPutEventsFrom?: string[];
  /** A catch-all rule that logs every event to CloudWatch Logs; `true` for the defaults. @default false */
  readonly logAllEvents?: boolean | EventLoggingProps;
  /** Settings of the dead-letter queues made here. @default 14 days, alarm on any message */
  readonly deadLetterQueues?: DeadLetterQueueDefaults;
  /** Tags for every resource made here (provider default tags apply as well). @default none */
  readonly tags?: Record<string, string>;
}

const DEFAULT_LOG_RETENTION_DAYS = 365;
const DEFAULT_LOGGING_RULE_NAME = 'log-all-events';
/** Matches every event: every event has a string `source`, and every string starts with "". */
const EVERY_EVENT: EventPattern = { source: [{ prefix: '' }] };

/**
 * A custom EventBridge event bus and its rules, safe by default: one bus
 * policy (this account, plus the accounts and organizations you name), an
 * archive, optional customer-managed encryption with the key policy
 * EventBridge needs, an optional catch-all log, and rules whose targets each
 * get a retry policy, a dead-letter queue and a grant limited to their rule.
 */
export class EventBusWithRules extends Construct implements IEventBusTarget {
  /** The bus resource. */
  readonly bus: CloudwatchEventBus;
  readonly eventBusArn: string;
  readonly eventBusName: string;
  /** The customer-managed key, when one encrypts the bus. */
  readonly kmsKeyArn?: string;
  /** The key made here, when encryption is 'customer-managed'. */
  readonly key?: EventBusKey;
  /** The bus's one resource policy. */
  readonly busPolicy: CloudwatchEventBusPolicy;
  /** The archive, unless turned off. */
  readonly archive?: CloudwatchEventArchive;
  /** The bus's dead-letter queue for encryption errors, when made here. */
  readonly deadLetterQueue?: DeadLetterQueue;
  /** The log group of the catch-all logging rule, when logging is on. */
  readonly logGroup?: CloudwatchLogGroup;
  /** The catch-all logging rule, when logging is on. */
  readonly loggingRule?: EventBusRule;
  private readonly host: RuleHost;
  private readonly rulesById = new Map<string, EventBusRule>();
  private readonly putEventsAccounts: string[] = [];
  private readonly putEventsOrganizations: string[] = [];
  private logPolicy?: LogDeliveryPolicy;

  constructor(scope: Construct, id: string, props: EventBusWithRulesProps) {
    super(validScope(scope, id, 'EventBusWithRules'), id);
    requireOwnFramework(this);
    checkProps(this, props, EVENT_BUS_PROPS);
    const name = props.name;
    const encryption = props.encryption ?? 'aws-owned';
    const archive = props.archive === false ? undefined : (props.archive ?? {});
    const logging = props.logAllEvents === true ? {} : props.logAllEvents || undefined;

    const v = new PropsValidator(this);
    validateEventBridgeName(v, 'name', name, EVENTBRIDGE.busNameMaxLength, 'custom event bus names', ' ("/" is for partner event buses only)');
    if (!isToken(name)) v.check(name !== 'default', 'name', name, 'the name "default" belongs to the default event bus: choose another');
    validateDescription(v, 'description', props.description);
    if (typeof encryption === 'object' && encryption !== null) {
      v.arn('encryption.kmsKeyArn', encryption.kmsKeyArn, 'kms');
    } else {
      v.oneOf('encryption', encryption, ['aws-owned', 'customer-managed'] as EventBusEncryption[]);
    }
    if (props.deadLetterQueue !== undefined && props.deadLetterQueue !== false) {
      validateDeadLetterQueueTarget(v, 'deadLetterQueue', props.deadLetterQueue);
    }
    if (archive) {
      if (archive.name !== undefined) validateEventBridgeName(v, 'archive.name', archive.name, EVENTBRIDGE.archiveNameMaxLength, 'archive names');
      v.integer('archive.retentionDays', archive.retentionDays, 0, Number.MAX_SAFE_INTEGER, 'days (0 keeps events indefinitely)');
      if (archive.eventPattern !== undefined) validatePattern(v, 'archive.eventPattern', archive.eventPattern);
      validateDescription(v, 'archive.description', archive.description);
    }
    (props.allowPutEventsFrom ?? []).forEach((principal, i) => validatePutEventsPrincipal(v, `allowPutEventsFrom[${i}]`, principal));
    if (logging) {
      validateLogGroupName(v, 'logAllEvents.logGroupName', logging.logGroupName);
      v.oneOf('logAllEvents.retentionDays', logging.retentionDays, CLOUDWATCH_LOGS.retentionDays);
      v.arn('logAllEvents.kmsKeyArn', logging.kmsKeyArn, 'kms');
      // The rule name is checked with the rule itself.
    }
    v.integer('deadLetterQueues.retentionSeconds', props.deadLetterQueues?.retentionSeconds, SQS.minRetentionSeconds, SQS.maxRetentionSeconds, 'seconds');
    if (props.deadLetterQueues?.alarm) v.number('deadLetterQueues.alarm.threshold', props.deadLetterQueues.alarm.threshold, 0, Number.MAX_SAFE_INTEGER);
    v.throwIfInvalid();

    const ctx = awsContext(this);
    // Built from the name: the key policy must name the bus that refers to the key.
    const builtBusArn = `arn:${ctx.partition}:events:${ctx.region}:${ctx.accountId}:event-bus/${name}`;
    if (encryption === 'customer-managed') {
      this.key = new EventBusKey(this, 'Key', {
        eventBusName: name,
        eventBusArn: builtBusArn,
        aliasName: fitName(`eventbridge/${name.replace(/\./g, '-')}`, '', 256 - 'alias/'.length),
        tags: props.tags,
      });
      this.kmsKeyArn = this.key.keyArn;
    } else if (typeof encryption === 'object') {
      this.kmsKeyArn = encryption.kmsKeyArn;
    }

    const dlqDefaults = props.deadLetterQueues ?? {};
    let busDlq: IQueueTarget | undefined;
    if (isQueueTarget(props.deadLetterQueue)) {
      busDlq = props.deadLetterQueue;
    } else if (props.deadLetterQueue === undefined && this.kmsKeyArn) {
      this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue', {
        name: fitName(toQueueNamePart(name), '-bus-dlq', SQS.nameMaxLength),
        // EventBridge delivers dead letters to standard queues only.
        fifo: false,
        retentionSeconds: dlqDefaults.retentionSeconds,
        alarm: dlqDefaults.alarm,
        tags: props.tags,
      });
      busDlq = this.deadLetterQueue;
    }

    this.bus = new CloudwatchEventBus(this, 'EventBus', {
      name,
      description: props.description,
      kmsKeyIdentifier: this.kmsKeyArn,
      deadLetterConfig: busDlq ? { arn: busDlq.queueArn } : undefined,
      tags: props.tags,
    });
    this.eventBusArn = this.bus.arn;
    this.eventBusName = this.bus.name;
    busDlq?.allowSendFrom('events.amazonaws.com', this.eventBusArn);

    for (const principal of props.allowPutEventsFrom ?? []) this.addPutEventsPrincipal(principal);
    this.busPolicy = new CloudwatchEventBusPolicy(this, 'Policy', {
      eventBusName: this.bus.name,
      policy: lazyJsonDocument(() => policyDocument(this.busPolicyStatements())),
    });

    if (archive) {
      this.archive = new CloudwatchEventArchive(this, 'Archive', {
        name: archive.name ?? fitName(name, '-archive', EVENTBRIDGE.archiveNameMaxLength),
        eventSourceArn: this.eventBusArn,
        description: archive.description,
        retentionDays: archive.retentionDays ?? 0,
        eventPattern: archive.eventPattern === undefined ? undefined : JSON.stringify(archive.eventPattern),
        // AWS recommends encrypting the archive of a CMK-encrypted bus with a CMK as well.
        kmsKeyIdentifier: this.kmsKeyArn,
      });
    }

    this.host = {
      eventBusName: this.eventBusName,
      eventBusArn: this.eventBusArn,
      busName: name,
      tags: props.tags,
      deadLetterQueueDefaults: dlqDefaults,
      ruleNames: new Set<string>(),
      isThisBus: (bus) => bus === this || (typeof bus === 'string' ? bus === this.eventBusArn || bus === builtBusArn : bus.eventBusArn === this.eventBusArn),
      logDeliveryPolicy: () => this.logDeliveryPolicy(),
    };

    if (logging) {
      const logGroupName = logging.logGroupName ?? `/aws/events/${name}`;
      const logKmsKey = logging.kmsKeyArn ?? this.key?.keyArn;
      if (logging.kmsKeyArn === undefined && this.key) {
        // Built from the name: the log group refers to the key, so the key policy cannot refer to the log group.
        this.key.allowLogGroup(`arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${logGroupName}`);
      }
      this.logGroup = new CloudwatchLogGroup(this, 'LogGroup', {
        name: logGroupName,
        retentionInDays: logging.retentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
        kmsKeyId: logKmsKey,
        tags: props.tags,
      });
      this.loggingRule = this.addRule('LogAllEvents', {
        name: logging.ruleName ?? DEFAULT_LOGGING_RULE_NAME,
        description: `Copies every event on ${name} to CloudWatch Logs log group ${logGroupName}`,
        eventPattern: EVERY_EVENT,
        targets: [RuleTarget.logGroup(this.logGroup.arn)],
      });
    }
  }

  /**
   * Adds a rule to the bus. Every prop, the event pattern and every target are
   * checked first; a ValidationError names the rule's construct path.
   */
  addRule(id: string, props: EventBusRuleProps): EventBusRule {
    checkArguments(this, [['addRule.id', id, shape.id]]);
    if (this.node.tryFindChild(id)) {
      new PropsValidator(this).check(false, 'addRule.id', id, 'is already used by another rule or resource of this bus: choose another construct ID').throwIfInvalid();
    }
    const rule = new EventBusRule(this, id, props, this.host);
    this.rulesById.set(id, rule);
    return rule;
  }

  /** The rules added so far, in order. */
  get rules(): EventBusRule[] {
    return [...this.rulesById.values()];
  }

  /** The rule added with construct ID `id`. */
  rule(id: string): EventBusRule | undefined {
    return this.rulesById.get(id);
  }

  /**
   * Lets another account (12-digit ID) or every account of an organization
   * (`o-…` ID) put events on this bus, through its one bus policy.
   */
  allowPutEventsFrom(accountOrOrganizationId: string): void {
    checkArguments(this, [['allowPutEventsFrom', accountOrOrganizationId, shape.string]]);
    const v = new PropsValidator(this);
    validatePutEventsPrincipal(v, 'allowPutEventsFrom', accountOrOrganizationId);
    v.throwIfInvalid();
    this.addPutEventsPrincipal(accountOrOrganizationId);
  }

  /** Records a checked principal; a token is taken for an account ID. */
  private addPutEventsPrincipal(principal: string): void {
    const list = !isToken(principal) && ORGANIZATION_ID.test(principal) ? this.putEventsOrganizations : this.putEventsAccounts;
    if (!list.includes(principal)) list.push(principal);
  }

  /** The statements of the bus policy so far. */
  busPolicyStatements(): PolicyStatement[] {
    const ctx = awsContext(this);
    const root = (account: string) => `arn:${ctx.partition}:iam::${account}:root`;
    const statements: PolicyStatement[] = [
      {
        // A policy on every custom bus (Security Hub EventBridge.3); it grants nothing IAM does not already.
        Sid: 'AllowThisAccountToPutEvents',
        Effect: 'Allow',
        Principal: { AWS: root(ctx.accountId) },
        Action: 'events:PutEvents',
        Resource: this.eventBusArn,
      },
    ];
    if (this.putEventsAccounts.length > 0) {
      statements.push({
        Sid: 'AllowAccountsToPutEvents',
        Effect: 'Allow',
        Principal: { AWS: this.putEventsAccounts.map(root) },
        Action: 'events:PutEvents',
        Resource: this.eventBusArn,
      });
    }
    this.putEventsOrganizations.forEach((org, i) => {
      statements.push({
        Sid: `AllowOrganizationToPutEvents${i + 1}`,
        Effect: 'Allow',
        Principal: '*',
        Action: 'events:PutEvents',
        Resource: this.eventBusArn,
        Condition: { StringEquals: { 'aws:PrincipalOrgID': org } },
      });
    });
    return statements;
  }

  /** The bus's CloudWatch Logs resource policy (one per bus: an account may hold only 10), made on first use. */
  private logDeliveryPolicy(): LogDeliveryPolicy {
    this.logPolicy ??= new LogDeliveryPolicy(this, 'LogResourcePolicy', `eventbridge-${this.host.busName}-to-logs`);
    return this.logPolicy;
  }

  /**
   * Lets `grantee` put events on the bus (`events:PutEvents`). A customer
   * managed key needs no grant to the caller: EventBridge uses the key
   * under its own key-policy statement.
   */
  grantPutEvents(grantee: IGrantee): void {
    grantTo(grantee, [{ Sid: 'PutEventsOnBus', Effect: 'Allow', Action: 'events:PutEvents', Resource: this.eventBusArn }]);
  }
}

function validatePutEventsPrincipal(v: PropsValidator, field: string, principal: string): void {
  if (isToken(principal)) return;
  v.check(
    typeof principal === 'string' && (ACCOUNT_ID.test(principal) || ORGANIZATION_ID.test(principal)),
    field,
    describeEndpoint(principal),
    'must be a 12-digit AWS account ID or an AWS Organizations ID (o- followed by 10–32 lowercase letters or digits)',
  );
}
