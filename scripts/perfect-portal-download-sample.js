// Writes workflows/samples/perfect-portal-download.json and .csv: what a file downloaded from Perfect Portal holds,
// for "Open from File" (workflows/README.md). The cases are the sandbox firm's open cases of the last week that go
// to DPS One Office, read through the sandbox's API exactly as the download reads them (GET /v1/cases/{case_id}).
// Run: node scripts/perfect-portal-download-sample.js
require('../tests/helpers/register-ts');
const fs = require('node:fs');
const path = require('node:path');
const { startSandbox } = require('../sandbox/server');
const { DEMO_KEYS } = require('./lib/credentials');
const { casesToCsv } = require('../nodes/PerfectPortal/downloadFile');

const OUT = path.resolve(__dirname, '../workflows/samples');

async function main() {
	const sandbox = await startSandbox({ port: 0, rateLimit: false });
	try {
		const api = async (route) => {
			const res = await fetch(`${sandbox.url}/perfect-portal/v1${route}`, {
				headers: { authorization: `Bearer ${DEMO_KEYS.perfectPortal}` },
			});
			if (res.status !== 200) throw new Error(`GET ${route} answered ${res.status}`);
			return res.json();
		};
		const weekAgo = new Date(Date.now() - 7 * 24 * 3600 * 1000).toISOString();
		const list = await api(
			`/cases?created_since=${weekAgo}&status=open&case_management_target=dps_one_office&per_page=100`,
		);
		const cases = [];
		for (const summary of list.data) cases.push(await api(`/cases/${summary.case_id}`));
		cases.sort((a, b) => a.case_id.localeCompare(b.case_id));
		const downloadedAt = new Date().toISOString();
		fs.mkdirSync(OUT, { recursive: true });
		fs.writeFileSync(
			path.join(OUT, 'perfect-portal-download.json'),
			`${JSON.stringify({ downloaded_at: downloadedAt, cases }, null, '\t')}\n`,
		);
		fs.writeFileSync(
			path.join(OUT, 'perfect-portal-download.csv'),
			casesToCsv(cases, downloadedAt),
		);
		console.log(`${cases.length} cases written to ${path.relative(process.cwd(), OUT)}`);
	} finally {
		await sandbox.close();
	}
}

main().catch((err) => {
	console.error(err);
	process.exitCode = 1;
});
