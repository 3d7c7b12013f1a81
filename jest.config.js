/** One jest run for the whole workspace: swc keeps type-graphql's decorator metadata. */
const swc = require('fs').readFileSync(__dirname + '/.swcrc', 'utf8');
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/data/'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...JSON.parse(swc), swcrc: false }] },
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
};
