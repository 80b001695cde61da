import { createHash } from 'crypto';

/**
 * A deterministic name of at most `max` characters: `base + suffix` when it
 * fits, else `base` cut short plus 8 hex characters of its SHA-256, so that
 * long bus, rule and bucket names still give unique, stable names for the
 * queues, archives, rules and key aliases made from them.
 */
export function fitName(base: string, suffix: string, max: number): string {
  const full = base + suffix;
  if (full.length <= max) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${base.slice(0, max - suffix.length - hash.length - 1)}-${hash}${suffix}`;
}

/** SQS queue names allow no `.`: EventBridge names do. */
export function toQueueNamePart(name: string): string {
  return name.replace(/\./g, '-');
}
