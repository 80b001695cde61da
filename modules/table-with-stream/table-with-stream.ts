import { Construct } from 'constructs';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { IEventBusTarget } from '../core/contracts';
import { ValidationError } from '../core/errors';
import { grantTo, IGrantee, keyGrant } from '../core/grants';
import { PolicyDocument, policyDocument, PolicyStatement } from '../core/policy';
import { checkArguments, checkProps, shape, validScope } from '../core/shape';
import { isToken, PropsValidator } from '../core/validation';
import { addCapacityAutoScaling, CapacityAutoScaling, indexScaling, TableCapacity, validateCapacity } from './capacity';
import { TABLE_CONSUMER_PROPS, TABLE_PROPS } from './props-shape';
import { GlobalSecondaryIndexProps, KeyAttribute, keySchema, LocalSecondaryIndexProps, TABLE_OR_INDEX_NAME, validateKeys } from './keys';
import { requireOwnFramework } from '../core/framework';
import { createLambdaConsumer, TableConsumerProps, TableStreamLambdaConsumer, validateLambdaConsumerProps } from './lambda-consumer';
import { checkPipeArguments, createPipe, PipeToEventBusOptions, StreamToBusPipe, validatePipeOptions } from '../core/pipe-to-bus';
import { StreamSource, streamReadStatements, StreamViewType, tablePipeSource } from './table-stream';
import { DYNAMODB } from '../core/aws-limits';

/** Server-side encryption of the table (and its stream and backups). */
export type TableEncryption =
  /** The AWS managed key `aws/dynamodb` in the account (`server_side_encryption { enabled = true }`), logged in CloudTrail. */
  | 'aws-managed'
  /** A key owned by DynamoDB, outside the account (`enabled = false`): free, but invisible to the account. */
  | 'aws-owned'
  /** A customer-managed KMS key: its key policy decides who may read the data. */
  | {
      /** ARN of the customer-managed KMS key (a symmetric encryption key). */
      readonly kmsKeyArn: string;
    };

/** The table's stream. */
export interface TableStreamProps {
  /** What each stream record holds. @default 'NEW_AND_OLD_IMAGES' */
  readonly viewType?: StreamViewType;
}

/** Props of a {@link TableWithStream}. */
export interface TableWithStreamProps {
  /** Table name. AWS limit: 3–255 letters, digits, `_`, `-`, `.`. */
  readonly name: string;
  /** Partition key. Replacing it replaces the table. */
  readonly partitionKey: KeyAttribute;
  /** Sort key (makes a composite primary key). Replacing it replaces the table. @default none */
  readonly sortKey?: KeyAttribute;
  /** Global secondary indexes. @default none (AWS allows 20 per table by default) */
  readonly globalSecondaryIndexes?: GlobalSecondaryIndexProps[];
  /**
   * Local secondary indexes; they need a sort key on the table and can only
   * be created with the table (changing them replaces it). @default none (AWS allows 5)
   */
  readonly localSecondaryIndexes?: LocalSecondaryIndexProps[];
  /** Throughput: on-demand (optionally capped) or provisioned with auto scaling. @default { mode: 'on-demand' } with no maximum */
  readonly capacity?: TableCapacity;
  /**
   * The stream; `false` turns it off. Turning a stream off (or changing its
   * view type, which needs it off and on again) gives it a new ARN: pipes and
   * mappings reading the old one stop working and must be recreated.
   * @default { viewType: 'NEW_AND_OLD_IMAGES' }
   */
  readonly stream?: TableStreamProps | false;
  /** Point-in-time recovery (continuous backups). @default true */
  readonly pointInTimeRecovery?: boolean;
  /** Days point-in-time recovery can restore to. @default the AWS default, 35 (AWS allows 1–35) */
  readonly pointInTimeRecoveryPeriodDays?: number;
  /** Server-side encryption. @default 'aws-managed' (the `aws/dynamodb` KMS key) */
  readonly encryption?: TableEncryption;
  /** Refuse `DeleteTable` while on (environments may turn it off). @default true */
  readonly deletionProtection?: boolean;
  /** Attribute holding each item's expiry time (epoch seconds, a Number): turns TTL on. AWS limit: 1–255 characters. @default TTL off */
  readonly timeToLiveAttribute?: string;
  /** Storage class. @default the AWS default, 'STANDARD' */
  readonly tableClass?: 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS';
  /** Tags for the table and everything made with it (provider default tags apply as well). @default none */
  readonly tags?: Record<string, string>;
}

const STREAM_VIEW_TYPES: readonly StreamViewType[] = ['NEW_AND_OLD_IMAGES', 'NEW_IMAGE', 'OLD_IMAGE', 'KEYS_ONLY'];

/**
 * A DynamoDB table with a stream and the two ways AWS offers to consume it (an
 * EventBridge Pipe to an event bus, a Lambda event source mapping), safe by
 * default: stream with new and old images, point-in-time recovery, KMS
 * encryption, deletion protection, on-demand capacity (or provisioned with
 * auto scaling), and stream readers with bounded retries, bisection and a
 * dead-letter queue.
 */
export class TableWithStream extends Construct {
  /** The table resource. */
  readonly table: DynamodbTable;
  /** The table name (as Terraform knows it). */
  readonly tableName: string;
  /** The table ARN; index ARNs are `<tableArn>/index/<name>`. */
  readonly tableArn: string;
  /** ARN of the stream, unless the stream is off. */
  readonly streamArn?: string;
  /** What stream records hold, unless the stream is off. */
  readonly streamViewType?: StreamViewType;
  /** The customer-managed KMS key that encrypts the table, when one does. */
  readonly kmsKeyArn?: string;
  /** The attribute definitions, derived from the keys of the table and its indexes. */
  readonly attributeDefinitions: readonly KeyAttribute[];
  /** The auto-scaling targets and policies (provisioned capacity only). */
  readonly autoScaling: readonly CapacityAutoScaling[];
  private readonly props: TableWithStreamProps;
  private readonly readers: string[] = [];

  constructor(scope: Construct, id: string, props: TableWithStreamProps) {
    super(validScope(scope, id, 'TableWithStream'), id);
    requireOwnFramework(this);
    checkProps(this, props, TABLE_PROPS);
    const gsis = props.globalSecondaryIndexes ?? [];
    const lsis = props.localSecondaryIndexes ?? [];
    const capacity: TableCapacity = props.capacity ?? { mode: 'on-demand' };
    const encryption = props.encryption ?? 'aws-managed';
    const pitr = props.pointInTimeRecovery ?? true;

    const v = new PropsValidator(this);
    v.check(props.name !== undefined, 'name', props.name, 'is required: the table name');
    v.matches('name', props.name, TABLE_OR_INDEX_NAME, 'table names are 3–255 letters, digits, underscores, hyphens and dots');
    validateKeys(v, props.partitionKey, props.sortKey, gsis, lsis);
    validateCapacity(v, props.capacity, gsis.map((g) => g.name));
    if (props.stream !== undefined && props.stream !== false) {
      v.check(typeof props.stream === 'object' && props.stream !== null, 'stream', props.stream, 'must be { viewType } or false');
      v.oneOf('stream.viewType', props.stream?.viewType, STREAM_VIEW_TYPES);
    }
    v.integer('pointInTimeRecoveryPeriodDays', props.pointInTimeRecoveryPeriodDays, DYNAMODB.minRecoveryPeriodDays, DYNAMODB.maxRecoveryPeriodDays, 'days');
    v.check(
      pitr || props.pointInTimeRecoveryPeriodDays === undefined,
      'pointInTimeRecoveryPeriodDays',
      props.pointInTimeRecoveryPeriodDays,
      'applies only with pointInTimeRecovery on',
    );
    if (typeof encryption === 'object' && encryption !== null) {
      v.check(encryption.kmsKeyArn !== undefined, 'encryption.kmsKeyArn', encryption.kmsKeyArn, 'is required: the ARN of a customer-managed KMS key');
      v.arn('encryption.kmsKeyArn', encryption.kmsKeyArn, 'kms');
    } else {
      v.check(encryption === 'aws-managed' || encryption === 'aws-owned', 'encryption', encryption, 'must be "aws-managed", "aws-owned" or { kmsKeyArn }');
    }
    if (props.timeToLiveAttribute !== undefined && !isToken(props.timeToLiveAttribute)) {
      v.check(
        typeof props.timeToLiveAttribute === 'string' && props.timeToLiveAttribute.length >= 1 && props.timeToLiveAttribute.length <= DYNAMODB.ttlAttributeNameMaxLength,
        'timeToLiveAttribute',
        props.timeToLiveAttribute,
        'TTL attribute names are 1–255 characters',
      );
    }
    v.oneOf('tableClass', props.tableClass, ['STANDARD', 'STANDARD_INFREQUENT_ACCESS']);
    v.throwIfInvalid();

    this.props = props;
    const schema = keySchema(props.partitionKey, props.sortKey, gsis, lsis);
    this.attributeDefinitions = schema.attributes.map((a) => ({ name: a.name, type: a.type as KeyAttribute['type'] }));
    this.streamViewType = props.stream === false ? undefined : (props.stream?.viewType ?? 'NEW_AND_OLD_IMAGES');
    this.kmsKeyArn = typeof encryption === 'object' ? encryption.kmsKeyArn : undefined;

    const provisioned = capacity.mode === 'provisioned' ? capacity : undefined;
    const onDemand = capacity.mode === 'on-demand' ? capacity : undefined;
    const ignoreIndexes = provisioned !== undefined && gsis.length > 0 && provisioned.ignoreGlobalSecondaryIndexChanges !== false;

    this.table = new DynamodbTable(this, 'Table', {
      name: props.name,
      billingMode: provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST',
      hashKey: props.partitionKey.name,
      rangeKey: props.sortKey?.name,
      attribute: schema.attributes,
      globalSecondaryIndex: schema.globalSecondaryIndexes.length
        ? schema.globalSecondaryIndexes.map((g) => ({
            ...g,
            readCapacity: provisioned ? indexScaling(provisioned, g.name, 'read').minCapacity : undefined,
            writeCapacity: provisioned ? indexScaling(provisioned, g.name, 'write').minCapacity : undefined,
          }))
        : undefined,
      localSecondaryIndex: schema.localSecondaryIndexes.length ? schema.localSecondaryIndexes : undefined,
      readCapacity: provisioned?.readCapacity.minCapacity,
      writeCapacity: provisioned?.writeCapacity.minCapacity,
      onDemandThroughput:
        onDemand && (onDemand.maxReadRequestUnits !== undefined || onDemand.maxWriteRequestUnits !== undefined)
          ? { maxReadRequestUnits: onDemand.maxReadRequestUnits, maxWriteRequestUnits: onDemand.maxWriteRequestUnits }
          : undefined,
      streamEnabled: this.streamViewType !== undefined,
      streamViewType: this.streamViewType,
      pointInTimeRecovery: { enabled: pitr, recoveryPeriodInDays: pitr ? props.pointInTimeRecoveryPeriodDays : undefined },
      serverSideEncryption:
        encryption === 'aws-owned' ? { enabled: false } : { enabled: true, kmsKeyArn: typeof encryption === 'object' ? encryption.kmsKeyArn : undefined },
      deletionProtectionEnabled: props.deletionProtection ?? true,
      ttl: props.timeToLiveAttribute !== undefined ? { attributeName: props.timeToLiveAttribute, enabled: true } : undefined,
      tableClass: props.tableClass,
      tags: props.tags,
      // Auto scaling changes the capacity; Terraform must not set it back.
      lifecycle: provisioned ? { ignoreChanges: ['read_capacity', 'write_capacity', ...(ignoreIndexes ? ['global_secondary_index'] : [])] } : undefined,
    });
    this.tableName = this.table.name;
    this.tableArn = this.table.arn;
    this.streamArn = this.streamViewType !== undefined ? this.table.streamArn : undefined;

    const scaling: CapacityAutoScaling[] = [];
    if (provisioned) {
      const tableResource = `table/${this.table.name}`;
      scaling.push(addCapacityAutoScaling(this, 'ReadAutoScaling', tableResource, 'read', 'table', provisioned.readCapacity, props.tags));
      scaling.push(addCapacityAutoScaling(this, 'WriteAutoScaling', tableResource, 'write', 'table', provisioned.writeCapacity, props.tags));
      for (const gsi of gsis) {
        const indexResource = `${tableResource}/index/${gsi.name}`;
        for (const dimension of ['read', 'write'] as const) {
          const id = `${gsi.name}${dimension === 'read' ? 'Read' : 'Write'}AutoScaling`;
          scaling.push(addCapacityAutoScaling(this, id, indexResource, dimension, 'index', indexScaling(provisioned, gsi.name, dimension), props.tags));
        }
      }
    }
    this.autoScaling = scaling;
  }

  /**
   * Adds an EventBridge Pipe that puts the table's changes on an event bus:
   * filtered, with bounded retries, bisection on partial failures, a
   * dead-letter queue, and an execution role that may do exactly that.
   * A stream serves at most two readers: a third one is refused.
   */
  addPipeToEventBus(id: string, bus: IEventBusTarget | string, options: PipeToEventBusOptions): StreamToBusPipe {
    checkPipeArguments(this, id, bus, options);
    const v = new PropsValidator(this);
    const source = this.streamSource(v, id);
    const pipeSource = source && tablePipeSource(source);
    if (pipeSource) validatePipeOptions(v, id, pipeSource, bus, options ?? ({} as PipeToEventBusOptions));
    v.throwIfInvalid();
    this.readers.push(id);
    return createPipe(new Construct(this, id), id, pipeSource!, bus, options);
  }

  /**
   * Adds a Lambda event source mapping on the table's stream, with bounded
   * retries, bisection, batch item failures reported, and an on-failure
   * destination. Returns the IAM policy the function's role needs (and
   * attaches it when `functionRoleName` is given).
   * A stream serves at most two readers: a third one is refused.
   */
  addLambdaConsumer(id: string, props: TableConsumerProps): TableStreamLambdaConsumer {
    checkArguments(this, [
      ['id', id, shape.id],
      [String(id), props, TABLE_CONSUMER_PROPS],
    ]);
    const v = new PropsValidator(this);
    const source = this.streamSource(v, id);
    if (source) validateLambdaConsumerProps(v, id, source, props);
    v.throwIfInvalid();
    this.readers.push(id);
    return createLambdaConsumer(new Construct(this, id), id, source!, props);
  }

  /** The ids of the pipes and Lambda consumers reading the stream. */
  get streamReaders(): readonly string[] {
    return [...this.readers];
  }

  /** IAM policy to read items (get, query, scan, on the table and its indexes), plus KMS decrypt with a customer-managed key. */
  readDataPolicy(): PolicyDocument {
    return policyDocument(this.dataStatements(false));
  }

  /** IAM policy to read and write items (no table management), plus the KMS actions a customer-managed key needs. */
  readWriteDataPolicy(): PolicyDocument {
    return policyDocument(this.dataStatements(true));
  }

  /** Lets `grantee` read items (the statements of {@link readDataPolicy}). */
  grantReadData(grantee: IGrantee): void {
    grantTo(grantee, this.dataStatements(false));
  }

  /** Lets `grantee` read and write items (the statements of {@link readWriteDataPolicy}). */
  grantReadWriteData(grantee: IGrantee): void {
    grantTo(grantee, this.dataStatements(true));
  }

  /**
   * Lets `grantee` perform only `actions` (e.g. `dynamodb:GetItem`) on the
   * table's items, with the key actions item access needs when a customer
   * managed key encrypts the table: least privilege for a caller that uses
   * a few item operations.
   */
  grant(grantee: IGrantee, ...actions: string[]): void {
    this.grantItems(grantee, 'grant', 'AccessItems', actions);
  }

  /**
   * Lets `grantee` perform only `actions` on the items whose partition key
   * matches one of `leadingKeys` (IAM `StringLike` patterns, e.g. `billing#*`):
   * a caller that keeps its own records in a shared table cannot touch the
   * others'. `dynamodb:Scan` is refused: a scan names no partition key, so
   * the `ForAllValues` condition would hold for it and open the whole table.
   */
  grantOnPartitions(grantee: IGrantee, leadingKeys: string[], ...actions: string[]): void {
    const v = new PropsValidator(this);
    v.check(Array.isArray(leadingKeys) && leadingKeys.length > 0, 'grantOnPartitions.leadingKeys', leadingKeys, 'name at least one partition key pattern, e.g. "billing#*"');
    (Array.isArray(leadingKeys) ? leadingKeys : []).forEach((k, i) =>
      v.check(typeof k === 'string' && k.length > 0, `grantOnPartitions.leadingKeys[${i}]`, k, 'must be a non-empty partition key value or StringLike pattern'),
    );
    actions.forEach((a, i) =>
      v.check(a !== 'dynamodb:Scan', `grantOnPartitions.actions[${i}]`, a, 'a scan names no partition key, so a leading-key condition cannot limit it: grant it with grant() or leave it out'),
    );
    v.throwIfInvalid();
    this.grantItems(grantee, 'grantOnPartitions', 'AccessOwnItems', actions, { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': leadingKeys } });
  }

  private grantItems(grantee: IGrantee, method: string, sid: string, actions: string[], condition?: PolicyStatement['Condition']): void {
    const v = new PropsValidator(this);
    v.check(actions.length > 0, `${method}.actions`, actions, 'name at least one DynamoDB item action, e.g. "dynamodb:GetItem"');
    actions.forEach((a, i) => v.matches(`${method}.actions[${i}]`, a, /^dynamodb:[A-Za-z]+$/, 'must be a DynamoDB action, e.g. "dynamodb:GetItem"'));
    v.throwIfInvalid();
    const writes = actions.some((a) => !/^dynamodb:(BatchGet|Get|Query|Scan|ConditionCheck|Describe)/.test(a));
    grantTo(grantee, [
      { Sid: sid, Effect: 'Allow', Action: actions.length === 1 ? actions[0] : actions, Resource: this.tableArn, ...(condition ? { Condition: condition } : {}) },
      ...keyGrant('UseTableKey', this.kmsKeyArn, writes ? ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'] : ['kms:Decrypt', 'kms:DescribeKey']),
    ]);
  }

  /** Lets `grantee` read the table's stream (describe, get records and shard iterators, list the table's streams), with `kms:Decrypt` under a customer managed key. */
  grantStreamRead(grantee: IGrantee): void {
    if (this.streamArn === undefined) {
      throw new ValidationError(this.node.path, [{ field: 'grantStreamRead', value: 'stream: false', allowed: 'the table has no stream to read: leave stream on (the default)' }]);
    }
    grantTo(grantee, streamReadStatements({ tableArn: this.tableArn, streamArn: this.streamArn, kmsKeyArn: this.kmsKeyArn }));
  }

  private dataStatements(write: boolean): PolicyStatement[] {
    const read = ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'];
    const writes = ['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
    const statements: PolicyStatement[] = [
      { Sid: write ? 'ReadWriteItems' : 'ReadItems', Effect: 'Allow', Action: write ? [...read, ...writes] : read, Resource: [this.tableArn, `${this.tableArn}/index/*`] },
    ];
    if (this.kmsKeyArn) {
      statements.push({
        Sid: 'UseTableKey',
        Effect: 'Allow',
        Action: write ? ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'] : ['kms:Decrypt', 'kms:DescribeKey'],
        Resource: this.kmsKeyArn,
      });
    }
    return statements;
  }

  /** The stream as a reader sees it, after checking that one more reader is allowed. */
  private streamSource(v: PropsValidator, id: string): StreamSource | undefined {
    if (this.streamViewType === undefined || this.streamArn === undefined) {
      v.check(false, 'id', id, 'the table has no stream to read (stream: false): leave stream on (the default) to add pipes or Lambda consumers');
      return undefined;
    }
    v.check(
      this.readers.length < DYNAMODB.maxStreamReadersPerShard,
      'id',
      id,
      `a DynamoDB stream serves at most ${DYNAMODB.maxStreamReadersPerShard} concurrent readers per shard (more are throttled); this table's stream already has ${this.readers.length}: ${this.readers.join(', ')}`,
    );
    return {
      tableName: this.props.name,
      tableArn: this.tableArn,
      streamArn: this.streamArn,
      streamViewType: this.streamViewType,
      kmsKeyArn: this.kmsKeyArn,
      tags: this.props.tags,
    };
  }
}
