// Benchmark: the nightly CASEpeer → Case Status sync of N connected cases, `changed` of them changed since the
// last run, against the sandbox's rate limits (CASEpeer 10/s, Case Status 5/s). The pack's path (CASEpeer
// Case › Get Many, Output Canonical → Case Status Case › Sync) runs side by side with a naive full resync
// (every case fetched one by one and rewritten). Prints requests vs the minimum, wall time vs the rate-limit
// floor and peak RSS, and exits non-zero when a target is missed.
//   node tests/bench/nightly-sync.js [--cases 10000] [--changed 0.01]
require('../helpers/register-ts');
const { startSandbox } = require('../../sandbox/server');
const { runNode } = require('../helpers/harness');
const { resetBuckets } = require('../../nodes/shared/rateLimit.ts');
const { CasePeer } = require('../../nodes/CasePeer/CasePeer.node.ts');
const { CaseStatus } = require('../../nodes/CaseStatus/CaseStatus.node.ts');
const { DEMO_KEYS } = require('../../scripts/lib/credentials');

const arg = (name, fallback) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('cases', 10000);
const CHANGED = arg('changed', 0.01);
const RATES = { casepeer: { perSecond: 10, burst: 10 }, 'case-status': { perSecond: 5, burst: 5 } };
const CASEPEER_PAGE = 200;
const CASE_STATUS_PAGE = 100;
const CASE_STATUS_CONFIG_READS = 3; // stages, practice areas, users: once per run

async function admin(url, method, route, body) {
	const res = await fetch(`${url}/__admin${route}`, {
		method,
		headers: body ? { 'content-type': 'application/json' } : {},
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text}`);
	return text ? JSON.parse(text) : null;
}

function rssSampler() {
	const base = process.memoryUsage().rss;
	let peak = base;
	const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
	return () => {
		clearInterval(timer);
		return { base, peakAbove: Math.max(0, peak - base) };
	};
}

/** Seconds the rate limits alone force: every request beyond each bucket's burst, at its rate. */
function floorSeconds(counts) {
	return Object.entries(counts).reduce((sum, [system, n]) => sum + Math.max(0, n - RATES[system].burst) / RATES[system].perSecond, 0);
}

async function requestCounts(url) {
	const log = await admin(url, 'GET', '/requests');
	const counts = { casepeer: 0, 'case-status': 0 };
	let rateLimited = 0;
	for (const r of log) {
		counts[r.system] = (counts[r.system] || 0) + 1;
		if (r.status === 429) rateLimited++;
	}
	if (process.env.BENCH_DEBUG) {
		log.forEach((r, i) => {
			if (r.status === 429) process.stderr.write(JSON.stringify(log.slice(Math.max(0, i - 6), i + 1).map((x) => [x.system, x.method, x.path, x.status, x.at])) + '\n');
		});
	}
	return { counts, rateLimited, total: log.length };
}

async function packPath(url, credentials) {
	const casePeer = new CasePeer();
	const caseStatus = new CaseStatus();
	const read = await runNode({
		node: casePeer,
		credentials,
		parameters: { resource: 'case', operation: 'getAll', returnAll: true, filters: { connected: true }, output: 'canonical' },
	});
	const sync = await runNode({
		node: caseStatus,
		credentials,
		input: read.output.map((i) => ({ json: i.json })),
		parameters: { resource: 'case', operation: 'sync', unmappedStage: 'fail' },
	});
	const actions = {};
	for (const row of sync.output) actions[row.json.action] = (actions[row.json.action] || 0) + 1;
	return actions;
}

/** What a script that "just resyncs everything" does: per case, read both sides and rewrite the target. */
async function naivePath(url, ids) {
	const cpAuth = { authorization: `Bearer ${DEMO_KEYS.casePeer}` };
	const csAuth = { authorization: `ApiKey ${DEMO_KEYS.caseStatus}`, 'content-type': 'application/json' };
	for (const id of ids) {
		const c = await (await fetch(`${url}/casepeer/v1/cases/${id}`, { headers: cpAuth })).json();
		const [target] = await (await fetch(`${url}/case-status/v1/api/cases?integration_id=${id}`, { headers: csAuth })).json();
		await fetch(`${url}/case-status/v1/api/cases/${target.id}`, {
			method: 'PATCH',
			headers: csAuth,
			body: JSON.stringify({ name: c.name, incident_date: c.incident_date }),
		});
	}
}

async function main() {
	const sandbox = await startSandbox({ port: 0 });
	const credentials = {
		casePeerApi: { baseUrl: `${sandbox.url}/casepeer`, apiKey: DEMO_KEYS.casePeer },
		caseStatusApi: { environment: 'custom', baseUrl: `${sandbox.url}/case-status`, apiKey: DEMO_KEYS.caseStatus },
	};
	try {
		// Only the generated cases: the demo firm's own seed has deliberate differences of its own.
		await admin(sandbox.url, 'PUT', '/state/casepeer', { ...(await admin(sandbox.url, 'GET', '/state/casepeer')), cases: [] });
		const cs = await admin(sandbox.url, 'GET', '/state/case-status');
		await admin(sandbox.url, 'PUT', '/state/case-status', { ...cs, cases: [], messages: [], files: [] });
		const seeded = await admin(sandbox.url, 'POST', '/seed/linked', { cases: N, changedRatio: CHANGED });
		const changed = seeded.changed.length;
		await admin(sandbox.url, 'POST', '/config', { rateLimits: RATES });
		await admin(sandbox.url, 'DELETE', '/requests');
		resetBuckets();

		const sample = rssSampler();
		const started = performance.now();
		const actions = await packPath(sandbox.url, credentials);
		const wall = (performance.now() - started) / 1000;
		const memory = sample();
		const pack = await requestCounts(sandbox.url);

		const minimum = Math.ceil(N / CASEPEER_PAGE) + Math.ceil(N / CASE_STATUS_PAGE) + CASE_STATUS_CONFIG_READS + changed;
		const floor = floorSeconds(pack.counts);

		// The naive resync: requests counted for real with rate limits off; its floor follows from the count.
		await admin(sandbox.url, 'POST', '/config', { rateLimits: false });
		await admin(sandbox.url, 'DELETE', '/requests');
		const state = await admin(sandbox.url, 'GET', '/state/casepeer');
		const ids = state.cases.filter((c) => c.case_status_connected).map((c) => c.id);
		const naiveStarted = performance.now();
		await naivePath(sandbox.url, ids);
		const naiveUnthrottled = (performance.now() - naiveStarted) / 1000;
		const naive = await requestCounts(sandbox.url);
		const naiveFloor = floorSeconds(naive.counts);

		const results = {
			cases: N,
			changed,
			outcomes: actions,
			pack: {
				requests: pack.total,
				bySystem: pack.counts,
				rateLimited429: pack.rateLimited,
				minimumRequests: minimum,
				requestsVsMinimum: +(pack.total / minimum).toFixed(3),
				wallSeconds: +wall.toFixed(1),
				rateFloorSeconds: +floor.toFixed(1),
				wallVsFloor: +(wall / floor).toFixed(3),
				peakRssAboveIdleMB: +(memory.peakAbove / 1048576).toFixed(1),
			},
			naive: {
				requests: naive.total,
				bySystem: naive.counts,
				rateFloorSeconds: +naiveFloor.toFixed(1),
				unthrottledSeconds: +naiveUnthrottled.toFixed(1),
			},
			naiveVsPackRequests: +(naive.total / pack.total).toFixed(1),
		};
		process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);

		const misses = [];
		if (results.pack.requestsVsMinimum > 1.1) misses.push(`requests ${results.pack.requestsVsMinimum}× the minimum (target ≤ 1.1×)`);
		if (results.pack.wallVsFloor > 1.15) misses.push(`wall time ${results.pack.wallVsFloor}× the rate floor (target ≤ 1.15×)`);
		if (results.naiveVsPackRequests < 20) misses.push(`only ${results.naiveVsPackRequests}× fewer requests than the naive resync (target ≥ 20×)`);
		if ((actions.failed || 0) > 0) misses.push(`${actions.failed} cases failed`);
		if ((actions.updated || 0) + (actions.closed || 0) !== changed) misses.push(`${(actions.updated || 0) + (actions.closed || 0)} cases written, ${changed} changed`);
		if (misses.length) {
			process.stderr.write(`bench: targets missed:\n- ${misses.join('\n- ')}\n`);
			process.exitCode = 1;
		} else {
			process.stdout.write('bench: all targets met\n');
		}
	} finally {
		await sandbox.close();
	}
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
