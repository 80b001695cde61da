import { existsSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';

// jest.config.js gives the run a temporary folder of its own (test/global): cdktf's Testing.app()
// makes an output folder on every call and never removes it.
describe('temporary folders of the test suite', () => {
  const root = tmpdir();

  it('puts Testing.app() output inside the run’s own temporary folder', () => {
    expect(path.basename(root)).toMatch(/^cdktf-eda-test-/);
    const outdir = Testing.app().outdir;
    expect(path.relative(root, outdir).startsWith('..')).toBe(false);
    expect(existsSync(outdir)).toBe(true);
  });
});
