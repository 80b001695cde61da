import { Limits } from '../../limits';
import { resourceRule } from '../../rule';
import { at, block, bool, isSet, list, literal, num } from '../../../core/values';
import { DYNAMODB } from '../../../core/aws-limits';

const TABLE_NAME = new RegExp(`^[a-zA-Z0-9_.-]{${DYNAMODB.nameMinLength},${DYNAMODB.nameMaxLength}}$`);

/**
 * A table's arguments are within what the provider (table.go) and the
 * DynamoDB API accept: stream view type with streams, attributes that are
 * all keys, capacities that suit the billing mode, TTL attribute, name.
 */
export const dynamoDbTableLimits = resourceRule({
  id: 'EDA-DDB-005',
  service: 'DynamoDB',
  severity: 'error',
  title: 'DynamoDB table arguments are within AWS limits',
  publicIds: {},
  resourceTypes: ['aws_dynamodb_table'],
  check(table, graph) {
    const c = table.config;
    const limits = new Limits(c)
      // aws_dynamodb_table has no name validator: the API refuses at apply.
      .matches('name', TABLE_NAME, `${DYNAMODB.nameMinLength} to ${DYNAMODB.nameMaxLength} of a-z A-Z 0-9 _ - .`)
      .oneOf('billing_mode', ['PROVISIONED', 'PAY_PER_REQUEST'])
      .oneOf('stream_view_type', ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'])
      .check(bool(c.stream_enabled) !== true || isSet(c.stream_view_type), 'stream_enabled = true without stream_view_type', 'set stream_view_type (NEW_AND_OLD_IMAGES for change events)')
      .check(bool(at(c, 'ttl.enabled')) !== true || isSet(at(c, 'ttl.attribute_name')), 'ttl is enabled without attribute_name', 'set ttl.attribute_name to the attribute holding the expiry time (epoch seconds)');

    const indexes = [...list(c.global_secondary_index), ...list(c.local_secondary_index)].map((i) => block(i) ?? {});
    const keys = [c.hash_key, c.range_key, ...indexes.flatMap((i) => [i.hash_key, i.range_key])]
      .map((k) => literal(k))
      .filter((k): k is string => !!k);
    const attributes = list(c.attribute).map((a) => literal(block(a)?.name)).filter((a): a is string => !!a);
    if (attributes.length > 0 || keys.length > 0) {
      const unused = attributes.filter((a) => !keys.includes(a));
      const undeclared = [...new Set(keys.filter((k) => !attributes.includes(k)))];
      limits.check(unused.length === 0, `attribute ${unused.join(', ')} is not a key of the table or an index`, 'declare only key attributes in attribute blocks; other attributes need no declaration');
      limits.check(undeclared.length === 0, `key ${undeclared.join(', ')} has no attribute block`, 'add an attribute { name, type } for every table and index key');
    }

    const mode = c.billing_mode === undefined ? 'PROVISIONED' : literal(c.billing_mode);
    const capacities: Array<[string, unknown]> = [
      ['read_capacity', c.read_capacity],
      ['write_capacity', c.write_capacity],
      ...list(c.global_secondary_index).flatMap((g, i): Array<[string, unknown]> => [
        [`global_secondary_index[${i}].read_capacity`, block(g)?.read_capacity],
        [`global_secondary_index[${i}].write_capacity`, block(g)?.write_capacity],
      ]),
    ];
    if (mode === 'PROVISIONED') {
      for (const [name, value] of capacities) {
        const n = num(value);
        limits.check(value === undefined ? false : n === undefined || n >= 1, `${name} ${value === undefined ? 'is not set' : `= ${value}`} on a PROVISIONED table`, `set ${name} to 1 or more, or billing_mode = "PAY_PER_REQUEST"`);
      }
    } else if (mode === 'PAY_PER_REQUEST') {
      const set = capacities.filter(([, v]) => num(v) !== undefined && num(v) !== 0).map(([name]) => name);
      limits.check(set.length === 0, `${set.join(', ')} set on a PAY_PER_REQUEST table`, 'remove the capacities, or use on_demand_throughput to cap on-demand reads and writes');
    }
    limits.check(
      !(graph.surelySet(table, c.on_demand_throughput) && (graph.surelySet(table, c.read_capacity) || graph.surelySet(table, c.write_capacity))),
      'on_demand_throughput and read/write_capacity are both set',
      'keep one: on_demand_throughput for on-demand tables, capacities for provisioned ones',
    );
    return limits.outcome;
  },
});
