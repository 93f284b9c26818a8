// The nightly CASEpeer → Case Status sync of N connected cases, `changed` of them changed since the last run,
// against the vendors' rate limits (CASEpeer 10/s, Case Status 5/s), side by side with a naive full resync
// (every case fetched one by one and rewritten). Also the memory figure: peak RSS above the idle process while
// the pack syncs the N cases.
const { fork } = require('node:child_process');
const path = require('node:path');
const { countRequests, floorFromLog, VENDOR_RATES } = require('../lib/sandbox');
const nightly = require('../pipelines/nightly-sync');

const CASEPEER_PAGE = 200;
const CASE_STATUS_PAGE = 100;
const CASE_STATUS_CONFIG_READS = 3; // stages, practice areas, users: once per run

/** Peak RSS above idle of a fresh process that loads the pack and runs the sync (lib/memory-child.js). */
function measureSyncMemory(env) {
	const child = fork(path.join(__dirname, '../lib/memory-child.js'), {
		execArgv: ['--expose-gc'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	return new Promise((resolve, reject) => {
		child.once('message', (m) => {
			child.kill();
			if (m.error) reject(new Error(`memory run failed: ${m.error}`));
			else resolve({ base: m.idle, peakAbove: m.peak - m.idle, rows: m.rows });
		});
		child.once('exit', (code) => reject(new Error(`memory run exited with ${code}`)));
		child.send({ credentials: env.credentials });
	});
}

/** What a script that "just resyncs everything" does: per case, read both sides and rewrite the target. */
async function naivePath(env, ids) {
	const keys = env.credentials;
	const cpAuth = { authorization: `Bearer ${keys.casePeerApi.apiKey}` };
	const csAuth = {
		authorization: `ApiKey ${keys.caseStatusApi.apiKey}`,
		'content-type': 'application/json',
	};
	for (const id of ids) {
		const c = await (await fetch(`${env.url}/casepeer/v1/cases/${id}`, { headers: cpAuth })).json();
		const [target] = await (
			await fetch(`${env.url}/case-status/v1/api/cases?integration_id=${id}`, { headers: csAuth })
		).json();
		await fetch(`${env.url}/case-status/v1/api/cases/${target.id}`, {
			method: 'PATCH',
			headers: csAuth,
			body: JSON.stringify({ name: c.name, incident_date: c.incident_date }),
		});
	}
}

module.exports = {
	name: 'nightly-sync',
	title: 'Nightly sync',
	sizes: { full: { cases: 10000, changed: 0.01 }, small: { cases: 2000, changed: 0.01 } },
	async run(env, size, table) {
		const N = size.cases;
		const { changed } = await nightly.setup(env, { cases: N, changedRatio: size.changed });
		await env.clearRequests();

		const started = performance.now();
		const result = await nightly.run(env);
		const wall = (performance.now() - started) / 1000;
		const log = await env.requests();
		const pack = countRequests(log);
		const floor = floorFromLog(log);
		const minimum =
			Math.ceil(N / CASEPEER_PAGE) +
			Math.ceil(N / CASE_STATUS_PAGE) +
			CASE_STATUS_CONFIG_READS +
			changed;

		// The naive resync: its requests counted for real with rate limits off; its floor follows from the count.
		await env.configure({ rateLimits: false });
		await env.clearRequests();
		const ids = (await env.state('casepeer')).cases
			.filter((c) => c.case_status_connected)
			.map((c) => c.id);
		await naivePath(env, ids);
		const naiveLog = await env.requests();
		await env.configure({ rateLimits: true });
		const naiveFloor = floorFromLog(naiveLog, VENDOR_RATES);

		// Memory: the same sync again (fresh data, same size) in a process of its own.
		await nightly.setup(env, { cases: N, changedRatio: size.changed });
		const memory = await measureSyncMemory(env);

		const s = `${this.title} (${N.toLocaleString('en-US')} cases, ${changed} changed)`;
		const written = (result.actions.updated || 0) + (result.actions.closed || 0);
		table.check(
			s,
			'requests ÷ minimum',
			+(pack.total / minimum).toFixed(3),
			'≤ 1.1×',
			(v) => v <= 1.1,
			{
				unit: '×',
				note: `${pack.total} requests, minimum ${minimum}`,
			},
		);
		table.check(s, 'wall ÷ rate floor', +(wall / floor).toFixed(3), '≤ 1.15×', (v) => v <= 1.15, {
			unit: '×',
			note: `${wall.toFixed(1)} s vs ${floor.toFixed(1)} s`,
		});
		table.check(
			s,
			'naive resync ÷ pack requests',
			+(naiveLog.length / pack.total).toFixed(1),
			'≥ 20×',
			(v) => v >= 20,
			{
				unit: '×',
				note: `naive ${naiveLog.length} requests, floor ${Math.round(naiveFloor)} s`,
			},
		);
		table.check(
			s,
			'cases written = cases changed',
			written,
			`${changed}`,
			(v) => v === changed && !result.failed.length,
			{
				note: `${JSON.stringify(result.actions)}`,
			},
		);
		table.add(s, '429 answers', pack.rateLimited);
		table.check(
			'Memory',
			`RSS above idle, ${N.toLocaleString('en-US')}-case sync`,
			+(memory.peakAbove / 1048576).toFixed(1),
			'≤ 300 MB',
			(v) => v <= 300 && memory.rows === N,
			{
				unit: 'MB',
				note: `own process: idle ${(memory.base / 1048576).toFixed(0)} MB with the pack loaded, ${memory.rows} rows`,
			},
		);
		return {
			cases: N,
			changed,
			outcomes: result.actions,
			pack: {
				requests: pack.total,
				bySystem: pack.bySystem,
				rateLimited429: pack.rateLimited,
				minimum,
				wallSeconds: +wall.toFixed(1),
				floorSeconds: +floor.toFixed(1),
			},
			naive: { requests: naiveLog.length, floorSeconds: +naiveFloor.toFixed(1) },
			memory: {
				idleRssMB: +(memory.base / 1048576).toFixed(1),
				peakAboveIdleMB: +(memory.peakAbove / 1048576).toFixed(1),
			},
		};
	},
};
