/** Jest compiles with swc and never type-checks: `tsc --noEmit` does that once, in `npm test`. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  maxWorkers: 2,
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
};
