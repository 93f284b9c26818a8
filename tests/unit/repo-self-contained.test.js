// A clone of the repo is all a reader has: no source, test, script, template or doc may point at a file outside it
// (a machine path, the notes the project started from), and every docs/….md#anchor a comment cites must exist.
// API facts live in docs/api/<system>.md; the n8n runtime facts in docs/n8n-runtime.md.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '../..');
const SELF = path.relative(ROOT, __filename);
const SCANNED = /\.(ts|js|mjs|cjs|json|md|sh|ya?ml)$|^\.npmrc$|(^|\/)\.ci\/run$/;
const SKIPPED = /^(package-lock\.json$|node_modules\/|dist\/)/;

/** What a line may not say, and what to write instead. */
const FORBIDDEN = [
	[/\/work\//, 'an absolute path on the machine the project was built on'],
	[
		/\bshared\/(contracts|seeds|research|notes|vendor|design)\b/,
		'a document outside the repo: cite docs/api/<system>.md or docs/n8n-runtime.md',
	],
	[/\bcontracts\/[\w-]+\.md\b/, 'the contracts the docs replaced: cite docs/api/<system>.md'],
	[/\bresearch R\d|\bR\d ?§/, 'the research notes: cite docs/api/<system>.md (and its sources)'],
	[/\bseeds?[:/ ]?0\d\d\b/, 'a seed article: cite the docs/api page that restates it'],
	[
		/\b[a-k]-[A-Z][A-Za-z]+(-[A-Z][A-Za-z]+)*\.md\b/,
		'a Smokeball guide file: cite docs/api/smokeball.md',
	],
];

function listFiles() {
	let names;
	try {
		const out = execFileSync(
			'git',
			['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
			{
				cwd: ROOT,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			},
		);
		names = out.split('\0').filter(Boolean);
	} catch {
		// Not a git checkout (e.g. an unpacked source archive): walk the tree instead.
		names = [];
		const walk = (dir) => {
			for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
				const rel = dir ? `${dir}/${entry.name}` : entry.name;
				if (entry.isDirectory()) {
					if (!/^(node_modules|dist|\.git|\.e2e)$/.test(entry.name)) walk(rel);
				} else names.push(rel);
			}
		};
		walk('');
	}
	return names
		.filter((f) => SCANNED.test(path.basename(f)) || SCANNED.test(f))
		.filter((f) => !SKIPPED.test(f) && f !== SELF && fs.existsSync(path.join(ROOT, f)));
}

/** GitHub's heading anchors of a markdown file: lower case, punctuation dropped, spaces → hyphens, repeats numbered. */
function anchorsOf(file) {
	const seen = new Map();
	const anchors = new Set();
	let fenced = false;
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		if (/^```/.test(line)) fenced = !fenced;
		const m = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!m) continue;
		const base = m[1]
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-');
		const n = seen.get(base) ?? 0;
		seen.set(base, n + 1);
		anchors.add(n ? `${base}-${n}` : base);
	}
	return anchors;
}

const files = listFiles();

test('the scan sees the repo (sources, tests, scripts, templates and docs)', () => {
	for (const expected of [
		'nodes/CasePeer/transport.ts',
		'sandbox/server.js',
		'scripts/n8n-runtime.sh',
		'tests/unit/smokeball.swagger.test.js',
		'docs/api/README.md',
		'README.md',
	])
		expect(files).toContain(expected);
	expect(files.some((f) => f.startsWith('workflows/') && f.endsWith('.json'))).toBe(true);
});

test('nothing points at a file outside the repo', () => {
	const problems = [];
	for (const file of files) {
		const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
		lines.forEach((line, i) => {
			for (const [pattern, what] of FORBIDDEN) {
				if (pattern.test(line))
					problems.push(`${file}:${i + 1}: ${what}\n    ${line.trim().slice(0, 160)}`);
			}
			// A relative path into a `shared/` folder must land inside the repo, on something that exists
			// (nodes/shared/ and credentials/shared/ are the pack's own).
			for (const m of line.matchAll(/((?:\.\.\/)+)shared\/([\w./-]*)/g)) {
				const target = path.resolve(ROOT, path.dirname(file), `${m[1]}shared/${m[2]}`);
				const inside = target.startsWith(ROOT + path.sep);
				const exists = ['', '.ts', '.js', '.json'].some((ext) => fs.existsSync(target + ext));
				if (!inside || !exists)
					problems.push(
						`${file}:${i + 1}: '${m[0]}' is not in the repo\n    ${line.trim().slice(0, 160)}`,
					);
			}
		});
	}
	expect(problems).toEqual([]);
});

test('every docs/….md#anchor cited exists', () => {
	const anchors = new Map();
	const problems = [];
	for (const file of files) {
		const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
		// docs/api/casepeer.md#connect-case, #disconnect-case → both anchors, in that file.
		for (const m of text.matchAll(/\bdocs\/([\w/.-]+\.md)((?:#[\w-]+)?(?:,\s*#[\w-]+)*)/g)) {
			const doc = path.join(ROOT, 'docs', m[1]);
			if (!fs.existsSync(doc)) {
				problems.push(`${file}: docs/${m[1]} does not exist`);
				continue;
			}
			if (!anchors.has(doc)) anchors.set(doc, anchorsOf(doc));
			for (const a of m[2].match(/#[\w-]+/g) ?? []) {
				if (!anchors.get(doc).has(a.slice(1)))
					problems.push(`${file}: docs/${m[1]}${a} has no such heading`);
			}
		}
	}
	expect(problems).toEqual([]);
});
