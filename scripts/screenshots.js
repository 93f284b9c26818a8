#!/usr/bin/env node
// Regenerates the README's screenshots (docs/screenshots/*.png) from the real n8n editor, driven by headless
// Chromium against the sandbox: a template on the canvas after a run, a node panel with an API-backed dropdown,
// a sync report, and the review data table of the Perfect Portal → DPS One Office download.
// Usage: npm run screenshots   (builds the pack first; needs Chromium, see tests/browser/lib/editor.js)
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./lib/n8n');
const { startEditor, openBrowser } = require('../tests/browser/lib/editor');
const { waitForExecution } = require('../tests/browser/lib/executions');

const OUT = path.join(ROOT, 'docs/screenshots');
const NIGHTLY = 'casepeer-case-status-nightly-sync.json';
const DOWNLOAD = 'perfect-portal-dps-download-cases.json';
const template = (file) => path.join(ROOT, 'workflows', file);
const idOf = (file) => JSON.parse(fs.readFileSync(template(file), 'utf8')).id;

async function main() {
	fs.mkdirSync(OUT, { recursive: true });
	const t0 = Date.now();
	const editor = await startEditor({
		async beforeStart(stack) {
			for (const file of [NIGHTLY, DOWNLOAD])
				if (fs.existsSync(template(file))) await stack.n8n.importWorkflow(template(file));
		},
	});
	const browser = await openBrowser(editor, { width: 1440, height: 900 });
	const { page, ui } = browser;
	const shot = async (name, options = {}) => {
		await page.locator('.el-notification').evaluateAll((els) => els.forEach((el) => el.remove())); // toasts
		await page.waitForTimeout(300);
		await page.screenshot({ path: path.join(OUT, name), ...options });
		console.log(`  docs/screenshots/${name}`);
	};
	const written = [];
	const skipped = [];
	try {
		// 1. A template on the canvas, just run from the editor: every step green, item counts on the connections.
		await ui.openWorkflow(idOf(NIGHTLY));
		await ui.runFrom('Run now');
		await ui.waitForSuccess(['Sync to Case Status']);
		await waitForExecution(editor.rest, idOf(NIGHTLY));
		await page.locator('[data-test-id="zoom-to-fit"]').click();
		await shot('template-canvas.png');
		written.push('template-canvas.png');

		// 2. The sync report: one outcome row per case (action, what changed, reason, fix), updated rows first.
		await ui.openNode('Sync to Case Status');
		const output = ui.ndv().locator('[data-test-id="output-panel"]');
		await output.locator('[data-test-id="radio-button-table"]').click();
		await output
			.locator('[data-test-id="ndv-search"]')
			.click()
			.catch(() => {});
		const search = output
			.locator('[data-test-id="ndv-search"] input, input[data-test-id="ndv-search"]')
			.first();
		if (await search.count()) await search.fill('updated');
		await output.locator('table').first().waitFor();
		await shot('sync-report.png');
		written.push('sync-report.png');
		await ui.closeNdv();

		// 3. A node panel: DPS One Office › Create a matter, its AppCode dropdown loaded from DPS (the sandbox).
		await ui.newWorkflowWithManualTrigger();
		await ui.searchNodes('DPS One Office');
		await ui.creatorItem('DPS One Office').click();
		await ui.creatorItem('Create a matter').click();
		await ui.ndvSummary();
		await ui.selectOption('appCode', 'PI – Personal Injury');
		await ui.selectOption('branch', 'Manchester (MAN)'); // loads (or refreshes) the branch list too
		await ui.openOptions('feeEarner');
		await shot('node-panel.png');
		written.push('node-panel.png');
		await page.keyboard.press('Escape');

		// 4. The review data table the Perfect Portal → DPS One Office download fills (another template's table).
		if (fs.existsSync(template(DOWNLOAD))) {
			await ui.openWorkflow(idOf(DOWNLOAD));
			await ui.runFrom('Run now');
			const run = await waitForExecution(editor.rest, idOf(DOWNLOAD));
			if (run.status !== 'success')
				throw new Error(`${DOWNLOAD} did not run: ${JSON.stringify(run.error)}`);
			await page.setViewportSize({ width: 1920, height: 720 });
			await page.goto(`${editor.url}/home/datatables`);
			await page.getByText('Perfect Portal cases', { exact: true }).first().click();
			await page.locator('.ag-row').first().waitFor();
			// Zoomed out so that the review columns (AppCode, fee earner, branch, matter details…) fit side by side.
			await page.evaluate(() => (document.documentElement.style.zoom = '0.8'));
			await page.waitForTimeout(500);
			await shot('review-data-table.png', { clip: { x: 0, y: 0, width: 1920, height: 330 } });
			written.push('review-data-table.png');
		} else {
			skipped.push(`review-data-table.png (workflows/${DOWNLOAD} is not there yet)`);
		}
	} finally {
		await browser.close();
		await editor.stop();
	}
	console.log(`wrote ${written.length} screenshots in ${Math.round((Date.now() - t0) / 1000)} s`);
	for (const s of skipped) console.log(`skipped ${s}`);
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
