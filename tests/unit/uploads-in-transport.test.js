// "One transport per system" for uploads (#16): a multipart body and its Content-Type are built only by a system's
// transport (its <system>Upload over contractApi's upload, nodes/shared/contractApi.ts), never by an operation.
const fs = require('node:fs');
const path = require('node:path');

const NODES = path.join(__dirname, '../../nodes');
/** A system's transport (transport.ts, or a transport/ folder) and the shared HTTP layer may; nothing else. */
const ALLOWED = /(^|\/)transport(\.ts$|\/)|^shared\//;

function walk(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const full = path.join(dir, e.name);
		return e.isDirectory() ? walk(full) : e.name.endsWith('.ts') ? [full] : [];
	});
}

const files = walk(NODES).map((f) => path.relative(NODES, f).split(path.sep).join('/'));

test('the scan sees the upload operations', () => {
	for (const f of [
		'CasePeer/actions/document/upload.operation.ts',
		'CaseStatus/actions/file/upload.operation.ts',
		'PerfectPortal/actions/document/upload.operation.ts',
	]) {
		expect(files).toContain(f);
	}
});

test('no file outside a transport builds a multipart body or sets a Content-Type header', () => {
	const found = files
		.filter((f) => !ALLOWED.test(f))
		.flatMap((f) =>
			fs
				.readFileSync(path.join(NODES, f), 'utf8')
				.split('\n')
				.map((line, i) => [line, i + 1])
				.filter(([line]) => /\bbuildMultipart\b|['"]Content-Type['"]\s*:/i.test(line))
				.map(([line, n]) => `${f}:${n}: ${line.trim()}`),
		);
	expect(found).toEqual([]);
});

test.each([
	['CasePeer', 'casePeerUpload'],
	['CaseStatus', 'caseStatusUpload'],
	['PerfectPortal', 'ppUpload'],
	['OfficeTools', 'officeToolsUpload'],
])('%s uploads through its transport’s %s', (system, name) => {
	expect(typeof require(path.join(NODES, system, 'transport.ts'))[name]).toBe('function');
});
