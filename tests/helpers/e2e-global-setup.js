// Runs once before the e2e and browser suites: the pack must be built and the real n8n runtime prepared (the
// first time, about 6 minutes). If either fails, jest stops here with one sentence instead of failing every suite.
const fs = require('node:fs');
const path = require('node:path');
const { ensureRuntime, ROOT } = require('../../scripts/lib/n8n');

module.exports = async () => {
	if (!fs.existsSync(path.join(ROOT, 'dist/package.json'))) {
		throw new Error('dist/ is missing: run `npm run build` (npm run test:e2e builds first).');
	}
	ensureRuntime();
};
