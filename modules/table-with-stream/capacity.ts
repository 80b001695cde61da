import { Construct } from 'constructs';
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { PropsValidator } from '../core/validation';
import { DYNAMODB } from '../core/aws-limits';

/** Application Auto Scaling of one capacity dimension (reads or writes) of the table or of an index. */
export interface AutoScalingProps {
  /** Fewest capacity units auto-scaling may set; also the capacity the table is created with. At least 1. */
  readonly minCapacity: number;
  /** Most capacity units auto-scaling may set; at least `minCapacity`. */
  readonly maxCapacity: number;
  /** Consumed-to-provisioned ratio auto-scaling keeps, in percent. @default 70 (AWS allows 20–90) */
  readonly targetUtilizationPercent?: number;
}

/** Auto-scaling of a global secondary index's reads and writes (provisioned tables only). */
export interface IndexAutoScalingProps {
  /** @default the table's `readCapacity` settings */
  readonly readCapacity?: AutoScalingProps;
  /** @default the table's `writeCapacity` settings */
  readonly writeCapacity?: AutoScalingProps;
}

/** On-demand capacity (`PAY_PER_REQUEST`): DynamoDB scales by itself; pay per request. */
export interface OnDemandCapacity {
  /** Discriminates the capacity modes. */
  readonly mode: 'on-demand';
  /** Most read request units per second the table may use (a cost ceiling). At least 1. @default no maximum */
  readonly maxReadRequestUnits?: number;
  /** Most write request units per second the table may use (a cost ceiling). At least 1. @default no maximum */
  readonly maxWriteRequestUnits?: number;
}

/**
 * Provisioned capacity (`PROVISIONED`) with Application Auto Scaling target
 * tracking on reads and writes of the table and of every global secondary index.
 * Terraform is told to ignore the capacity auto-scaling changes
 * (`lifecycle.ignore_changes` on `read_capacity` and `write_capacity`).
 */
export interface ProvisionedCapacity {
  /** Discriminates the capacity modes. */
  readonly mode: 'provisioned';
  /** Auto-scaling of the table's read capacity units. */
  readonly readCapacity: AutoScalingProps;
  /** Auto-scaling of the table's write capacity units. */
  readonly writeCapacity: AutoScalingProps;
  /** Per global secondary index (by index name), when it should scale differently from the table. @default the table's settings */
  readonly globalSecondaryIndexes?: Record<string, IndexAutoScalingProps>;
  /**
   * Adds `global_secondary_index` to `lifecycle.ignore_changes`. The provider
   * keeps indexes as a set of blocks, and Terraform cannot ignore one
   * attribute inside a set element: without this, every apply resets each
   * index to its `minCapacity` (undoing auto-scaling, and failing once
   * DynamoDB's daily limit on capacity decreases is used up). With it,
   * Terraform ignores every later change to the indexes (adding, removing or
   * changing one needs this set to `false` for that apply).
   * @default true when the table has global secondary indexes
   */
  readonly ignoreGlobalSecondaryIndexChanges?: boolean;
}

/** How the table pays for and scales its throughput. */
export type TableCapacity = OnDemandCapacity | ProvisionedCapacity;

const TARGET_UTILIZATION = { min: DYNAMODB.minTargetUtilizationPercent, max: DYNAMODB.maxTargetUtilizationPercent, default: 70 } as const;

/** Checks a {@link TableCapacity}; `gsiNames` are the table's global secondary indexes. */
export function validateCapacity(v: PropsValidator, capacity: TableCapacity | undefined, gsiNames: readonly string[]): void {
  if (capacity === undefined) return;
  v.oneOf('capacity.mode', capacity.mode, ['on-demand', 'provisioned']);
  if (capacity.mode === 'on-demand') {
    v.integer('capacity.maxReadRequestUnits', capacity.maxReadRequestUnits, 1, Number.MAX_SAFE_INTEGER, 'request units');
    v.integer('capacity.maxWriteRequestUnits', capacity.maxWriteRequestUnits, 1, Number.MAX_SAFE_INTEGER, 'request units');
    return;
  }
  if (capacity.mode !== 'provisioned') return;
  validateAutoScaling(v, 'capacity.readCapacity', capacity.readCapacity);
  validateAutoScaling(v, 'capacity.writeCapacity', capacity.writeCapacity);
  for (const [name, index] of Object.entries(capacity.globalSecondaryIndexes ?? {})) {
    const field = `capacity.globalSecondaryIndexes.${name}`;
    v.check(
      gsiNames.includes(name),
      field,
      name,
      gsiNames.length ? `names a global secondary index of this table: one of ${gsiNames.map((n) => JSON.stringify(n)).join(', ')}` : 'the table has no global secondary indexes',
    );
    if (index?.readCapacity) validateAutoScaling(v, `${field}.readCapacity`, index.readCapacity);
    if (index?.writeCapacity) validateAutoScaling(v, `${field}.writeCapacity`, index.writeCapacity);
  }
}

function validateAutoScaling(v: PropsValidator, field: string, scaling: AutoScalingProps | undefined): void {
  if (!scaling || typeof scaling !== 'object') {
    v.check(false, field, scaling, 'provisioned capacity needs { minCapacity, maxCapacity } for auto scaling');
    return;
  }
  v.check(scaling.minCapacity !== undefined, `${field}.minCapacity`, scaling.minCapacity, 'is required: the fewest capacity units auto scaling may set (at least 1)');
  v.check(scaling.maxCapacity !== undefined, `${field}.maxCapacity`, scaling.maxCapacity, 'is required: the most capacity units auto scaling may set');
  v.integer(`${field}.minCapacity`, scaling.minCapacity, 1, Number.MAX_SAFE_INTEGER, 'capacity units');
  v.integer(`${field}.maxCapacity`, scaling.maxCapacity, 1, Number.MAX_SAFE_INTEGER, 'capacity units');
  if (Number.isInteger(scaling.minCapacity) && Number.isInteger(scaling.maxCapacity)) {
    v.check(scaling.maxCapacity >= scaling.minCapacity, `${field}.maxCapacity`, scaling.maxCapacity, `must be at least minCapacity (${scaling.minCapacity})`);
  }
  v.number(`${field}.targetUtilizationPercent`, scaling.targetUtilizationPercent, TARGET_UTILIZATION.min, TARGET_UTILIZATION.max, 'percent (DynamoDB auto scaling target utilisation)');
}

/** The auto-scaling settings of one index dimension: the index's own, else the table's. */
export function indexScaling(capacity: ProvisionedCapacity, index: string, dimension: 'read' | 'write'): AutoScalingProps {
  const own = capacity.globalSecondaryIndexes?.[index];
  return dimension === 'read' ? (own?.readCapacity ?? capacity.readCapacity) : (own?.writeCapacity ?? capacity.writeCapacity);
}

/** A scalable target and its target-tracking policy. */
export interface CapacityAutoScaling {
  /** The scalable target (`aws_appautoscaling_target`): one capacity dimension of the table or an index, with its minimum and maximum. */
  readonly target: AppautoscalingTarget;
  /** The target-tracking scaling policy (`aws_appautoscaling_policy`) that keeps utilisation at `targetUtilizationPercent`. */
  readonly policy: AppautoscalingPolicy;
}

/**
 * Registers one DynamoDB capacity dimension with Application Auto Scaling and
 * tracks a utilisation target on it. No `role_arn`: Application Auto Scaling
 * uses (and creates if needed) its DynamoDB service-linked role.
 */
export function addCapacityAutoScaling(
  scope: Construct,
  id: string,
  resourceId: string,
  dimension: 'read' | 'write',
  kind: 'table' | 'index',
  scaling: AutoScalingProps,
  tags: Record<string, string> | undefined,
): CapacityAutoScaling {
  const unit = dimension === 'read' ? 'ReadCapacityUnits' : 'WriteCapacityUnits';
  const target = new AppautoscalingTarget(scope, `${id}Target`, {
    serviceNamespace: 'dynamodb',
    resourceId,
    scalableDimension: `dynamodb:${kind}:${unit}`,
    minCapacity: scaling.minCapacity,
    maxCapacity: scaling.maxCapacity,
    tags,
  });
  const metric = dimension === 'read' ? 'DynamoDBReadCapacityUtilization' : 'DynamoDBWriteCapacityUtilization';
  const policy = new AppautoscalingPolicy(scope, `${id}Policy`, {
    // Policy names are unique per scalable target, so the metric name is enough.
    name: metric,
    policyType: 'TargetTrackingScaling',
    serviceNamespace: target.serviceNamespace,
    resourceId: target.resourceId,
    scalableDimension: target.scalableDimension,
    targetTrackingScalingPolicyConfiguration: {
      targetValue: scaling.targetUtilizationPercent ?? TARGET_UTILIZATION.default,
      predefinedMetricSpecification: { predefinedMetricType: metric },
    },
  });
  return { target, policy };
}
