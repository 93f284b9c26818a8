// Runs once before the packages suite: the seven packages must be built (`npm run build:packages`, which
// `npm run test:packages` runs first) and the real n8n runtime prepared; otherwise one sentence, not seven failures.
const fs = require('node:fs');
const path = require('node:path');
const { ensureRuntime, ROOT } = require('../../scripts/lib/n8n');

module.exports = async () => {
	if (!fs.existsSync(path.join(ROOT, 'build/packages/manifest.json'))) {
		throw new Error('build/packages/ is missing: run `npm run build:packages` (npm run test:packages builds first).');
	}
	ensureRuntime();
};
