// The pack on n8n's queue mode (scripts/lib/queue.js: PostgreSQL, Redis, main, workers at a fixed concurrency):
//  - scale: F firms, each with its own sandbox (its own Case Status and CASEpeer accounts, keys and rate limits),
//    its own credentials and its copy of the nightly sync template, all run at once on 1 worker, then on 2: does
//    anything in the pack serialise work across processes? Every firm's end state is checked and its requests
//    must stay within its own limits;
//  - one credential shared by two workers: a bulk import of 2N cases alone on one worker, then two imports of N
//    cases at once on two workers with the same credential (429s, time against the shared rate floor, end state),
//    with the vendor's RateLimit headers and without them.
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const { QueueStack } = require('../../../scripts/lib/queue');
const { packPackage, ROOT } = require('../../../scripts/lib/n8n');
const { sandboxCredentials, CREDENTIAL_REFS } = require('../../../scripts/lib/credentials');
const { startSandbox } = require('../../../sandbox/server');
const { caseStatusStageFor } = require('../../../sandbox/systems/casepeer/seed');
const { admin, CANARY_KEYS, floorFromLog } = require('../lib/sandbox');
const { runtime } = require('../lib/nodes');
const { progress, sleep } = require('../lib/report');
const nightly = require('../pipelines/nightly-sync');

const CONCURRENCY = 5;
const MB = 1048576;
const template = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, 'workflows', file), 'utf8'));

/** Firm i's plan with each vendor: Case Status 3–5 requests/s, CASEpeer 6–10 (bursts as the vendors' defaults). */
function limitsOf(i) {
	return {
		'case-status': { perSecond: [5, 4, 3][i % 3], burst: 5 },
		casepeer: { perSecond: [10, 8, 6][i % 3], burst: 10 },
	};
}

const pad = (i) => String(i + 1).padStart(2, '0');

/** A firm: its sandbox with its own limits, credentials named after it, and a copy of a template using them. */
async function startFirm(i, seed, limits = limitsOf(i)) {
	const sandbox = await startSandbox({ port: 0, seed: seed + i, rateLimit: limits });
	const call = (method, route, body) => admin(sandbox.url, method, route, body);
	const refs = {};
	const credentials = sandboxCredentials(sandbox.url, CANARY_KEYS)
		.filter((c) => c.type === 'caseStatusApi' || c.type === 'casePeerApi')
		.map((c) => {
			refs[c.type] = {
				id: `lsQmFirm${pad(i)}${c.type === 'caseStatusApi' ? 'Cs' : 'Cp'}`,
				name: `Firm ${pad(i)} ${CREDENTIAL_REFS[c.type].name}`,
			};
			return { ...c, ...refs[c.type] };
		});
	/** The template with this firm's credentials in every node that had the sandbox's. */
	const workflow = (file, id, edit = (wf) => wf) => {
		const wf = edit(template(file));
		for (const n of wf.nodes)
			for (const type of Object.keys(n.credentials || {}))
				if (refs[type]) n.credentials[type] = refs[type];
		return { ...wf, id, name: `Firm ${pad(i)}: ${wf.name}` };
	};
	return {
		i,
		name: `firm ${pad(i)}`,
		sandbox,
		credentials,
		limits,
		workflow,
		admin: call,
		state: (system) => call('GET', `/state/${system}`),
		putState: (system, body) => call('PUT', `/state/${system}`, body),
		requests: () => call('GET', '/requests'),
		clearRequests: () => call('DELETE', '/requests'),
		close: () => sandbox.close(),
	};
}

/** Every connected CASEpeer case (of `ids`, when given) is in Case Status once, with its status and (mapped) stage. */
async function endStateErrors(firm, ids) {
	const cp = await firm.state('casepeer');
	const cs = await firm.state('case-status');
	const byRef = new Map();
	for (const c of cs.cases)
		byRef.set(c.integration_id, [...(byRef.get(c.integration_id) || []), c]);
	const errors = [];
	const wanted = ids && new Set(ids);
	for (const c of cp.cases.filter((x) => (wanted ? wanted.has(x.id) : x.case_status_connected))) {
		if (!c.case_status_connected) {
			errors.push(`${c.id}: not connected in CASEpeer`);
			continue;
		}
		const found = byRef.get(String(c.id)) || [];
		if (found.length !== 1) errors.push(`${c.id}: ${found.length} cases in Case Status`);
		else if ((c.status === 'closed') !== (found[0].status === 'closed'))
			errors.push(`${c.id}: status ${found[0].status}`);
		else if (
			c.status !== 'closed' &&
			found[0].stage.display_name !==
				(caseStatusStageFor(cs.stages, c.stage.name) || {}).display_name
		)
			errors.push(`${c.id}: stage ${found[0].stage.display_name} for ${c.stage.name}`);
	}
	return errors;
}

/** Largest resident memory each n8n process reached while `work` ran (sampled every 500 ms). */
async function withMemory(stack, work) {
	const peak = {};
	const sample = () => {
		for (const [name, m] of Object.entries(stack.memory())) {
			const p = (peak[name] = peak[name] || { rss: 0, runner: 0 });
			p.rss = Math.max(p.rss, m.rss);
			p.runner = Math.max(p.runner, m.runnerRss);
		}
	};
	const timer = setInterval(sample, 500);
	try {
		sample();
		return { result: await work(), peak };
	} finally {
		clearInterval(timer);
	}
}

/**
 * 429s that are not a lone stray (jitter on a loaded machine can land two requests closer than the vendor's
 * bucket allows; the client then backs off): those within 10 s of another 429 from the same system.
 */
function sustained429s(log) {
	const times = log.filter((r) => r.status === 429).map((r) => [r.system, Date.parse(r.at)]);
	return times.filter(([system, at]) =>
		times.some(([s2, at2]) => s2 === system && at2 !== at && Math.abs(at2 - at) <= 10_000),
	).length;
}

/** "S M H D Mo *": a cron that fires once, at `at`, in n8n's timezone (the runtime's GENERIC_TIMEZONE). */
function cronAt(at, timeZone = 'America/New_York') {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		})
			.formatToParts(new Date(at))
			.map((p) => [p.type, Number(p.value)]),
	);
	return `${parts.second} ${parts.minute} ${parts.hour} ${parts.day} ${parts.month} *`;
}

/**
 * All firms' nightly syncs at once, started the way production starts them: each firm's own Schedule Trigger,
 * set to fire at the same second, so main's scheduler enqueues them and the workers run them. The wall time is
 * n8n's own: from that second to the last execution's end.
 */
async function syncAllFirms(stack, firms, size) {
	const setups = [];
	for (const firm of firms) {
		setups.push(await nightly.setup(firm, { cases: size.cases, changedRatio: size.changed }));
		await firm.clearRequests();
	}
	const at = Math.ceil((Date.now() + 5000 + firms.length * 1500) / 1000) * 1000;
	const ids = firms.map((f) => `lsQmFirm${pad(f.i)}Night`);
	for (const id of ids) {
		const wf = await stack.rest('GET', `/workflows/${id}`);
		const schedule = wf.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger');
		schedule.parameters.rule = { interval: [{ field: 'cronExpression', expression: cronAt(at) }] };
		const saved = await stack.rest('PATCH', `/workflows/${id}`, {
			nodes: wf.nodes,
			connections: wf.connections,
			versionId: wf.versionId,
		});
		await stack.rest('POST', `/workflows/${id}/activate`, { versionId: saved.versionId });
	}
	if (Date.now() >= at - 500)
		throw new Error('the firms were not all scheduled before their start time');
	// One look at n8n's execution list a second (a cheap query: the REST calls cost main CPU the runs need).
	let runs;
	for (;;) {
		await sleep(1000);
		const page = await stack.rest('GET', `/executions?limit=${4 * ids.length + 50}`);
		const recent = (page.results || page).filter(
			(e) => e.mode === 'trigger' && Date.parse(e.startedAt || e.createdAt) >= at - 1000,
		);
		runs = ids.map((id) =>
			recent.find(
				(e) =>
					e.workflowId === id && ['success', 'error', 'crashed', 'canceled'].includes(e.status),
			),
		);
		if (runs.every(Boolean)) break;
		if (Date.now() > at + 1_800_000)
			throw new Error(`${runs.filter((r) => !r).length} firm(s) did not run`);
	}
	for (const id of ids) await stack.rest('POST', `/workflows/${id}/deactivate`, {});
	const wall = (Math.max(...runs.map((r) => Date.parse(r.stoppedAt))) - at) / 1000;
	progress(
		`${runs.map((r) => `${((Date.parse(r.startedAt) - at) / 1000).toFixed(1)}→${((Date.parse(r.stoppedAt) - at) / 1000).toFixed(1)}`).join(' ')}`,
	);
	const perFirm = [];
	for (const [k, firm] of firms.entries()) {
		const log = await firm.requests();
		const writes = log.filter((r) => r.system === 'case-status' && r.method !== 'GET');
		perFirm.push({
			firm: firm.name,
			status: runs[k].status,
			worker: (stack.workerOf(runs[k].id) || {}).name,
			written: writes.length,
			changed: setups[k].changed,
			requests: log.length,
			rateLimited: log.filter((r) => r.status === 429).length,
			sustained: sustained429s(log),
			refusedAt: log
				.filter((r) => r.status === 429)
				.map((r) => `${r.system} ${r.method} ${r.path} ${r.at.slice(11, 23)}`),
			floor: floorFromLog(log, firm.limits),
			errors: await endStateErrors(firm),
		});
	}
	return { wall, perFirm, cases: firms.length * size.cases };
}

/** A bulk import of the given cases, as a firm edits the template (its own case list). */
const bulkImportOf = (ids) => (wf) => {
	const list = wf.nodes.find((n) => n.name === 'Cases to import').parameters.assignments
		.assignments[0];
	list.value = list.value.replace(/'[\d, ]+'/, `'${ids.join(', ')}'`);
	return wf;
};

/** Runs executions at once; 429s, time, and the floor of the answered requests on the shared credential. */
async function importsAtOnce(stack, firm, workflowIds) {
	await firm.clearRequests();
	const started = Date.now();
	const ids = [];
	for (const id of workflowIds) ids.push(await stack.enqueue(id));
	const runs = await stack.waitForAll(ids);
	const wall = (Date.now() - started) / 1000;
	const notImported = [];
	for (const id of ids)
		notImported.push(...((await stack.waitFor(id)).byNode('Not imported') || []));
	const log = await firm.requests();
	const answered = log.filter((r) => r.status !== 429);
	const limits = firm.limits;
	const floor = Math.max(
		...Object.keys(limits).map(
			(s) =>
				Math.max(0, answered.filter((r) => r.system === s).length - limits[s].burst) /
				limits[s].perSecond,
		),
	);
	return {
		statuses: runs.map((r) => r.status),
		notImported,
		refusedAt: log
			.filter((r) => r.status === 429)
			.map((r) => `${r.method} ${r.path} ${r.at.slice(11, 23)}`),
		workers: ids.map((id) => (stack.workerOf(id) || {}).name),
		requests: log.length,
		rateLimited: log.length - answered.length,
		wall,
		floor,
	};
}

module.exports = {
	name: 'queue-mode',
	title: 'Queue mode',
	sizes: {
		full: { firms: 20, cases: 2000, changed: 0.01, shared: 200 },
		small: { firms: 10, cases: 1000, changed: 0.01, shared: 30 },
	},
	async run(env, size, table, { seed = 1 } = {}) {
		const firms = [];
		for (let i = 0; i < size.firms; i++) firms.push(await startFirm(i, seed));
		const syncing = firms.slice();
		const stack = new QueueStack({
			workers: 1,
			concurrency: CONCURRENCY,
			webhook: false,
			log: progress,
		});
		try {
			await stack.prepare({ tarball: packPackage() });
			// A firm of its own for the shared credential, at the vendors' default limits (Case Status 5/s).
			const shared = await startFirm(size.firms, seed, {
				'case-status': { perSecond: 5, burst: 5 },
				casepeer: { perSecond: 10, burst: 10 },
			});
			firms.push(shared);
			await stack.main.importCredentials(firms.flatMap((f) => f.credentials));
			const { unconnected } = await shared.admin('POST', '/seed/linked', {
				cases: 0,
				unconnected: size.shared * 6,
			});
			const lists = [0, 1, 2, 3, 4, 5].map((k) =>
				unconnected.slice(k * size.shared, (k + 1) * size.shared),
			);
			// One import of 2N cases alone; two of N at once (with RateLimit headers, then without).
			const imports = {
				lsQmSharedAlone: [...lists[0], ...lists[1]],
				lsQmSharedHalfA: lists[2],
				lsQmSharedHalfB: lists[3],
				lsQmSharedHalfC: lists[4],
				lsQmSharedHalfD: lists[5],
			};
			await stack.importWorkflows([
				...syncing.map((f) =>
					f.workflow('casepeer-case-status-nightly-sync.json', `lsQmFirm${pad(f.i)}Night`),
				),
				...Object.entries(imports).map(([id, ids]) =>
					shared.workflow('casepeer-case-status-bulk-import.json', id, bulkImportOf(ids)),
				),
			]);
			await stack.start();
			const scanner = runtime.scanner;
			if (scanner) scanner.addSecrets(Object.values(CANARY_KEYS));

			const phases = {};
			for (const workers of [1, 2]) {
				if (stack.workers.length < workers) {
					await stack.startWorker();
					await sleep(10_000); // let the new worker settle: its start-up is not the firms' work
				}
				progress(`queue-mode: ${size.firms} firms' nightly syncs on ${workers} worker(s)`);
				const cpuBefore = stack.cpuSeconds();
				const load = os.loadavg()[0];
				phases[workers] = await withMemory(stack, () => syncAllFirms(stack, syncing, size));
				const cpuAfter = stack.cpuSeconds();
				phases[workers].cpu = Object.fromEntries(
					Object.keys(cpuAfter).map((k) => [k, +(cpuAfter[k] - (cpuBefore[k] || 0)).toFixed(1)]),
				);
				phases[workers].load = load;
				progress(
					`queue-mode: ${phases[workers].result.wall.toFixed(1)} s; CPU seconds ${JSON.stringify(phases[workers].cpu)}; load before ${load.toFixed(1)}`,
				);
			}

			// One credential, two executions at once on two workers, against one execution of the same work alone.
			progress('queue-mode: one credential shared by two workers');
			const alone = await importsAtOnce(stack, shared, ['lsQmSharedAlone']);
			const together = await importsAtOnce(stack, shared, ['lsQmSharedHalfA', 'lsQmSharedHalfB']);
			await shared.admin('POST', '/config', { rateLimitHeaders: false }); // a vendor that sends only 429 + Retry-After
			const bare = await importsAtOnce(stack, shared, ['lsQmSharedHalfC', 'lsQmSharedHalfD']);
			const sharedErrors = await endStateErrors(shared, unconnected);

			if (scanner)
				for (const file of fs.readdirSync(stack.logs))
					scanner.logs(
						`n8n ${file}`,
						fs.readFileSync(path.join(stack.logs, file), 'utf8').split('\n'),
					);

			const s = `${this.title}: ${size.firms} firms × ${size.cases.toLocaleString('en-US')} connected cases, concurrency ${CONCURRENCY} per worker`;
			const throughput = (w) => phases[w].result.cases / phases[w].result.wall;
			table.add(s, 'nightly syncs, 1 worker', +throughput(1).toFixed(1), {
				unit: 'cases/s',
				note: `${phases[1].result.wall.toFixed(1)} s for all firms`,
			});
			table.add(s, 'nightly syncs, 2 workers', +throughput(2).toFixed(1), {
				unit: 'cases/s',
				note: `${phases[2].result.wall.toFixed(1)} s for all firms`,
			});
			// The syncs need CPU as well as the vendors' time: on a shared machine, CPU is what 2 workers wait for.
			const cpuNote = (w) => {
				const used = Object.values(phases[w].cpu).reduce((a, b) => a + b, 0);
				const wall = phases[w].result.wall;
				return `${used.toFixed(0)} CPU-s in ${wall.toFixed(0)} s = ${(used / wall).toFixed(2)} cores, load ${phases[w].load.toFixed(1)} before`;
			};
			table.check(
				s,
				'2 workers ÷ 1 worker',
				+(throughput(2) / throughput(1)).toFixed(2),
				'≥ 1.8×',
				(v) => v >= 1.8,
				{ unit: '×', note: `CPU: 1 worker ${cpuNote(1)}; 2 workers ${cpuNote(2)}` },
			);
			const all = [...phases[1].result.perFirm, ...phases[2].result.perFirm];
			// A failed case would have stopped the run with the template's alert: success means none failed.
			const wrong = all.filter(
				(f) => f.status !== 'success' || f.errors.length || f.written !== f.changed,
			);
			table.check(s, 'firms whose end state is wrong', wrong.length, '0', (v) => v === 0, {
				note: wrong.length
					? wrong
							.slice(0, 3)
							.map((f) => `${f.firm}: ${f.status} ${f.errors[0] || ''}`)
							.join('; ')
					: `${all.length} runs: each changed case written once, the rest untouched`,
			});
			const limited = all.reduce((n, f) => n + f.rateLimited, 0);
			table.check(
				s,
				'sustained 429s (a firm refused twice within 10 s)',
				all.reduce((n, f) => n + f.sustained, 0),
				'0',
				(v) => v === 0,
				{
					note: `${limited} lone 429(s) in ${all.reduce((n, f) => n + f.requests, 0)} requests; each firm at its own limits: Case Status 3–5/s, CASEpeer 6–10/s`,
				},
			);
			const slowest = Math.max(...all.map((f) => f.floor));
			table.add(s, "slowest firm's rate floor", +slowest.toFixed(1), { unit: 's' });
			for (const w of [1, 2]) {
				const workers = Object.entries(phases[w].peak).filter(([name]) =>
					name.startsWith('worker'),
				);
				table.add(
					s,
					`peak RSS per worker, ${w} worker(s)`,
					Math.max(...workers.map(([, p]) => p.rss)) / MB,
					{
						unit: 'MB',
						note:
							workers
								.map(
									([name, p]) =>
										`${name} ${(p.rss / MB).toFixed(0)} + runner ${(p.runner / MB).toFixed(0)}`,
								)
								.join(', ') + `; main ${(phases[w].peak.main.rss / MB).toFixed(0)}`,
					},
				);
			}
			const t = `${this.title}: one credential, two workers`;
			table.add(t, `one import of ${2 * size.shared} cases alone`, +alone.wall.toFixed(1), {
				unit: 's',
				note: `rate floor ${alone.floor.toFixed(1)} s; ${alone.rateLimited} answered 429`,
			});
			table.check(
				t,
				`two imports of ${size.shared} at once: 429s`,
				together.rateLimited,
				'≤ 5% of requests',
				(v) => v <= 0.05 * together.requests,
				{
					note: `${together.requests} requests, on ${together.workers.join(' and ')}`,
				},
			);
			table.add(
				t,
				'two at once: wall ÷ shared rate floor',
				+(together.wall / together.floor).toFixed(2),
				{
					unit: '×',
					note: `${together.wall.toFixed(1)} s vs ${together.floor.toFixed(1)} s; alone ${(alone.wall / alone.floor).toFixed(2)}×`,
				},
			);
			table.add(t, 'the same, vendor without RateLimit headers: 429s', bare.rateLimited, {
				note: `${bare.requests} requests; wall ÷ floor ${(bare.wall / bare.floor).toFixed(2)}× (${bare.wall.toFixed(1)} s vs ${bare.floor.toFixed(1)} s)`,
			});
			table.check(
				t,
				'end state: cases imported once',
				sharedErrors.length,
				'0 wrong',
				(v) => v === 0 && [...together.statuses, ...bare.statuses].every((x) => x === 'success'),
				{
					note: [
						...sharedErrors.slice(0, 2),
						...[...together.notImported, ...bare.notImported]
							.slice(0, 2)
							.map((r) => `not imported ${r.case_id}: ${r.reason}`),
					].join('; '),
				},
			);
			return {
				phases: { 1: phases[1].result, 2: phases[2].result },
				peak: { 1: phases[1].peak, 2: phases[2].peak },
				shared: { alone, together, bare },
			};
		} finally {
			await stack.stop();
			for (const firm of firms) await firm.close();
		}
	},
};
