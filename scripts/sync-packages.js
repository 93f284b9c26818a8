#!/usr/bin/env node
// `npm run sync:packages`: writes each service package's committed source root, packages/<name>/, from the one source
// tree (scripts/lib/package-sources.js); `--check` writes nothing and exits 1 if any committed file differs. Run it
// after changing nodes/, credentials/, icons/, workflows/, README.md, CHANGELOG.md or the version, and commit the
// result (tests/unit/package-sources.test.js fails until then). The descriptions are read from the TypeScript sources.
const fs = require('node:fs');
const path = require('node:path');
require('./lib/ts-require').register();
const { services, ROOT } = require('./lib/services');
const { PACKAGES_DIR, packageFiles, serviceTemplates, drift, write } = require('./lib/package-sources');

const check = process.argv.includes('--check');
const list = services(ROOT, { fromSource: true });
const templates = serviceTemplates(list);
const names = new Set(list.map((s) => s.name));
const problems = [];
for (const service of list) {
	const dir = path.join(PACKAGES_DIR, service.name);
	const files = packageFiles(service, templates);
	const found = check ? drift(dir, files) : write(dir, files);
	for (const { file, problem } of found) problems.push(`packages/${service.name}/${file}: ${problem}`);
}
// A folder of packages/ that is no service package (a renamed service, say).
for (const entry of fs.existsSync(PACKAGES_DIR) ? fs.readdirSync(PACKAGES_DIR) : []) {
	if (names.has(entry)) continue;
	problems.push(`packages/${entry}: extra (no service package has this name)`);
	if (!check) fs.rmSync(path.join(PACKAGES_DIR, entry), { recursive: true, force: true });
}
const rel = path.relative(process.cwd(), PACKAGES_DIR) || '.';
if (check) {
	if (problems.length) {
		console.error(`The service packages' committed files differ from the source tree (run \`npm run sync:packages\` and commit):\n  ${problems.join('\n  ')}`);
		process.exit(1);
	}
	console.log(`${rel}: the ${list.length} service packages match the source tree`);
} else {
	console.log(problems.length ? `${rel}: updated\n  ${problems.join('\n  ')}` : `${rel}: the ${list.length} service packages already match the source tree`);
}
