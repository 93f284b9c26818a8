// The Perfect Portal → DPS One Office import of N downloaded cases at the vendors' limits (Perfect Portal 10/s,
// DPS One Office 5/s): wall time against the rate-limit floor of the requests it made. The seed's own cases that
// cannot be imported (no AppCode, a fee earner without a DPS code, no client) must fail, each with its reason.
const { countRequests, floorFromLog } = require('../lib/sandbox');
const dpsImport = require('../pipelines/dps-import');

module.exports = {
	name: 'dps-import',
	title: 'Perfect Portal → DPS import',
	sizes: { full: { cases: 2000 }, small: { cases: 150 } },
	async run(env, size, table) {
		const N = size.cases;
		const { importable } = await dpsImport.setup(env, { cases: N });
		await env.clearRequests();
		const started = performance.now();
		const result = await dpsImport.run(env);
		const wall = (performance.now() - started) / 1000;
		const log = await env.requests();
		const floor = floorFromLog(log);
		const counts = countRequests(log);
		const snap = await dpsImport.snapshot(env);
		const s = `${this.title} (${N.toLocaleString('en-US')} cases + the seed's ${importable - N})`;
		table.check(s, 'wall ÷ rate floor', +(wall / floor).toFixed(3), '≤ 1.15×', (v) => v <= 1.15, {
			unit: '×',
			note: `${wall.toFixed(0)} s vs ${floor.toFixed(0)} s; ${counts.total} requests`,
		});
		table.check(
			s,
			'matters created and linked',
			result.linked,
			`≥ ${N}, 0 duplicates`,
			(v) => v >= N && snap.counts.duplicates === 0,
			{
				// The generator's names and postcodes repeat, so a namesake finds the earlier client (import step 3:
				// by reference, then by name and postcode) instead of adding one: the client count shows how many.
				note: `${result.failed.length} refused with a reason (seed blockers); ${snap.counts.clients.toLocaleString('en-US')} DPS clients`,
			},
		);
		table.add(s, '429 answers', counts.rateLimited);
		return {
			cases: N,
			listed: result.listed,
			outcome: {
				created: result.created,
				exists: result.exists,
				linked: result.linked,
				failed: result.failed,
			},
			dpsClients: snap.counts.clients,
			requests: counts,
			requestsPerCase: +(counts.bySystem['dps-one-office'] / result.listed).toFixed(2),
			wallSeconds: +wall.toFixed(1),
			floorSeconds: +floor.toFixed(1),
		};
	},
};
