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
});
