// npm run soak: the reliability suite. For each process (nightly sync, bulk import, message relay, Perfect Portal →
// DPS import, OfficeTools portal migration, Perfect Portal ↔ Smokeball), three runs on fresh sandboxes with the same
// data:
//   reference  fault-free: its end state, and its per-record failures (the permanent ones: bad data);
//   faults     20% of the requests to the systems involved fail (500, 503 and 429 with Retry-After, timeouts,
//              connections dropped before and after the server did the work);
//   crash      the process "dies" right after the server committed the K-th write (K drawn from the seed), and
//              the pipeline is run again from the start.
// Each must reach the reference's end state: zero duplicates, zero lost messages or documents, every failed
// request retried, every permanent failure reported per record. When a run still fails (a request out of
// attempts, an execution that died), the next run is what happens next in production: the next scheduled run,
// or for the relay its catch-up ("Run now"); at most 3 runs. All with canary keys, searched for in every output,
// error and log.
//   node tests/soak/run.js [--small] [--only nightly-sync,...] [--seed 1] [--rate 50] [--fault-rate 0.2] [--json f]
//
// Rates: pacing is the bench's job, so the soak lifts every API's limit to --rate requests/second on both sides
// (the sandbox and the nodes' own pacing) to run in minutes; `--rate vendor` keeps the vendors' limits.
const { freshSandbox, credentialSecrets, VENDOR_RATES } = require('../bench/lib/sandbox');
const { runtime, armKill, disarmKill, Killed } = require('../bench/lib/nodes');
const { createSecretScanner } = require('../bench/lib/secrets');
const {
	parseArgs,
	sizeOptions,
	progress,
	createTable,
	sleep,
	finish,
	runAsScript,
} = require('../bench/lib/report');
const { resetBuckets } = require('../../nodes/shared/rateLimit.ts');
const { createRng } = require('../../sandbox/lib/rng');
const { faultScript, retryCheck, TIMEOUT_CAP_MS } = require('./faults');
const PIPELINES = require('./pipelines');

const PROFILES = [
	require('../../nodes/CaseStatus/transport.ts').caseStatusProfile,
	require('../../nodes/CasePeer/transport.ts').casePeerProfile,
	require('../../nodes/PerfectPortal/transport.ts').perfectPortalProfile,
	require('../../nodes/DpsOneOffice/transport.ts').dpsProfile,
	require('../../nodes/OfficeTools/transport.ts').officeToolsProfile,
	require('../../nodes/Smokeball/transport/profile.ts').smokeballProfile,
];
const MAX_RUNS = 3;
const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function liftRates(env, perSecond) {
	if (perSecond === 'vendor') return;
	for (const p of PROFILES) p.rate = { perSecond, burst: 10 };
	await env.configure({
		rateLimits: Object.fromEntries(
			Object.keys(VENDOR_RATES).map((s) => [s, { perSecond, burst: 10 }]),
		),
	});
}

/** Canonical JSON (sorted keys), so two snapshots compare as text. */
function canonical(value) {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		return `{${Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

/** The records whose end state differs between two snapshots (first few). */
function differences(a, b) {
	const out = [];
	for (const section of Object.keys(a)) {
		if (section === 'counts' || typeof a[section] !== 'object' || a[section] === null) {
			if (canonical(a[section]) !== canonical(b[section]))
				out.push(`${section}: ${canonical(a[section])} ≠ ${canonical(b[section])}`);
			continue;
		}
		const keys = new Set([...Object.keys(a[section] || {}), ...Object.keys(b[section] || {})]);
		for (const k of keys) {
			const x = canonical((a[section] || {})[k]);
			const y = canonical((b[section] || {})[k]);
			if (x !== y) out.push(`${section}.${k}: ${x} ≠ ${y}`);
		}
	}
	if (canonical(a.counts) !== canonical(b.counts))
		out.push(`counts: ${canonical(a.counts)} ≠ ${canonical(b.counts)}`);
	return out;
}

/**
 * Runs the pipeline, then — while an execution failed or a record failed that is not a permanent failure of the
 * reference — what would happen next (rerun), up to MAX_RUNS runs in all.
 */
async function untilSettled(p, env, ctx, permanent, { startWithRerun = false } = {}) {
	const runs = [];
	for (let n = 1; n <= MAX_RUNS; n++) {
		const fn = startWithRerun || n > 1 ? p.rerun || p.run : p.run;
		try {
			const r = await fn.call(p, env, ctx);
			const transient = permanent ? r.failed.filter((f) => !permanent.has(f.record)) : [];
			runs.push({ failed: r.failed, transient });
			if (!transient.length) return { runs, last: r };
		} catch (error) {
			if (error instanceof Killed) throw error;
			runs.push({ error: error.message.slice(0, 300) });
			if (!permanent) throw error;
		}
	}
	return { runs, last: null };
}

function writesIn(log) {
	return log.filter((r) => WRITE.has(r.method) && r.status >= 200 && r.status < 300).length;
}

async function soakOne(p, size, args, table, results) {
	const seed = Number(args.seed ?? 1);
	const rate = args.rate === 'vendor' ? 'vendor' : Number(args.rate ?? 50);
	const faultRate = Number(args['fault-rate'] ?? 0.2);
	const fresh = async () => {
		const env = await freshSandbox({ seed: 1 });
		runtime.scanner.addSecrets(credentialSecrets(env.credentials));
		await liftRates(env, rate);
		return env;
	};
	const out = { size };
	const title = `${p.title} (${Object.entries(size)
		.filter(([k]) => k !== 'page')
		.map(([k, v]) => `${v} ${k}`)
		.join(', ')})`;

	// Reference: no faults.
	let env = await fresh();
	let ctx = { size, ...(await p.setup(env, size)) };
	await env.clearRequests();
	let t = Date.now();
	const ref = await untilSettled(p, env, ctx, null);
	const refLog = await env.requests();
	const reference = await p.snapshot(env);
	const permanent = new Set(ref.last.failed.map((f) => f.record));
	out.reference = {
		seconds: (Date.now() - t) / 1000,
		requests: refLog.length,
		writes: writesIn(refLog),
		permanentFailures: permanent.size,
		counts: reference.counts,
	};
	await env.close();
	progress(
		`${p.name}: reference ${out.reference.requests} requests, ${permanent.size} permanent failures`,
	);

	// Faults: 20% of requests.
	env = await fresh();
	ctx = { size, ...(await p.setup(env, size)) };
	const plan = faultScript(seed * 31 + p.name.length, refLog.length * 3 + 500, faultRate);
	await env.configure({ faults: { systems: p.systems, script: plan.steps } });
	runtime.timeoutCapMs = TIMEOUT_CAP_MS;
	await env.clearRequests();
	t = Date.now();
	const faulty = await untilSettled(p, env, ctx, permanent).finally(
		() => (runtime.timeoutCapMs = null),
	);
	await env.configure({ faults: null });
	const faultLog = await env.requests();
	const underFaults = await p.snapshot(env);
	await env.close();
	const retries = retryCheck(faultLog);
	const reported = faulty.runs.reduce((n, r) => n + (r.error ? 1 : r.transient.length), 0);
	const lastFailed = faulty.last ? new Set(faulty.last.failed.map((f) => f.record)) : null;
	const diffFaults = differences(reference, underFaults);
	out.faults = {
		seconds: (Date.now() - t) / 1000,
		requests: faultLog.length,
		faults: retries.faults,
		byKind: retries.byKind,
		retried: retries.retried,
		notRetried: retries.notRetried.slice(0, 5),
		runs: faulty.runs.map((r) =>
			r.error
				? { error: r.error }
				: {
						failed: r.failed.length,
						transient: r.transient.map((f) => `${f.record}: ${f.reason}`).slice(0, 5),
					},
		),
		caughtUp: ctx.caughtUp,
		differences: diffFaults.slice(0, 10),
		counts: underFaults.counts,
	};
	progress(
		`${p.name}: faults ${retries.faults}/${faultLog.length} requests, ${faulty.runs.length} run(s), ${diffFaults.length} differences`,
	);

	// Crash: killed after the K-th write, then run again.
	env = await fresh();
	ctx = { size, ...(await p.setup(env, size)) };
	await env.clearRequests();
	const K =
		1 +
		Math.floor(createRng(seed * 7 + p.name.length * 13)() * Math.max(1, out.reference.writes - 1));
	armKill(K);
	t = Date.now();
	let killed = false;
	try {
		await p.run(env, ctx);
	} catch (error) {
		if (!(error instanceof Killed)) throw error;
		killed = true;
	}
	const guard = disarmKill();
	resetBuckets(); // the restarted process
	await sleep(300);
	ctx.crashed = true;
	const crash = await untilSettled(p, env, ctx, permanent, { startWithRerun: true });
	const afterCrash = await p.snapshot(env);
	await env.close();
	const diffCrash = differences(reference, afterCrash);
	out.crash = {
		killedAfterWrites: K,
		killed,
		writesBeforeKill: guard.writes,
		seconds: (Date.now() - t) / 1000,
		runs: crash.runs.map((r) => (r.error ? { error: r.error } : { failed: r.failed.length })),
		caughtUp: ctx.caughtUp,
		differences: diffCrash.slice(0, 10),
		counts: afterCrash.counts,
	};
	progress(
		`${p.name}: crash after write ${K} (killed: ${killed}), ${diffCrash.length} differences`,
	);

	const dupes = (s) => s.counts.duplicates || 0;
	const f = `${Math.round(faultRate * 100)}% faults`;
	table.check(
		title,
		`${f}: end state = fault-free`,
		diffFaults.length,
		'0 differences',
		(v) => v === 0 && faulty.last !== null,
		{
			note: `${retries.faults} faults in ${faultLog.length} requests; ${faulty.runs.length} run(s)`,
		},
	);
	table.check(
		title,
		`${f}: duplicates, lost`,
		dupes(underFaults) + (underFaults.counts.lost || 0),
		'0',
		(v) => v === 0,
	);
	table.check(
		title,
		`${f}: failed requests retried`,
		retries.retried,
		`${retries.faults}${reported ? ` (less ${reported} reported)` : ''}`,
		(v) => v + reported >= retries.faults,
		{
			note: Object.entries(retries.byKind)
				.map(([k, n]) => `${k}: ${n}`)
				.join(', '),
		},
	);
	table.check(
		title,
		'permanent failures reported per record',
		lastFailed ? lastFailed.size : -1,
		`${permanent.size}`,
		(v) => v === permanent.size && [...permanent].every((r) => lastFailed.has(r)),
	);
	table.check(
		title,
		`crash after write ${K}: end state = fault-free`,
		diffCrash.length,
		'0 differences',
		(v) => v === 0 && killed && crash.last !== null,
		{
			note: `duplicates ${dupes(afterCrash)}${ctx.caughtUp !== undefined ? `; catch-up relayed ${ctx.caughtUp}` : ''}`,
		},
	);
	results[p.name] = out;
}

async function main(argv) {
	const args = parseArgs(argv, {
		...sizeOptions(PIPELINES),
		rate: { type: 'string' },
		'fault-rate': { type: 'string' },
	});
	const only = args.only ? String(args.only).split(',') : null;
	const chosen = PIPELINES.filter((p) => !only || only.includes(p.name));
	if (!chosen.length)
		throw new Error(
			`no pipeline named ${args.only}; choose from ${PIPELINES.map((p) => p.name).join(', ')}`,
		);
	const scanner = createSecretScanner();
	scanner.watchProcessOutput();
	runtime.scanner = scanner;
	const originalRates = PROFILES.map((p) => p.rate);
	const table = createTable();
	const results = {};
	const started = Date.now();
	for (const p of chosen) {
		const size = { ...p.sizes[args.small ? 'small' : 'full'] };
		for (const key of Object.keys(size))
			if (args[`${p.name}.${key}`] !== undefined) size[key] = args[`${p.name}.${key}`];
		progress(`${p.name} ${JSON.stringify(size)}`);
		try {
			await soakOne(p, size, args, table, results);
		} catch (error) {
			disarmKill();
			table.add(p.title, 'soak failed', error.message.slice(0, 160), { ok: false });
			results[p.name] = { error: error.stack };
			progress(`${p.name} failed: ${error.stack}`);
		}
	}
	PROFILES.forEach((p, i) => (p.rate = originalRates[i]));
	return finish('soak', {
		table,
		args,
		results,
		secrets: scanner.summary(),
		title: `npm run soak${args.small ? ' -- --small' : ''}: ${((Date.now() - started) / 60000).toFixed(1)} min, seed ${args.seed ?? 1}`,
		explain(all) {
			for (const [name, r] of Object.entries(all)) {
				if (r.faults && r.faults.differences.length)
					process.stderr.write(`${name} (faults): ${r.faults.differences.join('\n  ')}\n`);
				if (r.crash && r.crash.differences.length)
					process.stderr.write(`${name} (crash): ${r.crash.differences.join('\n  ')}\n`);
				if (r.faults && r.faults.notRetried.length)
					process.stderr.write(`${name} not retried: ${JSON.stringify(r.faults.notRetried)}\n`);
				if (r.faults)
					process.stderr.write(`${name} runs under faults: ${JSON.stringify(r.faults.runs)}\n`);
			}
		},
	});
}

runAsScript(module, main);

module.exports = { main };
