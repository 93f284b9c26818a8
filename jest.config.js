// Tests are plain CommonJS JavaScript (n8n's lint preset covers every .ts file with the shipped-node rules);
// the TypeScript under test is compiled on the fly by ts-jest.
const tsJest = ['ts-jest', { isolatedModules: true, diagnostics: false }];
const common = {
	transform: { '^.+\\.ts$': tsJest },
	moduleFileExtensions: ['ts', 'js', 'json'],
	testEnvironment: 'node',
};
module.exports = {
	projects: [
		{ ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.js'] },
		{ ...common, displayName: 'integration', testMatch: ['<rootDir>/tests/integration/**/*.test.js'] },
		{ ...common, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.test.js'], testTimeout: 600000 },
	],
};
