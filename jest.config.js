// Tests are plain CommonJS JavaScript (n8n's lint preset applies the shipped-node rules to every .ts file);
// the TypeScript under test is compiled on the fly by ts-jest.
const common = {
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json', diagnostics: false }] },
	moduleFileExtensions: ['ts', 'js', 'json'],
	testEnvironment: 'node',
};
module.exports = {
	projects: [
		{ ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.js'] },
		{ ...common, displayName: 'integration', testMatch: ['<rootDir>/tests/integration/**/*.test.js'] },
		{ ...common, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.test.js'] },
		{ ...common, displayName: 'browser', testMatch: ['<rootDir>/tests/browser/**/*.test.js'] },
	],
};
