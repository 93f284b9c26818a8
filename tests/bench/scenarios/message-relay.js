// Message relay latency, Case Status → CASEpeer: M client messages across C cases arriving at random over a
// window, relayed by the trigger polling every `interval` seconds (the template's 2 minutes).
//
// MEASURED, for real, at the vendors' rate limits: every poll (the trigger's request and a CASEpeer note per
// message, found first by its external reference), batch by batch; a message's processing time = the CASEpeer
// note's created_at (sandbox clock) − the start of the poll that picked it up.
// DERIVED: the wait from a message's arrival until the next poll tick. Arrival times are drawn uniformly over the
// window (seeded) and the ticks are every `interval` seconds; the suite does not sit through the idle part of
// each interval, it only pauses long enough for the rate-limit buckets to refill as they would in that gap.
//   latency = (tick − arrival) [derived] + (note created − poll start) [measured]
const { countRequests } = require('../lib/sandbox');
const { createRng } = require('../../../sandbox/lib/rng');
const { percentile, sleep } = require('../lib/report');
const relay = require('../pipelines/message-relay');

module.exports = {
	name: 'message-relay',
	title: 'Message relay',
	sizes: {
		full: { messages: 1000, cases: 200, windowSeconds: 3600, interval: 120 },
		small: { messages: 200, cases: 40, windowSeconds: 720, interval: 120 },
	},
	async run(env, size, table, { seed = 1 } = {}) {
		const { messages: M, interval, windowSeconds: W } = size;
		const { cases } = await relay.setup(env, { cases: size.cases });
		const rng = createRng(seed * 104729 + 3);
		const arrivals = Array.from({ length: M }, () => ({
			at: rng() * W,
			kase: cases[Math.floor(rng() * cases.length)],
		})).sort((a, b) => a.at - b.at);

		const staticData = relay.newWorkflowState();
		await relay.relayOnce(env, staticData); // activation: the first poll only sets the cursor
		await env.clearRequests();

		const latencies = [];
		const processing = [];
		const batches = [];
		let next = 0;
		for (let tick = interval; next < arrivals.length; tick += interval) {
			const due = [];
			while (next < arrivals.length && arrivals[next].at <= tick) due.push(arrivals[next++]);
			const byContent = new Map();
			for (const [k, a] of due.entries()) {
				const content = `Bench message ${next - due.length + k + 1}: when is my next appointment?`;
				const m = await relay.clientMessage(env, a.kase, content);
				byContent.set(m.id, a);
			}
			await sleep(1200); // the idle rest of the interval, as far as the buckets are concerned
			const pollStart = Date.now();
			const { emitted, notes } = await relay.relayOnce(env, staticData);
			const took = (Date.now() - pollStart) / 1000;
			batches.push({ tick, messages: due.length, emitted, seconds: +took.toFixed(2) });
			for (const note of notes) {
				const id = Number(String(note.json.external_ref).slice(relay.REF.length));
				const a = byContent.get(id);
				if (!a) continue;
				const processed = (Date.parse(note.json.created_at) - pollStart) / 1000;
				processing.push(processed);
				latencies.push(tick - a.at + processed);
			}
		}
		const snap = await relay.snapshot(env);
		const counts = countRequests(await env.requests());
		const p50 = percentile(latencies, 50);
		const p95 = percentile(latencies, 95);
		const s = `${this.title} (${M.toLocaleString('en-US')} messages, ${size.cases} cases, ${W / 60} min, poll ${interval / 60} min)`;
		table.add(s, 'p50 creation → case note', +p50.toFixed(1), { unit: 's' });
		table.check(
			s,
			'p95 creation → case note',
			+p95.toFixed(1),
			`≤ ${interval + 5} s (interval + 5 s)`,
			(v) => v <= interval + 5,
			{ unit: 's' },
		);
		table.add(s, 'p95 processing in the poll (measured)', +percentile(processing, 95).toFixed(1), {
			unit: 's',
			note: `max batch ${Math.max(...batches.map((b) => b.messages))} messages, slowest poll ${Math.max(...batches.map((b) => b.seconds)).toFixed(1)} s`,
		});
		table.check(
			s,
			'messages relayed once',
			snap.counts.notes,
			`${M}, 0 duplicates`,
			(v) => v === M && snap.counts.duplicates === 0 && latencies.length === M,
		);
		return {
			messages: M,
			cases: size.cases,
			windowSeconds: W,
			intervalSeconds: interval,
			polls: batches.length,
			latencySeconds: {
				p50: +p50.toFixed(1),
				p95: +p95.toFixed(1),
				max: +Math.max(...latencies).toFixed(1),
			},
			processingSeconds: {
				p50: +percentile(processing, 50).toFixed(2),
				p95: +percentile(processing, 95).toFixed(2),
				max: +Math.max(...processing).toFixed(2),
			},
			formula:
				'latency = (next poll tick − arrival) [derived: uniform arrivals, ticks every interval] + (note created_at − poll start) [measured]',
			requests: counts,
			batches,
		};
	},
};
