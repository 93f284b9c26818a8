// What every template in workflows/ shows a firm on a fresh import (issue #19): example addresses only, "Run now"
// said the way the n8n 2.40.7 editor shows it, a sticky beside each setting to change, no path ending in an
// unlabelled IF branch. The e2e tests run the templates; these read them.
const fs = require('node:fs');
const path = require('node:path');

const DIR = path.resolve(__dirname, '../../workflows');
const TEMPLATES = fs
	.readdirSync(DIR)
	.filter((f) => f.endsWith('.json'))
	.sort()
	.map((file) => ({ file, wf: JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) }));
const STICKY = 'n8n-nodes-base.stickyNote';

// Reserved for examples (RFC 2606, RFC 6761): nothing sent there reaches anyone.
const RESERVED = /(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$/i;

test.each(TEMPLATES.map((t) => [t.file, t.wf]))(
	'%s: every e-mail address is a reserved example address',
	(file, wf) => {
		const text = JSON.stringify(wf);
		const domains = [...text.matchAll(/[\w.+-]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi)].map((m) => m[1]);
		expect(domains.filter((d) => !RESERVED.test(d))).toEqual([]);
	},
);

test('the real-looking domain check catches a firm domain (control)', () => {
	expect(RESERVED.test('firm.com')).toBe(false);
	expect(RESERVED.test('brightlinetax.example')).toBe(true);
	expect(RESERVED.test('example.com')).toBe(true);
});

test('manual sync: "Run now" stops on the example address before anything is read, synced or sent', () => {
	const { wf } = TEMPLATES.find((t) => t.file === 'casepeer-case-status-manual-sync.json');
	const node = (name) => wf.nodes.find((n) => n.name === name);
	const assignment = (n, name) =>
		node(n).parameters.assignments.assignments.find((a) => a.name === name).value;
	expect(assignment('Example request', 'Your email')).toMatch(/@example\.com$/);
	expect(assignment('Request', 'send_from')).toMatch(/@example\.com$/);
	expect(node('Email the results').parameters.fromEmail).toContain("$('Request')");
	// Request → the check; its "true" output is the stop, its "false" output the sync.
	expect(wf.connections.Request.main[0].map((c) => c.node)).toEqual(['Still the example address?']);
	const [yes, no] = wf.connections['Still the example address?'].main;
	expect(yes.map((c) => node(c.node).type)).toEqual(['n8n-nodes-base.stopAndError']);
	expect(no.map((c) => c.node)).toEqual(['Stage mapping table']);
	// A sticky beside each placeholder says to replace it.
	expect(notesBeside(wf, node('Example request'))).toMatch(
		/\*\*Example request\*\* › \*Your email\*: `you@example\.com` is a placeholder/,
	);
	expect(notesBeside(wf, node('Request'))).toMatch(
		/\*\*Request\*\* › \*send_from\*: `n8n@example\.com` is a placeholder/,
	);
});

// ------------------------------------------------------------------ stickies and paths (point 7)

const stickies = (wf) => wf.nodes.filter((n) => n.type === STICKY);
/** A sticky is beside a node when the node (about 100 × 100 at its position) is within 200 px of the note. */
const beside = (sticky, node, margin = 200) => {
	const [x, y] = sticky.position;
	const { width = 240, height = 160 } = sticky.parameters;
	const [nx, ny] = node.position;
	return (
		nx + 100 > x - margin &&
		nx < x + width + margin &&
		ny + 100 > y - margin &&
		ny < y + height + margin
	);
};
const notesBeside = (wf, node) =>
	stickies(wf)
		.filter((s) => beside(s, node))
		.map((s) => s.parameters.content)
		.join('\n');
// Nodes holding what a firm types in: a sticky beside each names it in bold.
const SETTING =
	/settings|^Example request$|^Cases to import$|^Case to (connect|check)$|^Catch-up window$|^Map work type$|^Window$|^Stage mapping$/;

test.each(TEMPLATES.map((t) => [t.file, t.wf]))(
	'%s: "Run now" is said as the editor shows it, beside the trigger',
	(file, wf) => {
		for (const s of stickies(wf))
			expect([s.name, s.parameters.content]).not.toEqual([
				s.name,
				expect.stringMatching(/Test workflow/),
			]);
		const manual = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.manualTrigger');
		expect(manual.map((n) => n.name)).toEqual(['Run now']);
		expect(notesBeside(wf, manual[0])).toMatch(
			/Hover the \*\*Run now\*\* trigger and click the \*\*Execute workflow\*\* button beside it/,
		);
		for (const hook of wf.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook'))
			expect(notesBeside(wf, hook)).toContain(
				`*Execute workflow from ${hook.name}* only waits for a call`,
			);
		for (const form of wf.nodes.filter((n) => n.type === 'n8n-nodes-base.formTrigger'))
			expect(notesBeside(wf, form)).toContain(
				`*Execute workflow from ${form.name}* opens the form`,
			);
	},
);

test.each(TEMPLATES.map((t) => [t.file, t.wf]))(
	'%s: a sticky beside each setting a firm must change (credentials, schedules, settings nodes)',
	(file, wf) => {
		const credentials = new Map();
		for (const n of wf.nodes)
			for (const c of Object.values(n.credentials || {}))
				credentials.set(c.name, [...(credentials.get(c.name) || []), n]);
		for (const [name, nodes] of credentials)
			expect([name, nodes.some((n) => notesBeside(wf, n).includes(`**${name}**`))]).toEqual([
				name,
				true,
			]);
		for (const n of wf.nodes.filter((x) => x.type === 'n8n-nodes-base.scheduleTrigger'))
			expect(notesBeside(wf, n)).toMatch(
				new RegExp(
					`\\*\\*${n.name.replace(/[()]/g, '\\$&')}\\*\\* \\(schedule\\): change when it runs`,
				),
			);
		for (const n of wf.nodes.filter((x) => x.type === 'n8n-nodes-base.set' && SETTING.test(x.name)))
			expect([n.name, notesBeside(wf, n).includes(`**${n.name}**`)]).toEqual([n.name, true]);
	},
);

test.each(TEMPLATES.map((t) => [t.file, t.wf]))(
	'%s: no path ends in an unlabelled IF branch',
	(file, wf) => {
		for (const n of wf.nodes.filter((x) => x.type === 'n8n-nodes-base.if')) {
			const outputs = wf.connections[n.name]?.main || [];
			expect([n.name, [0, 1].map((i) => (outputs[i] || []).length > 0)]).toEqual([
				n.name,
				[true, true],
			]);
		}
	},
);

test('nightly sync: the success path ends in a labelled summary', () => {
	const { wf } = TEMPLATES.find((t) => t.file === 'casepeer-case-status-nightly-sync.json');
	const [, nothingNew] = wf.connections['Anything new?'].main;
	expect(nothingNew.map((c) => c.node)).toEqual(['Nightly summary']);
	const summary = wf.nodes.find((n) => n.name === 'Nightly summary');
	expect(summary.parameters.assignments.assignments.map((a) => a.name)).toContain('summary');
});

// ------------------------------------------------------------------ the Perfect Portal → DPS review table (point 6)

/** Evaluates a template expression ("={{ … }}") with $json, as n8n would for one item. */
const evaluate = (expression, $json) =>
	Function('$json', `return (${expression.replace(/^=\{\{/, '').replace(/\}\}$/, '')});`)($json);

test('review table: the result sits beside the tick in every template that creates the cases table', () => {
	const creators = TEMPLATES.flatMap(({ file, wf }) =>
		wf.nodes
			.filter(
				(n) =>
					n.parameters.operation === 'create' && n.parameters.tableName === 'Perfect Portal cases',
			)
			.map((n) => [file, n.parameters.columns.column.map((c) => c.name)]),
	);
	expect(creators).toHaveLength(3);
	for (const [file, columns] of creators)
		expect([file, columns.slice(0, 4)]).toEqual([file, ['case_id', 'import', 'result', 'status']]);
});

test('review table: a downloaded case missing what the import needs has its own status and a fix worded for the table', () => {
	const { wf } = TEMPLATES.find((t) => t.file === 'perfect-portal-dps-download-cases.json');
	const row = wf.nodes.find((n) => n.name === 'Write case rows').parameters.columns.value;
	const client = [{ type: 'client', name: 'George Brown' }];
	const ready = {
		app_code: 'CP',
		fee_earner: { code: 'JSM' },
		branch: { code: 'LDS' },
		clients_contacts: client,
	};
	expect([evaluate(row.status, ready), evaluate(row.result, ready)]).toEqual(['new', '']);
	const noCode = { ...ready, app_code: '', fee_earner: { name: 'Tom Price' } };
	expect(evaluate(row.status, noCode)).toBe('needs fixing');
	expect(evaluate(row.result, noCode)).toBe(
		"Fix before importing: Type the DPS AppCode (work type) in app_code, e.g. CP; type Tom Price's DPS user code in fee_earner, e.g. JSM (Perfect Portal has none for Tom Price).",
	);
	const noClient = { ...ready, clients_contacts: [] };
	expect(evaluate(row.status, noClient)).toBe('needs fixing');
	expect(evaluate(row.result, noClient)).toMatch(
		/^Fix before importing: Add a client to the case in Perfect Portal/,
	);
	for (const r of [noCode, noClient]) expect(evaluate(row.result, r)).not.toMatch(/from the list/);
	const linked = { case_management_link: { system: 'dps_one_office', matter_ref: 'BRO001/1' } };
	expect(evaluate(row.status, linked)).toBe('imported');
});

test('review table: a case the import refuses names the row columns to correct', () => {
	const { wf } = TEMPLATES.find((t) => t.file === 'perfect-portal-dps-import-selected.json');
	const { result } = wf.nodes.find((n) => n.name === 'Mark not imported').parameters.columns.value;
	expect(
		evaluate(result, {
			reason:
				"the case 1 cannot be imported: 'Fee Earner' 'TPR' is not a fee earner in DPS One Office",
			fix: 'Use an active fee earner: JSM Jane Smith; or ask the DPS administrator to add it in DPSSQLConfig.',
		}),
	).toMatch(/ Correct fee_earner in this row, then run Import selected cases again\.$/);
	expect(
		evaluate(result, { reason: 'the case is cancelled in Perfect Portal', fix: 'Untick the row.' }),
	).toBe('Not imported: the case is cancelled in Perfect Portal Fix: Untick the row.');
});
