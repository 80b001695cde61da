/**
 * The README's table of check rules, generated from the rule pack so that it
 * cannot drift: `node -r ./bin/register.js bin/rules-table.ts --write` rewrites
 * the part of README.md between the rules markers; a test fails when it is stale.
 */
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { allRules, defaultRules } from '../modules/checks';

export const START = '<!-- rules:start -->';
export const END = '<!-- rules:end -->';
const README = path.resolve(__dirname, '../README.md');

/** The markdown table: one row per rule, with its public counterparts. */
export function rulesTable(): string {
  const on = new Set(defaultRules.map((r) => r.id));
  const ids = (list?: readonly string[]) => (list?.length ? list.join(', ') : '');
  const rows = [...allRules]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((r) => {
      const p = r.publicIds;
      const severity = on.has(r.id) ? r.severity : `${r.severity} (opt-in)`;
      return `| ${r.id} | ${severity} | ${r.title.replace(/\|/g, '\\|')} | ${ids(p.checkov)} | ${ids(p.cdkNag)} | ${ids(p.trivy)} | ${ids(p.securityHub)} |`;
    });
  return ['| rule | severity | checks that | Checkov | cdk-nag | trivy | Security Hub |', '|---|---|---|---|---|---|---|', ...rows].join('\n');
}

/** README.md with the rules section replaced by the current table. */
export function readmeWithRules(readme = readFileSync(README, 'utf8')): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} section`);
  return `${readme.slice(0, start + START.length)}\n${rulesTable()}\n${readme.slice(end)}`;
}

if (require.main === module && process.argv.includes('--write')) writeFileSync(README, readmeWithRules());
