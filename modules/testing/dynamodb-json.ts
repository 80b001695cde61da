/** A DynamoDB attribute value in DynamoDB JSON, as stream records carry it. */
export type AttributeValue =
  | {
      /** A String. */
      readonly S: string;
    }
  | {
      /** A Number, as text (DynamoDB sends numbers as strings to keep their precision). */
      readonly N: string;
    }
  | {
      /** A Binary, base64-encoded. */
      readonly B: string;
    }
  | {
      /** A String Set. */
      readonly SS: readonly string[];
    }
  | {
      /** A Number Set, each number as text. */
      readonly NS: readonly string[];
    }
  | {
      /** A Binary Set, each base64-encoded. */
      readonly BS: readonly string[];
    }
  | {
      /** A Map of attribute name to value. */
      readonly M: Readonly<Record<string, AttributeValue>>;
    }
  | {
      /** A List of values. */
      readonly L: readonly AttributeValue[];
    }
  | {
      /** A Null: always `true`. */
      readonly NULL: true;
    }
  | {
      /** A Boolean. */
      readonly BOOL: boolean;
    };

/** An item in DynamoDB JSON. */
export type DynamoDbItem = Record<string, AttributeValue>;

const DESCRIPTORS: Record<string, (v: unknown) => boolean> = {
  S: (v) => typeof v === 'string',
  N: (v) => typeof v === 'string',
  B: (v) => typeof v === 'string',
  SS: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
  NS: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
  BS: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
  M: (v) => isItem(v),
  L: (v) => Array.isArray(v) && v.every(isAttributeValue),
  NULL: (v) => v === true,
  BOOL: (v) => typeof v === 'boolean',
};

function isAttributeValue(v: unknown): boolean {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && DESCRIPTORS[keys[0]] !== undefined && DESCRIPTORS[keys[0]]((v as Record<string, unknown>)[keys[0]]);
}

function isItem(v: unknown): boolean {
  return !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every(isAttributeValue);
}

/** True when every attribute of `item` is a well-formed DynamoDB JSON value (`{ "S": "x" }`, `{ "N": "1" }`, ...). */
export function isDynamoDbJson(item: unknown): item is DynamoDbItem {
  return isItem(item) && Object.keys(item as object).length > 0;
}

/**
 * Converts a plain value to DynamoDB JSON the way the SDK's `marshall` does:
 * strings → S, numbers and bigints → N, booleans → BOOL, null → NULL,
 * arrays → L, objects → M, `Set`s of strings/numbers → SS/NS, bytes → B (base64).
 * `undefined` attributes are left out.
 */
export function toAttributeValue(value: unknown): AttributeValue {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number' || typeof value === 'bigint') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (value instanceof Uint8Array) return { B: Buffer.from(value).toString('base64') };
  if (value instanceof Set) {
    const items = [...value];
    if (items.every((x) => typeof x === 'string')) return { SS: items };
    if (items.every((x) => typeof x === 'number' || typeof x === 'bigint')) return { NS: items.map(String) };
    if (items.every((x) => x instanceof Uint8Array)) return { BS: items.map((x) => Buffer.from(x).toString('base64')) };
    throw new Error('A Set must hold only strings, only numbers or only bytes');
  }
  if (Array.isArray(value)) return { L: value.map(toAttributeValue) };
  if (typeof value === 'object') return { M: marshallItem(value as Record<string, unknown>) };
  throw new Error(`Cannot store a ${typeof value} in DynamoDB`);
}

/** Converts a plain object to a DynamoDB JSON item. */
export function marshallItem(item: Record<string, unknown>): DynamoDbItem {
  const out: DynamoDbItem = {};
  for (const [k, v] of Object.entries(item)) if (v !== undefined) out[k] = toAttributeValue(v);
  return out;
}

/** How an image given to the simulator is written: detected (`auto`), plain, or DynamoDB JSON. */
export type ImageFormat = 'auto' | 'plain' | 'dynamodb';

/** An image as DynamoDB JSON: kept if it already is (or `format` says so), converted from a plain object otherwise. */
export function toDynamoDbItem(item: Record<string, unknown>, format: ImageFormat = 'auto'): DynamoDbItem {
  if (format === 'dynamodb' || (format === 'auto' && isDynamoDbJson(item))) return item as DynamoDbItem;
  return marshallItem(item);
}
