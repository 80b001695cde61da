import { DynamodbTableAttribute, DynamodbTableGlobalSecondaryIndex, DynamodbTableLocalSecondaryIndex } from '@cdktf/provider-aws/lib/dynamodb-table';
import { isToken, PropsValidator } from '../core/validation';
import { DYNAMODB } from '../core/aws-limits';

/** DynamoDB scalar types a key attribute can have: string, number, binary. */
export type KeyAttributeType = 'S' | 'N' | 'B';

/** A key attribute of the table or of an index. */
export interface KeyAttribute {
  /** Attribute name. AWS limit: 1–255 bytes (UTF-8). */
  readonly name: string;
  /** `S` (string), `N` (number) or `B` (binary). */
  readonly type: KeyAttributeType;
}

/** Which attributes DynamoDB copies into an index besides the keys. */
export type ProjectionType = 'ALL' | 'KEYS_ONLY' | 'INCLUDE';

/** A global secondary index. */
export interface GlobalSecondaryIndexProps {
  /** Index name, unique among the table's indexes. AWS limit: 3–255 letters, digits, `_`, `-`, `.`. */
  readonly name: string;
  /** Partition key of the index (any attribute, not necessarily the table's). */
  readonly partitionKey: KeyAttribute;
  /** Sort key of the index. @default none */
  readonly sortKey?: KeyAttribute;
  /** Attributes projected into the index. @default 'ALL' */
  readonly projectionType?: ProjectionType;
  /**
   * With `projectionType: 'INCLUDE'` only (and required there): the non-key
   * attributes to project. AWS limit: 100 across all indexes of the table
   * (an attribute projected into two indexes counts twice).
   */
  readonly nonKeyAttributes?: string[];
}

/** A local secondary index: the table's partition key with another sort key. Created with the table only. */
export interface LocalSecondaryIndexProps {
  /** Index name, unique among the table's indexes. AWS limit: 3–255 letters, digits, `_`, `-`, `.`. */
  readonly name: string;
  /** Sort key of the index (the partition key is always the table's). */
  readonly sortKey: KeyAttribute;
  /** Attributes projected into the index. @default 'ALL' */
  readonly projectionType?: ProjectionType;
  /** With `projectionType: 'INCLUDE'` only (and required there): the non-key attributes to project. */
  readonly nonKeyAttributes?: string[];
}

/** Table and index names: CreateTable's `[a-zA-Z0-9_.-]+`, 3–255 characters. */
export const TABLE_OR_INDEX_NAME = new RegExp(`^[A-Za-z0-9_.-]{${DYNAMODB.nameMinLength},${DYNAMODB.nameMaxLength}}$`);
const KEY_TYPES: readonly KeyAttributeType[] = ['S', 'N', 'B'];
const PROJECTIONS: readonly ProjectionType[] = ['ALL', 'KEYS_ONLY', 'INCLUDE'];

/** The key schema of a table and its indexes, as the provider's blocks. */
export interface KeySchema {
  /** One `attribute` per key attribute of the table and its indexes, and no other (DynamoDB and the provider refuse unused ones). */
  readonly attributes: DynamodbTableAttribute[];
  readonly globalSecondaryIndexes: Omit<DynamodbTableGlobalSecondaryIndex, 'readCapacity' | 'writeCapacity'>[];
  readonly localSecondaryIndexes: DynamodbTableLocalSecondaryIndex[];
}

interface KeyUse {
  readonly attribute: KeyAttribute;
  readonly field: string;
}

/**
 * Checks the table's keys and indexes against DynamoDB's rules and records
 * every problem in `v`.
 */
export function validateKeys(
  v: PropsValidator,
  partitionKey: KeyAttribute,
  sortKey: KeyAttribute | undefined,
  gsis: readonly GlobalSecondaryIndexProps[],
  lsis: readonly LocalSecondaryIndexProps[],
): void {
  const uses: KeyUse[] = [];
  const key = (field: string, attribute: KeyAttribute | undefined): void => {
    if (attribute === undefined) return;
    if (typeof attribute !== 'object' || attribute === null) {
      v.check(false, field, attribute, 'must be { name, type } with type "S", "N" or "B"');
      return;
    }
    v.check(
      isToken(attribute.name) ||
        (typeof attribute.name === 'string' && attribute.name.length > 0 && Buffer.byteLength(attribute.name, 'utf8') <= DYNAMODB.maxKeyAttributeNameBytes),
      `${field}.name`,
      attribute.name,
      'key attribute names are 1–255 bytes long',
    );
    v.oneOf(`${field}.type`, attribute.type, KEY_TYPES);
    uses.push({ attribute, field });
  };
  const distinct = (field: string, a: KeyAttribute | undefined, b: KeyAttribute | undefined, what: string): void => {
    if (a && b && typeof a === 'object' && typeof b === 'object') {
      v.check(a.name !== b.name, `${field}.name`, b.name, `the sort key must be another attribute than ${what} ("${a.name}")`);
    }
  };

  v.check(partitionKey !== undefined, 'partitionKey', partitionKey, 'a table needs a partition key: { name, type }');
  key('partitionKey', partitionKey);
  key('sortKey', sortKey);
  distinct('sortKey', partitionKey, sortKey, 'the partition key');

  v.check(
    gsis.length <= DYNAMODB.maxGlobalSecondaryIndexes,
    'globalSecondaryIndexes',
    gsis.map((g) => g.name),
    `a table has at most ${DYNAMODB.maxGlobalSecondaryIndexes} global secondary indexes (the default DynamoDB quota)`,
  );
  v.check(
    lsis.length <= DYNAMODB.maxLocalSecondaryIndexes,
    'localSecondaryIndexes',
    lsis.map((l) => l.name),
    `a table has at most ${DYNAMODB.maxLocalSecondaryIndexes} local secondary indexes`,
  );
  v.check(
    lsis.length === 0 || sortKey !== undefined,
    'localSecondaryIndexes',
    lsis.map((l) => l.name),
    'local secondary indexes need a table with a sort key (a composite primary key): set sortKey, or use global secondary indexes',
  );

  const names = new Map<string, string>();
  let projected = 0;
  const index = (field: string, name: string, projectionType: ProjectionType | undefined, nonKeyAttributes: string[] | undefined): void => {
    v.matches(`${field}.name`, name, TABLE_OR_INDEX_NAME, 'index names are 3–255 letters, digits, underscores, hyphens and dots');
    if (typeof name === 'string' && !isToken(name)) {
      const previous = names.get(name);
      v.check(previous === undefined, `${field}.name`, name, `index names must be unique on a table; ${previous} has this name already`);
      if (previous === undefined) names.set(name, field);
    }
    v.oneOf(`${field}.projectionType`, projectionType, PROJECTIONS);
    const type = projectionType ?? 'ALL';
    if (type === 'INCLUDE') {
      v.check(
        Array.isArray(nonKeyAttributes) && nonKeyAttributes.length > 0,
        `${field}.nonKeyAttributes`,
        nonKeyAttributes,
        'projectionType "INCLUDE" needs the list of non-key attributes to project',
      );
    } else {
      v.check(
        nonKeyAttributes === undefined,
        `${field}.nonKeyAttributes`,
        nonKeyAttributes,
        `applies to projectionType "INCLUDE" only; "${type}" projects ${type === 'ALL' ? 'every attribute' : 'the keys only'}`,
      );
    }
    projected += Array.isArray(nonKeyAttributes) ? nonKeyAttributes.length : 0;
  };

  gsis.forEach((gsi, i) => {
    const field = `globalSecondaryIndexes[${i}]`;
    index(field, gsi.name, gsi.projectionType, gsi.nonKeyAttributes);
    v.check(gsi.partitionKey !== undefined, `${field}.partitionKey`, gsi.partitionKey, 'a global secondary index needs a partition key: { name, type }');
    key(`${field}.partitionKey`, gsi.partitionKey);
    key(`${field}.sortKey`, gsi.sortKey);
    distinct(`${field}.sortKey`, gsi.partitionKey, gsi.sortKey, "the index's partition key");
  });
  lsis.forEach((lsi, i) => {
    const field = `localSecondaryIndexes[${i}]`;
    index(field, lsi.name, lsi.projectionType, lsi.nonKeyAttributes);
    v.check(lsi.sortKey !== undefined, `${field}.sortKey`, lsi.sortKey, "a local secondary index needs a sort key: { name, type } (its partition key is the table's)");
    key(`${field}.sortKey`, lsi.sortKey);
    distinct(`${field}.sortKey`, partitionKey, lsi.sortKey, "the table's partition key");
  });
  v.check(
    projected <= DYNAMODB.maxProjectedNonKeyAttributes,
    'nonKeyAttributes',
    projected,
    `at most ${DYNAMODB.maxProjectedNonKeyAttributes} non-key attributes may be projected, summed over all indexes of a table`,
  );

  // One attribute definition per name: DynamoDB refuses two types for one attribute.
  const firstUse = new Map<string, KeyUse>();
  for (const use of uses) {
    const { name, type } = use.attribute;
    if (typeof name !== 'string' || isToken(name)) continue;
    const first = firstUse.get(name);
    if (!first) {
      firstUse.set(name, use);
      continue;
    }
    v.check(
      first.attribute.type === type,
      `${use.field}.type`,
      type,
      `attribute "${name}" is already a key of type "${first.attribute.type}" (${first.field}); an attribute has one type wherever it is a key`,
    );
  }
}

/**
 * The provider blocks for valid keys and indexes. Attribute definitions are
 * derived from the keys only: an `attribute` no key uses makes DynamoDB (and
 * the provider at plan) refuse the table.
 */
export function keySchema(
  partitionKey: KeyAttribute,
  sortKey: KeyAttribute | undefined,
  gsis: readonly GlobalSecondaryIndexProps[],
  lsis: readonly LocalSecondaryIndexProps[],
): KeySchema {
  const attributes: DynamodbTableAttribute[] = [];
  const seen = new Set<string>();
  const add = (a: KeyAttribute | undefined): void => {
    if (!a || seen.has(a.name)) return;
    seen.add(a.name);
    attributes.push({ name: a.name, type: a.type });
  };
  add(partitionKey);
  add(sortKey);
  gsis.forEach((g) => {
    add(g.partitionKey);
    add(g.sortKey);
  });
  lsis.forEach((l) => add(l.sortKey));

  return {
    attributes,
    globalSecondaryIndexes: gsis.map((g) => ({
      name: g.name,
      hashKey: g.partitionKey.name,
      rangeKey: g.sortKey?.name,
      projectionType: g.projectionType ?? 'ALL',
      nonKeyAttributes: g.nonKeyAttributes,
    })),
    localSecondaryIndexes: lsis.map((l) => ({
      name: l.name,
      rangeKey: l.sortKey.name,
      projectionType: l.projectionType ?? 'ALL',
      nonKeyAttributes: l.nonKeyAttributes,
    })),
  };
}
