import { CheckResult, Finding } from './engine';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One line per finding, as printed: `warning EDA-SQS-006 x/q: …` or `suppressed … Reason: …`. */
export function findingLine(finding: Finding): string {
  if (finding.suppression) return `suppressed ${finding.message} Reason: ${finding.suppression.reason}`;
  return `${finding.severity} ${finding.message}`;
}

/**
 * The `info` findings as one line, for the console: how many values could
 * not be evaluated, and the first of them (`checks.txt` lists them all).
 */
export function infoLine(result: CheckResult): string | undefined {
  if (result.info.length === 0) return undefined;
  const stack = result.stackName ? ` in stack ${result.stackName}` : '';
  const more = result.info.length > 1 ? `; ${result.info.length - 1} more in ${'checks.txt'}` : '';
  return `info ${plural(result.info.length, 'thing')} not evaluated${stack}: ${result.info[0].problem}${more}`;
}

/** The readable summary written to `checks.txt` and printed by `npm run check`. */
export function toText(result: CheckResult): string {
  const stack = result.stackName ? `stack ${result.stackName}` : 'stack';
  const lines = [
    `cdktf-eda checks: ${stack}: ${plural(result.resourceCount, 'resource')}, ${plural(result.rules.length, 'rule')}, ${result.durationMs.toFixed(1)} ms`,
    `${plural(result.errors.length, 'error')}, ${plural(result.warnings.length, 'warning')}, ${result.suppressed.length} suppressed, ${result.info.length} not evaluated`,
  ];
  const sections: Array<[string, readonly Finding[]]> = [
    ['Errors', result.errors],
    ['Warnings', result.warnings],
    ['Suppressed', result.suppressed],
  ];
  for (const [title, findings] of sections) {
    if (findings.length === 0) continue;
    lines.push('', `${title}:`);
    for (const f of findings) lines.push(`  ${findingLine(f)}`);
  }
  if (result.info.length > 0) {
    lines.push('', 'Not evaluated (the checks skipped what depends on these):');
    for (const f of result.info) lines.push(`  ${f.problem}`);
  }
  return `${lines.join('\n')}\n`;
}
