/**
 * `npm test` runs these after `tsc --noEmit`: the unit, module, stack, routing
 * and function tests. Jest compiles with swc and never type-checks: `tsc` does that once.
 *
 * Two workers, not in-band: on the 2-core machine this is developed on, idle, the
 * whole suite run in turn both ways (3 pairs) took 27.8 s on two workers against
 * 46.6 s in-band (0.60×, 0.59–0.62), for the same CPU (0.93×) and the same peak per
 * process (0.66 GB). test/setup.ts collects a worker's garbage between files so that
 * it exits within the half second Jest allows.
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
  maxWorkers: 2,
  testTimeout: 30_000,
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  // A temporary folder for the run, removed at its end: cdktf's Testing.app() never removes its output folders.
  globalSetup: '<rootDir>/test/global/setup.ts',
  globalTeardown: '<rootDir>/test/global/teardown.ts',
};
// Not enumerable: Jest's option validation never sees it.
Object.defineProperty(module.exports, 'PACKAGE_TESTS', { value: PACKAGE_TESTS });
