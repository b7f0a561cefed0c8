/** Jest: TypeScript through ts-jest (type checking is done once by `tsc --noEmit` in `npm test`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 60000,
  // Each test starts with no app being declared (values report their mistakes to the app being declared).
  setupFilesAfterEnv: ['<rootDir>/test/support/isolate-apps.ts'],
};
