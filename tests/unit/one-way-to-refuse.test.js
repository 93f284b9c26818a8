// "One way to validate input" (#16): the node's parameters are checked by zod schemas through parseInput
// (nodes/shared/validate.ts); what only shows once input is read or looked up is a Problem refused by refuse() or
// refuseField() (nodes/shared/problems.ts). No operation builds its own input error or its own Problem type.
const fs = require('node:fs');
const path = require('node:path');

const NODES = path.join(__dirname, '../../nodes');

function walk(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const full = path.join(dir, e.name);
		return e.isDirectory() ? walk(full) : e.name.endsWith('.ts') ? [full] : [];
	});
}

const files = walk(NODES).map((f) => path.relative(NODES, f).split(path.sep).join('/'));
const outsideShared = files.filter((f) => !f.startsWith('shared/'));

/** Lines of the files outside nodes/shared matching `pattern`, as "file:line: text". */
function linesMatching(pattern) {
	return outsideShared.flatMap((f) => {
		const lines = fs.readFileSync(path.join(NODES, f), 'utf8').split('\n');
		return lines
			.map((line, i) => [line, i])
			.filter(([line]) => pattern.test(line))
			.map(([line, i]) => `${f}:${i + 1}: ${line.trim()}`);
	});
}

test('the scan sees the operations that refuse input', () => {
	for (const f of [
		'Smokeball/actions/fee/create.operation.ts',
		'DpsOneOffice/actions/client/create.operation.ts',
		'CaseStatus/actions/case/create.operation.ts',
		'PerfectPortal/actions/document/upload.operation.ts',
	]) {
		expect(outsideShared).toContain(f);
	}
});

test('no file outside nodes/shared calls inputError( itself', () => {
	expect(linesMatching(/\binputError\s*\(/)).toEqual([]);
});

test('no file outside nodes/shared defines its own Problem type or refuse()', () => {
	expect(
		linesMatching(
			/^\s*(export\s+)?(interface|type)\s+Problem\b|\bfunction\s+refuse\s*\(|\bconst\s+refuse\s*=/,
		),
	).toEqual([]);
});

describe('refuse', () => {
	const { refuse, refuseField } = require(path.join(NODES, 'shared/problems.ts'));
	const node = { name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };
	const problems = [
		{ field: 'Fee Earner', code: 'empty', message: 'is empty', fix: 'Enter the fee earner.' },
		{ field: 'Branch', code: 'unknown_code', message: "'X' is not a branch", fix: 'Use LDS.' },
	];

	function thrown(fn) {
		try {
			fn();
		} catch (error) {
			return error;
		}
		throw new Error('did not throw');
	}

	test('stops the item with every problem, every fix and "Nothing was written"', () => {
		const error = thrown(() =>
			refuse({ getNode: () => node }, problems, 3, {
				system: 'DPS One Office',
				subject: 'the matter cannot be created',
			}),
		);
		expect(error.message).toBe(
			"the matter cannot be created: 'Fee Earner' is empty; 'Branch' 'X' is not a branch",
		);
		expect(error.description).toBe(
			'Enter the fee earner. Use LDS. Nothing was written to DPS One Office.',
		);
		expect(error.context.itemIndex).toBe(3);
	});

	test('keeps the reason codes in the message when asked (reports read them there)', () => {
		const error = thrown(() =>
			refuse(node, problems, 0, { system: 'Case Status', subject: 'case 7', codes: true }),
		);
		expect(error.message).toBe(
			"case 7: 'Fee Earner' is empty (empty); 'Branch' 'X' is not a branch (unknown_code)",
		);
	});

	test('refuseField names the one field, as parseInput does', () => {
		const error = thrown(() => refuseField(node, 1, 'Smokeball', problems[0]));
		expect(error.message).toBe("'Fee Earner' is empty");
		expect(error.description).toBe('Enter the fee earner. Nothing was written to Smokeball.');
		expect(error.context.itemIndex).toBe(1);
	});
});

describe('parseInput', () => {
	const { filled, parseInput, z } = require(path.join(NODES, 'shared/validate.ts'));
	const node = { name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };

	test('gives the fix of the failing field, by the field as the node labels it', () => {
		let error;
		try {
			parseInput(node, z.object({ Title: filled, Text: filled }), { Title: 'x', Text: ' ' }, 2, {
				fix: { Title: 'Give the memo a title.', Text: 'Enter the memo text.' },
			});
		} catch (e) {
			error = e;
		}
		expect(error.message).toBe("'Text' is empty");
		expect(error.description).toBe('Enter the memo text.');
		expect(error.context.itemIndex).toBe(2);
	});
});
