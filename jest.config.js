// Tests are plain CommonJS JavaScript (n8n's lint preset applies the shipped-node rules to every .ts file);
// the TypeScript under test is compiled on the fly by ts-jest.
const common = {
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json', diagnostics: false }] },
	moduleFileExtensions: ['ts', 'js', 'json'],
	testEnvironment: 'node',
	// dist/, build/ (npm run build:packages) and packages/ (the service packages' committed roots, copies of nodes/ and
	// credentials/) hold copies of package.json and of the sources: keep jest's module map to the one tree.
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/build/', '<rootDir>/packages/'],
};
module.exports = {
	projects: [
		{ ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.js'] },
		{ ...common, displayName: 'integration', testMatch: ['<rootDir>/tests/integration/**/*.test.js'] },
		{ ...common, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.test.js'], globalSetup: '<rootDir>/tests/helpers/e2e-global-setup.js' },
		// The seven packages of `npm run build:packages`, each loaded alone in real n8n, and the six running the templates.
		{ ...common, displayName: 'packages', testMatch: ['<rootDir>/tests/packages/**/*.test.js'], globalSetup: '<rootDir>/tests/helpers/packages-global-setup.js' },
		{
			...common,
			displayName: 'browser',
			testMatch: ['<rootDir>/tests/browser/**/*.test.js'],
			globalSetup: '<rootDir>/tests/helpers/e2e-global-setup.js',
		},
	],
};
