// Message relay latency, CASEpeer → Case Status, at a large firm: C connected cases (a third open), staff notes for
// the client arriving at random over H hours, mostly on open cases, some on closed ones. CASEpeer has no firm-wide
// notes feed, so the CASEpeer Trigger sweeps the cases (open ones first, within its share of the rate limit) every
// minute, as the template runs it.
//
// MEASURED, every request for real against the sandbox at the vendors' rate limits, on a clock that skips waits
// (lib/warp.js): the trigger's polls and the sends they start run at their real speed; the idle time between polls,
// rate-limit pacing and back-off are skipped but counted, and the sandbox's rate limits and stamps follow the same
// clock (so a request faster than the vendor allows still gets a 429). Notes are written at their own moment, also
// inside a skipped wait. latency = Case Status message created_at − CASEpeer note created_at, both stamped by the
// sandbox. Case Status refuses messages on closed cases (422 case_closed): for a note on a closed case the figure
// is note → the relay's answer (the refusal, a problem row in the template).
// Then, on the real clock: the nightly sync of the same firm alone, and again while a sweep poll runs.
const { clock } = require('../../../nodes/shared/clock.ts');
const { countRequests } = require('../lib/sandbox');
const { createRng } = require('../../../sandbox/lib/rng');
const { percentile, progress } = require('../lib/report');
const { createWarp } = require('../lib/warp');
const nightly = require('../pipelines/nightly-sync');
const relay = require('../pipelines/note-relay');

const HOUR = 3600 * 1000;

/** The firm: `cases` connected cases, a third open, 1% changed since the last nightly sync. */
async function seedFirm(env, size) {
	await nightly.clearCases(env);
	await env.admin('POST', '/seed/linked', {
		cases: size.cases,
		closedRatio: 1 - size.openRatio,
		changedRatio: 0.01,
	});
}

/** Nightly sync alone, then again on a fresh copy of the firm while one sweep poll runs beside it. */
async function nightlyBeside(env, size) {
	const t0 = performance.now();
	await nightly.run(env);
	const alone = (performance.now() - t0) / 1000;
	await seedFirm(env, size);
	const staticData = { node: {}, global: {} };
	await relay.pollOnce(env, staticData, { interval: size.interval });
	await env.clearRequests();
	const t1 = performance.now();
	let sweptFor = 0;
	const sweep = relay.pollOnce(env, staticData, { interval: size.interval }).then(() => {
		sweptFor = (performance.now() - t1) / 1000;
	});
	await nightly.run(env);
	const beside = (performance.now() - t1) / 1000;
	await sweep;
	const counts = countRequests(await env.requests());
	return { alone, beside, sweptFor, rateLimited: counts.rateLimited, requests: counts.bySystem };
}

/** The firm as the relay finds it: the cases open and closed in CASEpeer. */
async function casesByStatus(env) {
	const cp = await env.state('casepeer');
	return {
		open: cp.cases.filter((c) => c.status === 'open').map((c) => c.id),
		closed: cp.cases.filter((c) => c.status === 'closed').map((c) => c.id),
	};
}

module.exports = {
	name: 'note-relay',
	title: 'Message relay, CASEpeer → Case Status',
	sizes: {
		full: {
			cases: 10000,
			openRatio: 1 / 3,
			notesPerHour: 600,
			hours: 4,
			closedNotes: 0.1,
			interval: 60,
			drainHours: 4,
		},
		small: {
			cases: 1500,
			openRatio: 1 / 3,
			notesPerHour: 300,
			hours: 1,
			closedNotes: 0.1,
			interval: 60,
			drainHours: 1.5,
		},
	},
	// The sandbox keeps the nodes' time, so a skipped wait is skipped for its rate limits and stamps too.
	sandbox: { clock: () => clock.now() },
	async run(env, size, table, { seed = 1 } = {}) {
		const { interval } = size;
		await seedFirm(env, size);
		progress('note-relay: the nightly sync alone, then beside a sweep poll');
		const side = await nightlyBeside(env, size);
		const firm = await casesByStatus(env);
		progress(
			`note-relay: ${firm.open.length} open, ${firm.closed.length} closed; notes for ${size.hours} h`,
		);

		const warp = createWarp();
		warp.install();
		try {
			const rng = createRng(seed * 7919 + 11);
			const staticData = { node: {}, global: {} };
			await relay.pollOnce(env, staticData, { interval }); // activation: the first poll only primes
			await env.clearRequests();
			const start = warp.now();
			const end = start + size.hours * HOUR;
			const total = Math.round(size.notesPerHour * size.hours);
			const written = new Map(); // note id → { createdMs, open }
			for (let k = 0; k < total; k++) {
				const open = rng() >= size.closedNotes;
				const pool = open ? firm.open : firm.closed;
				const caseId = pool[Math.floor(rng() * pool.length)];
				warp.schedule(start + rng() * (end - start), async () => {
					const note = await relay.staffNote(
						env,
						caseId,
						`Bench note ${k + 1}: your next appointment`,
					);
					written.set(String(note.id), { createdMs: Date.parse(note.created_at), open });
				});
			}

			const latency = { open: [], closed: [] };
			const handled = new Set();
			const refusedReasons = {};
			const polls = [];
			const counts = { casepeer: 0, 'case-status': 0, rateLimited: 0 };
			let duplicatesEmitted = 0;
			let tick = start;
			while (warp.pending() || handled.size < written.size) {
				tick += interval * 1000;
				if (tick > end + size.drainHours * HOUR) break;
				await warp.advanceTo(tick);
				const pollStart = warp.now();
				const notes = await relay.pollOnce(env, staticData, { interval });
				const pollSeconds = (warp.now() - pollStart) / 1000;
				const { sent, refused } = await relay.send(env, notes);
				const answeredMs = warp.now();
				for (const { note, message } of sent) {
					const w = written.get(String(note.id));
					if (!w) continue;
					if (handled.has(String(note.id))) duplicatesEmitted++;
					handled.add(String(note.id));
					latency[w.open ? 'open' : 'closed'].push(
						(Date.parse(message.created_at) - w.createdMs) / 1000,
					);
				}
				for (const { note, reason } of refused) {
					const w = written.get(String(note.id));
					if (!w) continue;
					if (handled.has(String(note.id))) duplicatesEmitted++;
					handled.add(String(note.id));
					latency[w.open ? 'open' : 'closed'].push((answeredMs - w.createdMs) / 1000);
					const code =
						(/\(([a-z_]+)\)|\(reason: ([a-z_]+)/.exec(reason) || []).slice(1).find(Boolean) ||
						'error';
					refusedReasons[code] = (refusedReasons[code] || 0) + 1;
				}
				const log = countRequests(await env.requests());
				await env.clearRequests();
				counts.casepeer += log.bySystem.casepeer || 0;
				counts['case-status'] += log.bySystem['case-status'] || 0;
				counts.rateLimited += log.rateLimited;
				polls.push({
					at: (pollStart - start) / 1000,
					seconds: +pollSeconds.toFixed(1),
					casepeer: log.bySystem.casepeer || 0,
					emitted: notes.length,
				});
				if (polls.length % 15 === 0)
					progress(
						`note-relay: ${((tick - start) / HOUR).toFixed(1)} h simulated, ${handled.size}/${written.size} notes handled`,
					);
			}
			const simulatedSeconds = (tick - start) / 1000;
			const snap = await relay.snapshot(env);
			const openNotes = [...written.values()].filter((w) => w.open).length;
			const s = `${this.title} (${size.cases.toLocaleString('en-US')} connected cases, ${firm.open.length.toLocaleString('en-US')} open; ${total.toLocaleString('en-US')} notes over ${size.hours} h, ${Math.round(size.closedNotes * 100)}% on closed cases; poll ${interval / 60} min)`;
			const p = (list, q) => +percentile(list, q).toFixed(0);
			table.add(s, 'p50 note on an open case → Case Status message', p(latency.open, 50), {
				unit: 's',
			});
			table.check(
				s,
				'p95 note on an open case → Case Status message',
				p(latency.open, 95),
				'≤ 600 s',
				(v) => v <= 600,
				{
					unit: 's',
				},
			);
			table.add(
				s,
				"p50 / p95 note on a closed case → the relay's answer",
				`${p(latency.closed, 50)} s / ${p(latency.closed, 95)} s`,
				{
					note: `Case Status refuses messages on closed cases: ${JSON.stringify(refusedReasons)}`,
				},
			);
			const perSecond = counts.casepeer / simulatedSeconds;
			const busiest = Math.max(...polls.map((x) => x.casepeer)) / interval;
			table.check(
				s,
				"CASEpeer requests/s (the sweep's share: 70% of 10/s)",
				+perSecond.toFixed(2),
				'≤ 7 on average, 0 answers 429',
				(v) => v <= 7 && counts.rateLimited === 0,
				{
					note: `busiest interval ${busiest.toFixed(2)}/s; longest poll ${Math.max(...polls.map((x) => x.seconds))} s; ${counts.rateLimited} answers 429`,
				},
			);
			table.check(
				s,
				'notes on open cases delivered once',
				snap.messages.size,
				`${openNotes}, 0 duplicates`,
				(v) =>
					v === openNotes &&
					snap.duplicates === 0 &&
					duplicatesEmitted === 0 &&
					latency.open.length === openNotes,
			);
			table.check(
				s,
				'nightly sync beside a sweep poll ÷ alone',
				+(side.beside / side.alone).toFixed(2),
				'≤ 1.25, 0 answers 429',
				(v) => v <= 1.25 && side.rateLimited === 0,
				{
					note: `${side.beside.toFixed(1)} s vs ${side.alone.toFixed(1)} s; the poll read for ${side.sweptFor.toFixed(0)} s`,
				},
			);
			return {
				cases: size.cases,
				open: firm.open.length,
				notes: total,
				openNotes,
				hours: size.hours,
				simulatedHours: +(simulatedSeconds / 3600).toFixed(2),
				latencySeconds: {
					open: {
						p50: p(latency.open, 50),
						p95: p(latency.open, 95),
						max: +Math.max(...latency.open).toFixed(0),
					},
					closed: {
						p50: p(latency.closed, 50),
						p95: p(latency.closed, 95),
						max: +Math.max(...latency.closed).toFixed(0),
					},
				},
				refusedReasons,
				requests: counts,
				casepeerPerSecond: +perSecond.toFixed(2),
				nightly: side,
				waitSkippedSeconds: +(warp.skippedMs() / 1000).toFixed(0),
				polls,
			};
		} finally {
			warp.restore();
		}
	},
};
