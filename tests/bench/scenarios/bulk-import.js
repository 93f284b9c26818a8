// The initial bulk import of N CASEpeer cases into Case Status at the vendors' limits (CASEpeer 10/s, Case
// Status 5/s), killed at a random point and resumed: the process "dies" right after the server committed the
// K-th write (K drawn from the seed), and the whole pipeline is run again from the start, as n8n would after a
// restart (new process: fresh client-side buckets; the restart's own seconds are not counted as import time).
const { countRequests, floorFromLog } = require('../lib/sandbox');
const { armKill, disarmKill, Killed } = require('../lib/nodes');
const { resetBuckets } = require('../../../nodes/shared/rateLimit.ts');
const { createRng } = require('../../../sandbox/lib/rng');
const { sleep } = require('../lib/report');
const bulk = require('../pipelines/bulk-import');

/** Integration ids each run looked up in Case Status (the first step of importing a case). */
function processed(log) {
	const ids = new Set();
	for (const r of log) {
		if (
			r.system === 'case-status' &&
			r.method === 'GET' &&
			r.path === '/v1/api/cases' &&
			r.query.integration_id
		)
			ids.add(r.query.integration_id);
	}
	return ids;
}

module.exports = {
	name: 'bulk-import',
	title: 'Bulk import',
	sizes: { full: { cases: 10000 }, small: { cases: 400 } },
	async run(env, size, table, { seed = 1 } = {}) {
		const N = size.cases;
		await bulk.setup(env, { cases: N });
		await env.clearRequests();
		const writes = 2 * N; // a create and a connect per case
		const K = 1 + Math.floor(createRng(seed * 7919 + 17)() * (writes - 1));

		armKill(K);
		const started = performance.now();
		let killedRun = null;
		try {
			await bulk.run(env);
		} catch (error) {
			if (!(error instanceof Killed)) throw error;
		}
		const guard = disarmKill();
		if (guard.killedAt) killedRun = (guard.killedAt - started) / 1000;
		if (killedRun === null) throw new Error(`the kill after ${K} writes never fired`);
		const log1 = await env.requests();
		await env.clearRequests();

		resetBuckets(); // the restarted process
		await sleep(1500);
		const resumedAt = performance.now();
		const result = await bulk.run(env);
		const resumed = (performance.now() - resumedAt) / 1000;
		const log2 = await env.requests();

		const wall = killedRun + resumed;
		const all = log1.concat(log2);
		const floor = floorFromLog(log1) + floorFromLog(log2);
		const counts = countRequests(all);
		const first = processed(log1);
		const repeated = [...processed(log2)].filter((id) => first.has(id)).length;
		const snap = await bulk.snapshot(env);
		const connected = Object.values(snap.cases).filter(
			(c) => c.connected && c.linkedToTarget,
		).length;
		const csCreates = all.filter(
			(r) =>
				r.system === 'case-status' &&
				r.method === 'POST' &&
				r.path === '/v1/api/cases' &&
				r.status === 201,
		).length;

		const s = `${this.title} (${N.toLocaleString('en-US')} cases, killed after write ${K.toLocaleString('en-US')})`;
		table.check(s, 'wall ÷ rate floor', +(wall / floor).toFixed(3), '≤ 1.1×', (v) => v <= 1.1, {
			unit: '×',
			note: `${wall.toFixed(0)} s vs ${floor.toFixed(0)} s; ${counts.total} requests`,
		});
		table.check(
			s,
			'cases whose work was repeated',
			repeated,
			`≤ ${bulk.PAGE} (one page)`,
			(v) => v <= bulk.PAGE,
		);
		table.check(s, 'duplicates in Case Status', snap.counts.duplicates, '0', (v) => v === 0, {
			note: `${csCreates} creates for ${N} cases`,
		});
		table.check(
			s,
			'cases imported and connected',
			connected,
			`${N}`,
			(v) => v === N && csCreates === N && !result.failed.length,
		);
		table.add(s, '429 answers', counts.rateLimited);
		return {
			cases: N,
			killedAfterWrites: K,
			killedRun: { seconds: +killedRun.toFixed(1), requests: log1.length, writes: guard.writes },
			resumedRun: {
				seconds: +resumed.toFixed(1),
				requests: log2.length,
				outcome: { ...result, failed: result.failed.length },
			},
			requests: counts,
			floorSeconds: +floor.toFixed(1),
			wallSeconds: +wall.toFixed(1),
			repeatedCases: repeated,
			caseStatusCreates: csCreates,
		};
	},
};
