// The Perfect Portal → Smokeball fee mapping at Smokeball's 5 requests/second: every mapped fee line of N cases
// becomes a Smokeball fee (legal and additional fees) or expense (disbursements), each checked first against the
// matter's existing ones. Wall time against the rate-limit floor of the requests it made.
const { countRequests, floorFromLog } = require('../lib/sandbox');
const fees = require('../pipelines/smokeball-fees');

module.exports = {
	name: 'smokeball-fees',
	title: 'Smokeball fee mapping',
	sizes: { full: { cases: 100 }, small: { cases: 10 } },
	async run(env, size, table) {
		const N = size.cases;
		const { lines, caseIds } = await fees.setup(env, { cases: N });
		await env.clearRequests();
		const started = performance.now();
		const result = await fees.run(env, { caseIds });
		const wall = (performance.now() - started) / 1000;
		const log = await env.requests();
		const floor = floorFromLog(log);
		const counts = countRequests(log);
		const s = `${this.title} (${N} cases, ${lines} fee lines)`;
		table.check(s, 'wall ÷ rate floor', +(wall / floor).toFixed(3), '≤ 1.15×', (v) => v <= 1.15, {
			unit: '×',
			note: `${wall.toFixed(0)} s vs ${floor.toFixed(0)} s; ${counts.total} requests`,
		});
		table.check(
			s,
			'fees + expenses created',
			result.fees + result.expenses,
			`${lines}`,
			(v) => v === lines && !result.failed.length,
		);
		table.add(s, '429 answers', counts.rateLimited);
		return {
			cases: N,
			lines,
			outcome: result,
			requests: counts,
			wallSeconds: +wall.toFixed(1),
			floorSeconds: +floor.toFixed(1),
		};
	},
};
