'use strict';

// `node sandbox/cli.js` starts, prints its URLs and demo key, serves requests and stops on SIGTERM.

const { spawn } = require('node:child_process');
const path = require('node:path');
const { SEED_FACTS } = require('../../sandbox/systems/case-status');

test('cli prints the listening line and per-system URLs, serves, and exits on SIGTERM', async () => {
	const child = spawn(
		process.execPath,
		[path.join(__dirname, '../../sandbox/cli.js'), '--port', '0', '--no-rate-limit'],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let out = '';
	child.stdout.on('data', (d) => (out += d));
	try {
		await new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 10000);
			child.stdout.on('data', () => out.includes('demo key') && (clearTimeout(timer), resolve()));
			child.once('exit', (code) => reject(new Error(`exited ${code}`)));
		});
		const url = /^Sandbox listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)[1];
		expect(out).toContain(`case-status`);
		expect(out).toContain(`${url}/case-status`);
		expect(out).toContain(SEED_FACTS.demoKey);
		expect(out).not.toContain(SEED_FACTS.canaryKey);
		const res = await fetch(`${url}/case-status/v1/api/messages?page[number]=1`, {
			headers: { Authorization: `ApiKey ${SEED_FACTS.demoKey}` },
		});
		expect(res.status).toBe(200);
		expect(await res.json()).toHaveLength(10);
	} finally {
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
	}
});
