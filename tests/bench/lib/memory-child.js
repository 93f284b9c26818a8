// The memory figure's subject: a fresh process that loads the pack's nodes (as an idle n8n worker has them loaded),
// records its idle RSS, then runs the nightly sync it is sent and reports its peak RSS. A separate process, so the
// sandbox's own data and the bench's bookkeeping are not counted. Needs `npm run build` (npm run bench does it).
const fs = require('node:fs');
const path = require('node:path');

// The pack as n8n loads it: the built JavaScript in dist/, not the TypeScript compiler transpiling sources.
const ROOT = path.resolve(__dirname, '../../..');
require.extensions['.ts'] = (module, filename) => {
	const built = path.join(ROOT, 'dist', path.relative(ROOT, filename).replace(/\.ts$/, '.js'));
	module._compile(fs.readFileSync(built, 'utf8'), filename);
};
const nightly = require('../pipelines/nightly-sync');

process.once('message', async ({ credentials }) => {
	global.gc();
	const idle = process.memoryUsage().rss;
	let peak = idle;
	const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
	const timer = setInterval(sample, 20);
	try {
		const result = await nightly.run({ credentials });
		sample();
		process.send({ idle, peak, rows: result.rows });
	} catch (error) {
		process.send({ error: error.stack });
	} finally {
		clearInterval(timer);
	}
});
