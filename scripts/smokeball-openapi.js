'use strict';

// Keeps sandbox/systems/smokeball/openapi.json, the pruned copy of Smokeball's published OpenAPI document
// (smokeballdev/api-docs, reference/swagger.json), and its provenance (docs/api/smokeball.md#openapi).
//
//   node scripts/smokeball-openapi.js <swagger.json> --commit <sha> --date <YYYY-MM-DD> [--path /x ...]
//       re-prunes the vendor file to the paths the copy already keeps (plus each --path), every method on them,
//       the schemas they reference (transitively) and the security schemes, unedited; records where and when
//   node scripts/smokeball-openapi.js --check <swagger.json>
//       exits 1 unless the copy is exactly the pruning of that vendor file
//
// The unit test (tests/unit/smokeball.swagger.test.js) checks the copy against the digest recorded here, without
// the vendor file.

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { parseArgs } = require('node:util');

const COPY = path.join(__dirname, '../sandbox/systems/smokeball/openapi.json');
const PROVENANCE = 'x-legal-sync-provenance';

/** JSON with object keys sorted, so the digest ignores key order and formatting. */
function canonical(value) {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const keys = Object.keys(value).sort();
		return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

/** SHA-256 of everything the copy keeps from the vendor: the whole document except `info`. */
function keptDigest(doc) {
	const { info, ...kept } = doc;
	return crypto.createHash('sha256').update(canonical(kept)).digest('hex');
}

/** Names of the schemas `value` refers to with `$ref: '#/components/schemas/<name>'`. */
function refsOf(value, found = new Set()) {
	if (Array.isArray(value)) value.forEach((v) => refsOf(v, found));
	else if (value && typeof value === 'object') {
		for (const [key, v] of Object.entries(value)) {
			if (key === '$ref' && typeof v === 'string') found.add(v.split('/').pop());
			else refsOf(v, found);
		}
	}
	return found;
}

/** The vendor document cut down to `paths` (in that order) and the schemas they need, sorted by name. */
function prune(vendor, paths) {
	const missing = paths.filter((p) => !vendor.paths[p]);
	if (missing.length) throw new Error(`not in the vendor document: ${missing.join(', ')}`);
	const keptPaths = Object.fromEntries(paths.map((p) => [p, vendor.paths[p]]));
	const needed = new Set();
	const queue = [...refsOf(keptPaths)];
	while (queue.length) {
		const name = queue.pop();
		if (needed.has(name)) continue;
		const schema = vendor.components.schemas[name];
		if (!schema) throw new Error(`the vendor document refers to a missing schema: ${name}`);
		needed.add(name);
		queue.push(...refsOf(schema));
	}
	return {
		openapi: vendor.openapi,
		info: { ...vendor.info },
		servers: vendor.servers,
		security: vendor.security,
		paths: keptPaths,
		components: {
			securitySchemes: vendor.components.securitySchemes,
			schemas: Object.fromEntries([...needed].sort().map((n) => [n, vendor.components.schemas[n]])),
		},
	};
}

function main(args) {
	const { values, positionals } = parseArgs({
		args,
		allowPositionals: true,
		options: {
			check: { type: 'string' },
			path: { type: 'string', multiple: true, default: [] },
			commit: { type: 'string' },
			date: { type: 'string' },
		},
	});
	const current = JSON.parse(fs.readFileSync(COPY, 'utf8'));
	const check = values.check;
	const vendorFile = check ?? positionals[0];
	if (!vendorFile)
		throw new Error(
			'usage: smokeball-openapi.js <swagger.json> --commit <sha> --date <YYYY-MM-DD>',
		);
	const vendorText = fs.readFileSync(vendorFile);
	const vendor = JSON.parse(vendorText.toString('utf8'));
	const pruned = prune(vendor, [...Object.keys(current.paths), ...values.path]);

	if (check) {
		const same = keptDigest(pruned) === keptDigest(current);
		console.log(
			same
				? 'openapi.json is the pruning of this vendor file'
				: 'openapi.json differs from this vendor file',
		);
		return same ? 0 : 1;
	}
	const { commit, date } = values;
	if (!commit || !/^\d{4}-\d{2}-\d{2}$/.test(date ?? ''))
		throw new Error('give --commit <sha> and --date <YYYY-MM-DD>');
	pruned.info[PROVENANCE] = {
		source: `https://github.com/smokeballdev/api-docs/blob/${commit}/reference/swagger.json`,
		rendered: 'https://smokeball.stoplight.io/docs/api-docs',
		commit,
		taken: date,
		sourceSha256: crypto.createHash('sha256').update(vendorText).digest('hex'),
		pruning:
			'The paths the Smokeball node and the sandbox use, every method on them, the schemas they reference (directly or through other schemas), and openapi, servers, security and securitySchemes; every kept part is the vendor text, unedited. Made by scripts/smokeball-openapi.js.',
		keptSha256: keptDigest(pruned),
	};
	fs.writeFileSync(COPY, `${JSON.stringify(pruned, null, '\t')}\n`);
	console.log(
		`wrote ${path.relative(process.cwd(), COPY)}: ${Object.keys(pruned.paths).length} paths, ${Object.keys(pruned.components.schemas).length} schemas`,
	);
	return 0;
}

if (require.main === module) {
	try {
		process.exitCode = main(process.argv.slice(2));
	} catch (error) {
		console.error(`smokeball-openapi: ${error.message}`);
		process.exitCode = 1;
	}
}

module.exports = { canonical, keptDigest, refsOf, prune, PROVENANCE };
