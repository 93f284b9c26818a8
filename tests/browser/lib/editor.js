'use strict';

// The real n8n editor, driven by Chromium: the stack of tests/helpers/e2e.js started as `n8n start` with an owner
// account, a REST client with that owner's session, and page helpers built on the data-test-id attributes n8n's
// editor uses. Shared by tests/browser/*.test.js and scripts/screenshots.js.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { startStack } = require('../../helpers/e2e');
const { PACKAGE, setupOwner } = require('../../../scripts/lib/n8n');

const CHROMIUM = process.env.LEGAL_SYNC_CHROMIUM || '/usr/bin/chromium';
// Playwright adds --headless itself (headless: true); the rest keep Chromium off the network and quiet.
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const OWNER = {
	email: 'owner@legal-sync.test',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'LegalSync-Demo-1',
};
const PREFIX = `${PACKAGE.name}.`;

/** Starts sandbox + n8n (`n8n start`), sets up the owner account; resolves { stack, url, cookie, rest, stop }. */
async function startEditor({ beforeStart } = {}) {
	const stack = await startStack();
	try {
		if (beforeStart) await beforeStart(stack);
		const logFile = path.join(stack.n8n.userFolder, 'n8n.log');
		const fd = fs.openSync(logFile, 'a');
		const url = await stack.n8n.start({ stdio: ['ignore', fd, fd] }).catch((err) => {
			err.message += `\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`;
			throw err;
		});
		fs.closeSync(fd);
		// No browser-id: the session cookie then works for the Chromium page too, which sends its own.
		const { cookie } = await setupOwner(url, { owner: OWNER, browserId: null });
		const rest = restClient(url, cookie);
		return {
			stack,
			url,
			cookie,
			rest,
			logTail: (n = 4000) => fs.readFileSync(logFile, 'utf8').slice(-n),
			stop: () => stack.stop(),
		};
	} catch (err) {
		await stack.stop();
		throw err;
	}
}

/** n8n's internal REST API (/rest) as the owner; resolves the `data` of the answer, throws on an HTTP error. */
function restClient(url, cookie) {
	return async (method, route, body) => {
		const res = await fetch(`${url}/rest${route}`, {
			method,
			headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
			body: body ? JSON.stringify(body) : undefined,
		});
		const text = await res.text();
		if (!res.ok)
			throw Object.assign(
				new Error(`${method} /rest${route}: ${res.status} ${text.slice(0, 500)}`),
				{ status: res.status, body: text },
			);
		return text ? JSON.parse(text).data : null;
	};
}

/** Headless Chromium with a fresh profile, logged in as the owner. */
async function openBrowser(editor, { width = 1440, height = 900 } = {}) {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(
			`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set LEGAL_SYNC_CHROMIUM`,
		);
	}
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'legal-sync-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width, height },
	});
	const [name, ...value] = editor.cookie.split('=');
	await context.addCookies([{ name, value: value.join('='), url: editor.url }]);
	const page = context.pages()[0] || (await context.newPage());
	page.setDefaultTimeout(30_000);
	page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
	// The editor's failed REST calls, kept for the evidence a failing test prints.
	const failedRequests = [];
	page.on('response', async (res) => {
		if (res.status() < 400 || !res.url().startsWith(`${editor.url}/rest/`)) return;
		const body = await res.text().catch(() => '');
		failedRequests.push(
			`${res.status()} ${res.request().method()} ${res.url().slice(editor.url.length)} ${body.slice(0, 300)}`,
		);
		if (failedRequests.length > 20) failedRequests.shift();
	});
	return {
		context,
		page,
		ui: new Editor(page, editor.url),
		failedRequests,
		async close() {
			await context.close();
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
}

const id = (testId) => `[data-test-id="${testId}"]`;

/** { src, rendered } of an <img>, once it has loaded or failed. */
async function iconState(img) {
	await img.waitFor();
	return img.evaluate(async (el) => {
		if (!el.complete)
			await new Promise(
				(resolve) => el.addEventListener('load', resolve) || el.addEventListener('error', resolve),
			);
		return { src: el.getAttribute('src'), rendered: el.naturalWidth > 0 };
	});
}

/** Page helpers for n8n's editor. */
class Editor {
	constructor(page, url) {
		this.page = page;
		this.url = url;
		this.refreshedOptions = []; // dropdowns that needed "Refresh List" (see openOptions)
	}

	/** A new, empty workflow: through the sidebar's "+" › New workflow when the editor is loaded (no page load). */
	async newWorkflow() {
		const plus = this.page.locator(id('canvas-plus-button'));
		const add = this.page.locator(id('universal-add'));
		if (this.page.url().startsWith(this.url) && (await add.isVisible())) {
			try {
				await add.click();
				await this.page
					.locator(id('navigation-menu-item'))
					.filter({ hasText: 'New workflow' })
					.click({ timeout: 5000 });
				// Leaving a workflow whose last edits are not saved yet asks first; these workflows are scratch.
				const leave = this.page.getByRole('button', { name: 'Leave without saving' });
				await leave.or(plus).first().waitFor({ timeout: 10_000 });
				if (await leave.isVisible()) await leave.click();
				await plus.waitFor({ timeout: 10_000 });
				return;
			} catch {
				// the menu did not take us there: load the page instead
			}
		}
		await this.page.goto(`${this.url}/workflow/new`);
		await plus.waitFor();
	}

	/** A new workflow holding a manual trigger, so that the node creator offers actions (not only triggers). */
	async newWorkflowWithManualTrigger() {
		await this.newWorkflow();
		await this.page.locator(id('canvas-plus-button')).click();
		await this.creatorItem('Trigger manually').click();
		await this.page.locator(id('canvas-node')).first().waitFor();
		await this.page.locator(id('node-creator')).waitFor({ state: 'hidden' });
	}

	async openWorkflow(workflowId) {
		await this.page.goto(`${this.url}/workflow/${workflowId}`);
		await this.page.locator(id('canvas-node')).first().waitFor();
	}

	/** Imports a workflow file through the editor (workflow menu › Import from File); resolves the saved id. */
	async importFile(file) {
		await this.newWorkflow();
		await this.page.locator(id('workflow-import-input')).setInputFiles(file);
		await this.page.locator(id('canvas-node')).first().waitFor();
		await this.page.waitForURL(/\/workflow\/(?!new)[A-Za-z0-9]+/);
		return this.page.url().match(/\/workflow\/([A-Za-z0-9]+)/)[1];
	}

	/** Every node on the canvas: its name, whether n8n flags it "not installed" or with issues, its icon. */
	canvasNodes() {
		return this.page.$$eval(id('canvas-node'), (els) =>
			els.map((el) => {
				const img = el.querySelector('img');
				return {
					name: el.getAttribute('data-node-name'),
					notInstalled: !!el.querySelector('[data-test-id="node-not-installed"]'),
					issues: !!el.querySelector('[data-test-id="node-issues"]'),
					icon: img
						? { src: img.getAttribute('src'), rendered: img.complete && img.naturalWidth > 0 }
						: null,
				};
			}),
		);
	}

	/** Opens the node creator and searches; resolves the listed items' names once `expect` is among them. */
	async searchNodes(text, expect = text) {
		const search = this.page.locator(id('node-creator-search-bar'));
		if (!(await search.isVisible())) {
			// The "+" beside the first step on an empty canvas, else the one in the canvas's corner.
			await this.page
				.locator(id('canvas-plus-button'))
				.or(this.page.locator(id('node-creator-plus-button')))
				.first()
				.click();
		}
		await search.fill(text);
		await this.creatorItem(expect).waitFor();
		return this.page
			.locator(`${id('node-creator')} ${id('node-creator-item-name')}`)
			.allInnerTexts();
	}

	/** The node creator item with exactly this name (an app, an action or a trigger event). */
	creatorItem(name) {
		return this.page
			.locator(`${id('node-creator')} ${id('item-iterator-item')}`)
			.filter({ has: this.page.locator(`${id('node-creator-item-name')}:text-is("${name}")`) })
			.first();
	}

	/**
	 * The app view of the node creator (after clicking an app): sections ("Actions", "Triggers") with their
	 * items, each action under its resource label ("Case Actions"), and whether every icon rendered.
	 */
	async creatorAppView() {
		// Expand the sections shown collapsed (the triggers, when the workflow already has one).
		const collapsed = this.page.locator(
			`${id('node-creator')} [data-category-collapsed="true"] ${id('node-creator-category-item')}`,
		);
		for (let n = await collapsed.count(); n > 0; n--) {
			await collapsed.first().click();
			await this.page.waitForTimeout(100);
		}
		return this.page.$$eval(
			`${id('node-creator')} ${id('node-creator-category-item')}, ${id('node-creator')} ${id('item-iterator-item')}`,
			(els) => {
				const view = { sections: {}, icons: [] };
				let section = null;
				let label = null;
				for (const el of els) {
					if (el.getAttribute('data-test-id') === 'node-creator-category-item') {
						const [, name, count] = el.innerText.trim().match(/^(\w+) \((\d+)\)/) || [];
						section = view.sections[name] = { count: Number(count), items: [] };
						label = null;
						continue;
					}
					const nameEl = el.querySelector('[data-test-id="node-creator-item-name"]');
					if (!nameEl) {
						label = el.getAttribute('data-keyboard-nav-id');
						continue;
					}
					if (section) section.items.push({ label, name: nameEl.innerText.trim() });
				}
				for (const img of document.querySelectorAll('[data-test-id="node-creator"] img')) {
					view.icons.push({
						src: img.getAttribute('src'),
						rendered: img.complete && img.naturalWidth > 0,
					});
				}
				return view;
			},
		);
	}

	ndv() {
		return this.page.locator(id('ndv'));
	}

	/** The open node panel: title, icon, selected credential. */
	async ndvSummary() {
		const ndv = this.ndv();
		await ndv.locator(id('node-parameters')).waitFor();
		const img = ndv
			.locator('header')
			.filter({ has: this.page.locator(id('node-title-container')) })
			.locator('img')
			.first();
		const icon = await iconState(img);
		// The credential select appears, then n8n fills in the account it picked; give it a moment.
		const credential = ndv.locator(`${id('node-credentials-select')} input`);
		let credentialName = null;
		for (let i = 0; i < 50 && !credentialName; i++) {
			if (await credential.count()) credentialName = (await credential.inputValue()) || null;
			if (!credentialName) await this.page.waitForTimeout(100);
		}
		return {
			title: await ndv.locator(id('inline-edit-preview')).first().innerText(),
			icon,
			credential: credentialName,
		};
	}

	async closeNdv() {
		await this.ndv().locator(id('ndv-close-button')).click();
		await this.ndv().waitFor({ state: 'hidden' });
	}

	/** The dropdown list of an options parameter of the open node panel (opens it; waits for loaded options). */
	async openOptions(param) {
		const input = this.ndv()
			.locator(`${id(`parameter-input-${param}`)} input`)
			.first();
		await input.waitFor();
		if (await input.isDisabled()) {
			// "Error fetching options": on a node just added, n8n can ask for its options before it has assigned
			// the credential ("Node does not have any credentials set"). A user clicks Refresh List; so do we.
			this.refreshedOptions.push(param);
			await this.ndv()
				.locator(id(`parameter-input-${param}`))
				.hover();
			await this.ndv()
				.locator(`${id(`${param}-parameter-input-options-container`)} ${id('action-toggle')}`)
				.click();
			await this.page.locator(id('action-refreshOptions')).click();
			for (let i = 0; i < 150 && (await input.isDisabled()); i++)
				await this.page.waitForTimeout(100);
		}
		await input.click();
		const list = this.page.locator(`#${await input.getAttribute('aria-controls')}`);
		await list.locator('li').first().waitFor();
		return { input, list };
	}

	/** Option names of an options parameter (loadOptions included: waits until they arrive). */
	async optionNames(param) {
		const { input, list } = await this.openOptions(param);
		const names = await list.locator('.option-headline').allInnerTexts();
		await input.click(); // closes the list again
		await list.waitFor({ state: 'hidden' });
		return names.map((n) => n.trim());
	}

	async selectOption(param, name) {
		const { list } = await this.openOptions(param);
		await list
			.locator('li')
			.filter({ has: this.page.locator(`.option-headline:text-is("${name}")`) })
			.first()
			.click();
		await list.waitFor({ state: 'hidden' });
	}

	/** Runs the workflow from a trigger by name (hovering the trigger shows its own "Execute workflow" button). */
	async runFrom(triggerName) {
		await this.page.locator(`${id('canvas-node')}[data-node-name="${triggerName}"]`).hover();
		await this.page.locator(id(`execute-workflow-button-${triggerName}`)).click();
	}

	/** Waits until every named node shows n8n's success mark on the canvas. */
	async waitForSuccess(nodeNames, timeout = 120_000) {
		for (const name of nodeNames) {
			await this.page
				.locator(
					`${id('canvas-node')}[data-node-name="${name}"] ${id('canvas-node-status-success')}`,
				)
				.waitFor({ timeout });
		}
	}

	async openNode(name) {
		await this.page.locator(`${id('canvas-node')}[data-node-name="${name}"]`).dblclick();
		await this.ndv().locator(id('node-parameters')).waitFor();
	}
}

// ------------------------------------------------------------------ what the pack's descriptions promise

/** The pack's nodes as n8n serves them to the editor (GET /types/nodes.json), by short name. */
async function packNodeTypes(editor) {
	const res = await fetch(`${editor.url}/types/nodes.json`, { headers: { cookie: editor.cookie } });
	const all = await res.json();
	return all.filter((t) => t.name.startsWith(PREFIX));
}

const CUSTOM_API_CALL = '__CUSTOM_API_CALL__'; // n8n adds it to every node with credentials; not ours to list

/** Resources (display name → operations [{ name, value, action }]) of an action node's description. */
function resourcesOf(type) {
	const resource = type.properties.find((p) => p.name === 'resource');
	if (!resource) return [];
	return resource.options
		.filter((o) => o.value !== CUSTOM_API_CALL)
		.map((r) => {
			const op = type.properties.find(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(r.value),
			);
			return {
				name: r.name,
				value: r.value,
				operations: (op ? op.options : []).filter((o) => o.value !== CUSTOM_API_CALL),
			};
		});
}

/** A trigger's events (its `event` options or `events` multi-options), as the node creator lists them. */
function triggerEventsOf(type) {
	const prop = type.properties.find((p) => p.name === 'event' || p.name === 'events');
	return { param: prop.name, options: prop.options.map((o) => o.name) };
}

/** The app name the node creator groups a node under ("Case Status Trigger" → "Case Status"). */
const appName = (type) => type.displayName.replace(/ Trigger$/, '');

module.exports = {
	startEditor,
	openBrowser,
	Editor,
	packNodeTypes,
	resourcesOf,
	triggerEventsOf,
	appName,
	PREFIX,
	OWNER,
	CHROMIUM,
};
