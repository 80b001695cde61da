import { existsSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { runInThisContext } from 'vm';
import { Lazy, Testing, Tokenization } from 'cdktf';

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

// test/setup.ts: cdktf's token creation traces skip Jest's source mapping; errors keep it.
describe('stack traces in the tests', () => {
  const workerError = runInThisContext('Error') as ErrorConstructor & { prepareStackTrace?: (...args: unknown[]) => unknown };
  let mapped: number;
  let jestFormat: typeof workerError.prepareStackTrace;
  beforeEach(() => {
    mapped = 0;
    jestFormat = workerError.prepareStackTrace;
    workerError.prepareStackTrace = (...args: unknown[]) => {
      mapped++;
      return jestFormat!(...args);
    };
  });
  afterEach(() => {
    workerError.prepareStackTrace = jestFormat;
  });

  it('formats a token’s creation trace without Jest’s source maps, frames kept', () => {
    expect(typeof jestFormat).toBe('function');
    const token = Lazy.stringValue({ produce: () => 'x' });
    const creationStack = Tokenization.reverseString(token).firstToken?.creationStack ?? [];
    expect(creationStack.length).toBeGreaterThan(0);
    expect(creationStack.some((frame) => frame.includes('test-hygiene.test.ts'))).toBe(true);
    expect(mapped).toBe(0);
  });

  it('leaves an error’s stack to Jest', () => {
    const stack = new Error('boom').stack ?? '';
    expect(stack).toMatch(/test-hygiene\.test\.ts:\d+/);
    expect(mapped).toBe(1);
  });
});
