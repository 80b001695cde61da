import { compileMatcher } from './compile';
import { PatternSyntaxError } from './evaluate-event-pattern';
import type { FilterPolicy, FilterPolicyScope, SnsMessage } from './types';
import { checkSyntax, isPlainObject } from './validate-common';

const compiled = new WeakMap<object, { attributes?: (m: SnsMessage) => boolean; body?: (m: SnsMessage) => boolean }>();

/**
 * Turns message attributes into the values a policy compares: `String` as a string, `Number` as a
 * number, `String.Array` as the JSON array in its value; `Binary` (and anything unparsable) is
 * left out, as SNS ignores it.
 */
function attributeValues(attributes: SnsMessage['MessageAttributes']): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  if (!attributes) return out;
  for (const name of Object.keys(attributes)) {
    const attribute = attributes[name];
    if (!attribute || typeof attribute.Value !== 'string') continue;
    const type = attribute.Type;
    if (type === 'String' || type.startsWith('String.') && type !== 'String.Array') out[name] = attribute.Value;
    else if (type === 'Number' || type.startsWith('Number.')) {
      const n = Number(attribute.Value);
      if (attribute.Value.trim() !== '' && Number.isFinite(n)) out[name] = n;
    } else if (type === 'String.Array') {
      try {
        const parsed: unknown = JSON.parse(attribute.Value);
        if (Array.isArray(parsed)) out[name] = parsed;
      } catch {
        // SNS refuses such a message at publish; here it simply has no value.
      }
    }
  }
  return out;
}

/**
 * Compiles an SNS filter policy once into a predicate on SNS messages.
 *
 * Scope `MessageAttributes` (SNS's default) compares the message attributes (see the types they
 * may have in {@link SnsMessage}); attribute names are taken literally, dots included. Scope
 * `MessageBody` parses `Message` as JSON and matches it like an EventBridge pattern (nested keys,
 * dotted keys, arrays); a body that is not a JSON object matches nothing. A message published by
 * EventBridge to SNS carries no attributes, so only `MessageBody` policies can match it.
 *
 * @param scope @default 'MessageAttributes'
 * @throws PatternSyntaxError when SNS would refuse the policy's syntax (limits are checked by
 *   `validateFilterPolicy`, not here).
 */
export function compileFilterPolicy(policy: FilterPolicy, scope: FilterPolicyScope = 'MessageAttributes'): (message: SnsMessage) => boolean {
  if (!isPlainObject(policy)) throw new PatternSyntaxError('filter policy', [{ path: '', message: 'Filter policy must be a JSON object' }]);
  const report = checkSyntax(policy, { service: 'sns', dialect: 'eventbridge' });
  const problems = [...report.problems];
  if (report.nested && scope === 'MessageAttributes') {
    problems.push({ path: '', message: 'Filter policy scope MessageAttributes does not support nested filter policy' });
  }
  if (problems.length > 0) throw new PatternSyntaxError('filter policy', problems);

  const body = scope === 'MessageBody';
  const matcher = compileMatcher(policy as Record<string, unknown>, { dottedKeys: body });
  if (!body) return (message) => matcher(attributeValues(message?.MessageAttributes));
  return (message) => {
    const text = message?.Message;
    if (typeof text !== 'string') return false;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return false;
    }
    return isPlainObject(parsed) && matcher(parsed);
  };
}

/**
 * Whether an SNS message passes a filter policy. Compiles on first use and caches per policy
 * object and scope.
 *
 * @param scope @default 'MessageAttributes'
 * @throws PatternSyntaxError when SNS would refuse the policy's syntax.
 */
export function matchesFilterPolicy(policy: FilterPolicy, message: SnsMessage, scope: FilterPolicyScope = 'MessageAttributes'): boolean {
  let entry = compiled.get(policy);
  if (!entry) {
    entry = {};
    compiled.set(policy, entry);
  }
  const slot = scope === 'MessageBody' ? 'body' : 'attributes';
  let matcher = entry[slot];
  if (!matcher) {
    matcher = compileFilterPolicy(policy, scope);
    entry[slot] = matcher;
  }
  return matcher(message);
}
