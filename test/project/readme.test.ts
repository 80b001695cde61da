import { readFileSync } from 'fs';
import * as path from 'path';
import { readmeWithRules } from '../../bin/rules-table';
import { allRules } from '../../modules/checks';

describe('README', () => {
  const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

  it('lists every check rule as the pack defines it (node -r ./bin/register.js bin/rules-table.ts --write)', () => {
    expect(readme).toBe(readmeWithRules(readme));
    expect(allRules.length).toBeGreaterThan(0);
    for (const rule of allRules) expect(readme).toContain(`| ${rule.id} |`);
  });

  it('starts with the set-up a new user runs', () => {
    expect(readme.split('\n').slice(0, 8).join('\n')).toMatch(/npm ci[\s\S]*npm run synth[\s\S]*npm test/);
  });
});
