/**
 * `npm test` runs these after `tsc --noEmit`: the unit, module, stack, routing
 * and function tests. Jest compiles with swc and never type-checks: `tsc` does that once.
 *
 * In one process (in-band), not on workers: on the 2-core machine this is
 * developed on, shared with other builds, both took the same CPU (about 24 s)
 * and in-band finished no later (median wall time of in-band / two workers,
 * taken in turn: 0.84, range 0.75–1.37), at 1.0 GB peak against 0.8 GB. A worker
 * also leaves hundreds of MB of heap to tear down at exit, which on a busy
 * machine overruns the half second Jest allows ("a worker process has failed to
 * exit gracefully"): no handle is left open, in-band has no worker to stop.
 * The default timeout is a guard against a hang, not a budget (those live in
 * bench/): the slowest test takes about 5 s on a busy machine.
 */

/**
 * End-to-end tests that build, pack and install the library, run the cdktf CLI, or
 * type-check the README's blocks against the whole library:
 * minutes on a loaded machine, so `npm run test:package` (jest.package.config.js)
 * runs them, after `npm test` in CI.
 */
const PACKAGE_TESTS = ['test/project/package.test.ts', 'test/project/synth-hcl.test.ts', 'test/project/readme-snippets.test.ts'];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...PACKAGE_TESTS.map((file) => `<rootDir>/${file}$`)],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  maxWorkers: 1,
  testTimeout: 30_000,
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
};
// Not enumerable: Jest's option validation never sees it.
Object.defineProperty(module.exports, 'PACKAGE_TESTS', { value: PACKAGE_TESTS });
