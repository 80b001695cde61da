/** `npm run test:package`: only the end-to-end tests that `npm test` leaves out (jest.config.js). */
const unit = require('./jest.config');

module.exports = {
  ...unit,
  testMatch: unit.PACKAGE_TESTS.map((file) => `<rootDir>/${file}`),
  testPathIgnorePatterns: ['/node_modules/'],
};
