// ES modules through swc; relative imports carry their .ts extension (Node strips types natively).
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', {jsc: {parser: {syntax: 'typescript'}, target: 'es2023'}, module: {type: 'es6'}}],
  },
  testTimeout: 30000,
};
