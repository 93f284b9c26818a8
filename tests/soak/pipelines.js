// The processes the soak runs, each as: setup (the same data every mode), run (one execution of the
// pipeline, as the template would run it; throws when the execution fails), rerun (what happens next: the next
// scheduled run, or the relay's catch-up), snapshot (the end state, free of generated ids and timestamps).
// Every run returns { failed: [{ record, reason }] }: the per-record errors the run reported.
const nightly = require('../bench/pipelines/nightly-sync');
const bulk = require('../bench/pipelines/bulk-import');
const relay = require('../bench/pipelines/message-relay');
const dpsImport = require('../bench/pipelines/dps-import');
const migration = require('../bench/pipelines/portal-migration');
const { Killed } = require('../bench/lib/nodes');
const messyRelayRun = require('./messy-relay');
const messySmokeballRun = require('./messy-smokeball');
const { createRng } = require('../../sandbox/lib/rng');

const withFailed = (r) => ({
	...r,
	failed: r.failed.map((f) => ({ record: String(f.record), reason: f.reason })),
});

const nightlySync = {
	name: 'nightly-sync',
	title: 'Nightly sync',
	systems: ['casepeer', 'case-status'],
	sizes: {
		full: { cases: 2000, changedRatio: 0.1, unmappable: 5, closedUnmapped: 5 },
		small: { cases: 1000, changedRatio: 0.1, unmappable: 3, closedUnmapped: 3 },
	},
	setup: (env, size) => nightly.setup(env, size),
	run: async (env) => withFailed(await nightly.run(env)),
	snapshot: nightly.snapshot,
};

const bulkImport = {
	name: 'bulk-import',
	title: 'Bulk import',
	systems: ['casepeer', 'case-status'],
	sizes: {
		full: { cases: 500, unmappable: 5, page: 100 },
		small: { cases: 60, unmappable: 2, page: 25 },
	},
	setup: (env, size) => bulk.setup(env, size),
	run: async (env, ctx) => withFailed(await bulk.run(env, { page: ctx.size.page })),
	snapshot: bulk.snapshot,
};

/**
 * The relay over `batches` arrivals: after each batch of client messages, one relay execution (poll + notes).
 * A failed execution (its poll or its notes) is counted; the messages it had emitted are past the trigger's
 * cursor, so the next step (rerun) is the catch-up, "Run now", which the template documents for exactly this.
 */
const messageRelay = {
	name: 'message-relay',
	title: 'Message relay',
	systems: ['casepeer', 'case-status'],
	sizes: {
		full: { messages: 400, cases: 60, batches: 8 },
		small: { messages: 60, cases: 15, batches: 3 },
	},
	async setup(env, size) {
		const { cases } = await relay.setup(env, { cases: size.cases });
		const rng = createRng(4242);
		const plan = Array.from({ length: size.batches }, () => []);
		for (let k = 0; k < size.messages; k++) {
			plan[k % size.batches].push({
				kase: cases[Math.floor(rng() * cases.length)],
				content: `Soak message ${k + 1} — "quotes", <b>tags</b>, émoji ✓`,
			});
		}
		return { plan };
	},
	async run(env, ctx) {
		if (!ctx.relay) {
			ctx.relay = {
				staticData: relay.newWorkflowState(),
				next: 0,
				failedExecutions: 0,
				created: new Set(),
			};
			await relay.relayOnce(env, ctx.relay.staticData); // activation: sets the cursor
		}
		const r = ctx.relay;
		while (r.next < ctx.plan.length) {
			const b = r.next;
			if (!r.created.has(b)) {
				for (const m of ctx.plan[b]) await relay.clientMessage(env, m.kase, m.content);
				r.created.add(b);
			}
			r.next = b + 1; // the poll below emits (and n8n saves the cursor) before anything can fail after it
			try {
				await relay.relayOnce(env, r.staticData);
			} catch (error) {
				if (error instanceof Killed) throw error;
				r.failedExecutions++;
			}
		}
		if (r.failedExecutions) throw new Error(`${r.failedExecutions} relay execution(s) failed`);
		return { failed: [] };
	},
	async rerun(env, ctx) {
		ctx.relay.failedExecutions = 0;
		await this.run(env, ctx).catch((e) => {
			if (e instanceof Killed) throw e;
		});
		const caught = await relay.catchUp(env);
		ctx.caughtUp = (ctx.caughtUp || 0) + caught.notes.filter((n) => n.json.created).length;
		return { failed: [] };
	},
	snapshot: relay.snapshot,
};

const dps = {
	name: 'dps-import',
	title: 'Perfect Portal → DPS import',
	systems: ['perfect-portal', 'dps-one-office'],
	sizes: { full: { cases: 300, page: 100 }, small: { cases: 40, page: 20 } },
	setup: (env, size) => dpsImport.setup(env, { cases: size.cases }),
	run: async (env, ctx) => withFailed(await dpsImport.run(env, { page: ctx.size.page })),
	snapshot: dpsImport.snapshot,
};

const portalMigration = {
	name: 'portal-migration',
	title: 'OfficeTools portal migration',
	systems: ['officetools'],
	sizes: { full: { clients: 30, page: 25 }, small: { clients: 2, page: 10 } },
	setup: (env, size) => migration.setup(env, { clients: size.clients }),
	run: async (env, ctx) => {
		const r = await migration.run(env, { page: ctx.size.page });
		return {
			...r,
			failed: r.failed.map((f) => ({ record: `${f.step} ${f.record}`, reason: f.reason })),
		};
	},
	snapshot: migration.snapshot,
};

const messyRelay = {
	name: 'messy-relay',
	title: 'Message relay both ways, messy firm',
	systems: ['casepeer', 'case-status'],
	sizes: {
		full: { cases: 60, gone: 4, missing: 3, messages: 240, notes: 120, batches: 8 },
		small: { cases: 15, gone: 2, missing: 2, messages: 45, notes: 24, batches: 3 },
	},
	...messyRelayRun,
};

const messySmokeball = {
	name: 'messy-smokeball',
	title: 'Perfect Portal ↔ Smokeball, messy firm',
	systems: ['perfect-portal', 'smokeball'],
	sizes: {
		full: {
			leads: 60,
			contacts: 40,
			sbContacts: 30,
			batches: 6,
			deletedEvery: 12,
			refusedEvery: 10,
		},
		small: { leads: 12, contacts: 8, sbContacts: 6, batches: 3, deletedEvery: 6, refusedEvery: 5 },
	},
	setup: messySmokeballRun.setup,
	run: messySmokeballRun.run,
	rerun: messySmokeballRun.rerun,
	snapshot: messySmokeballRun.snapshot,
};

module.exports = [
	nightlySync,
	bulkImport,
	messageRelay,
	messyRelay,
	dps,
	portalMigration,
	messySmokeball,
];
