import { execFileSync } from 'child_process';
import * as path from 'path';

// Importing @cdktf/provider-aws by its root loads every AWS resource class:
// seconds and hundreds of MB per process. Only deep paths are allowed.
describe('imports of @cdktf/provider-aws', () => {
  it('are all deep paths (@cdktf/provider-aws/lib/<resource>)', () => {
    const root = path.resolve(__dirname, '../..');
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.js'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      // bench/naive/ measures the root import on purpose, for comparison.
      .filter((file) => file && !file.startsWith('bench/naive/'));
    expect(files.length).toBeGreaterThan(5);
    const rootImport = /(?:from\s+|require\(\s*|import\(\s*)['"]@cdktf\/provider-aws['"]/;
    const offenders = files.filter((file) => {
      const text = require('fs').readFileSync(path.join(root, file), 'utf8') as string;
      return rootImport.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
