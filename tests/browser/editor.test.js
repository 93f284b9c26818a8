// The editor experience, in the real n8n editor (n8n 2.40.7 started with the packed pack) driven by headless
// Chromium, against the sandbox. What n8n serves to the editor (GET /types/nodes.json) is the reference for what
// the UI must show; REST calls (the same ones the editor makes) cover what a browser need not prove.
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, PACKAGE } = require('../../scripts/lib/n8n');
const { CREDENTIAL_REFS, sandboxCredentials } = require('../../scripts/lib/credentials');
const {
	startEditor,
	openBrowser,
	packNodeTypes,
	resourcesOf,
	triggerEventsOf,
	appName,
	PREFIX,
} = require('./lib/editor');
const { waitForExecution } = require('./lib/executions');

jest.setTimeout(10 * 60 * 1000);

// The pack's nodes (package.json › n8n.nodes), named from their sources so that jest can name one test per app
// before n8n is up; the first test checks that n8n serves exactly these.
const PACK_NODES = PACKAGE.n8n.nodes.map((file) => {
	const source = fs.readFileSync(
		path.join(ROOT, file.replace(/^dist\//, '').replace(/\.js$/, '.ts')),
		'utf8',
	);
	// The node's own pair, in its description (a field defined above the class has one too).
	const described = source.slice(Math.max(0, source.search(/(description|baseDescription)[^=\n]*= \{/)));
	const [, displayName, name] = described.match(/\bdisplayName: '([^']+)',\s*name: '([^']+)'/);
	return { name, displayName };
});
const APPS = [...new Set(PACK_NODES.map(appName))];
const TEMPLATES = fs
	.readdirSync(path.join(ROOT, 'workflows'))
	.filter((f) => f.endsWith('.json'))
	.sort();
const SANDBOX_CREDENTIAL_TYPES = new Set(
	Object.keys(CREDENTIAL_REFS).concat('smtp', 'httpHeaderAuth', 'httpBasicAuth'),
);

let editor;
let browser;
let ui;
let types; // as served by n8n: name → description
const state = {}; // sandbox state by system, read once (the tests below only read)

beforeAll(async () => {
	editor = await startEditor();
	types = Object.fromEntries((await packNodeTypes(editor)).map((t) => [t.name, t]));
	for (const system of [
		'case-status',
		'casepeer',
		'perfect-portal',
		'dps-one-office',
		'officetools',
		'smokeball',
	]) {
		state[system] = await editor.stack.admin('GET', `/state/${system}`);
	}
	browser = await openBrowser(editor);
	ui = browser.ui;
});

afterAll(async () => {
	if (ui?.refreshedOptions.length)
		console.log(
			`dropdowns that needed n8n's "Refresh List" (options requested before the node had its credential): ${ui.refreshedOptions.join(', ')}`,
		);
	if (browser) await browser.close();
	if (editor) await editor.stop();
});

// Leaves a screenshot and n8n's log tail behind when a browser step fails, so CI shows what the editor showed.
async function withEvidence(name, fn) {
	try {
		return await fn();
	} catch (err) {
		const dir = path.join(ROOT, '.e2e/browser-failures'); // git-ignored
		fs.mkdirSync(dir, { recursive: true });
		const file = path.join(dir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
		await browser.page.screenshot({ path: file }).catch(() => {});
		await browser.page.goto(`${editor.url}/home/workflows`).catch(() => {}); // a clean page for the next test
		const detail = `\n(screenshot: ${path.relative(ROOT, file)})\nfailed editor requests:\n${browser.failedRequests.join('\n') || '(none)'}\nn8n log tail:\n${editor.logTail(1500)}`;
		err.message += detail;
		err.stack = `${err.name}: ${err.message}\n${String(err.stack)
			.split('\n')
			.filter((l) => /^\s+at /.test(l))
			.join('\n')}`;
		throw err;
	}
}

const actionTypeOf = (app) =>
	Object.values(types).find(
		(t) =>
			appName(t) === app &&
			!t.name.endsWith('Trigger') &&
			!t.name.endsWith('Tool') &&
			t.properties.some((p) => p.name === 'resource'),
	);
const triggerTypeOf = (app) =>
	Object.values(types).find((t) => appName(t) === app && t.name.endsWith('Trigger'));
const credentialOf = (type) => CREDENTIAL_REFS[type.credentials[0].name];

/** POST /rest/dynamic-node-parameters/<kind> for a node of the pack, with its sandbox credential. */
function dynamicParameters(kind, type, body) {
	const credType = type.credentials[0].name;
	return editor.rest('POST', `/dynamic-node-parameters/${kind}`, {
		nodeTypeAndVersion: { name: type.name, version: 1 },
		credentials: { [credType]: CREDENTIAL_REFS[credType] },
		...body,
	});
}

/** Every property of a description with where it shows (its displayOptions.show) and its path, collections included. */
function walkProperties(props, parentShow = {}, prefix = '') {
	const out = [];
	for (const p of props) {
		const show = { ...parentShow, ...(p.displayOptions?.show || {}) };
		out.push({ prop: p, show, path: prefix + p.name });
		if (p.type === 'collection')
			out.push(...walkProperties(p.options, show, `${prefix}${p.name}.`));
		if (p.type === 'fixedCollection')
			for (const o of p.options)
				out.push(...walkProperties(o.values, show, `${prefix}${p.name}.${o.name}.`));
	}
	return out;
}

/** Node parameters that satisfy a property's displayOptions (the first allowed value of each). */
const paramsFor = (show) => Object.fromEntries(Object.entries(show).map(([k, v]) => [k, v[0]]));

// ---------------------------------------------------------------------------------------------- the pack

test('n8n serves every node of the pack with its icon, and an AI-tool variant of every action node', async () => {
	const served = Object.values(types).filter((t) => !t.name.endsWith('Tool'));
	expect(served.map((t) => t.name).sort()).toEqual(PACK_NODES.map((t) => PREFIX + t.name).sort());
	for (const type of served) {
		for (const variant of ['light', 'dark']) {
			const res = await fetch(`${editor.url}/${type.iconUrl[variant]}`, {
				headers: { cookie: editor.cookie },
			});
			expect([type.name, variant, res.status, res.headers.get('content-type')]).toEqual([
				type.name,
				variant,
				200,
				expect.stringContaining('svg'),
			]);
			expect(await res.text()).toMatch(/^<svg|<svg /);
		}
		const tool = types[`${type.name}Tool`];
		if (type.name.endsWith('Trigger')) {
			expect(type.usableAsTool).toBeFalsy();
			expect(tool).toBeUndefined();
		} else {
			expect(type.usableAsTool).toBe(true);
			expect(tool.outputs).toEqual(['ai_tool']);
			// The tool keeps every resource and operation, so an agent can be given any action.
			expect(resourcesOf(tool)).toEqual(resourcesOf(type));
		}
	}
});

// ---------------------------------------------------------------------------------------------- node creator + panel

describe.each(APPS)('%s in the editor', (app) => {
	test('node creator lists it with its icon and every action by name under its resource; the panel lists every resource and operation', async () => {
		const type = actionTypeOf(app);
		const resources = resourcesOf(type);
		await withEvidence(`${app}-creator`, async () => {
			await ui.newWorkflowWithManualTrigger();
			const found = await ui.searchNodes(app, app);
			expect(found).toContain(app);
			await ui.creatorItem(app).click();
			const view = await ui.creatorAppView();
			expect(view.icons.length).toBeGreaterThan(0);
			for (const icon of view.icons)
				expect(icon).toEqual({
					src: expect.stringContaining(`/icons/${PACKAGE.name}/`),
					rendered: true,
				});

			const expected = resources.flatMap((r) =>
				r.operations.map((o) => ({ label: `${r.name} Actions`, name: o.action })),
			);
			expect(view.sections.Actions.count).toBe(expected.length);
			expect(view.sections.Actions.items).toEqual(expected);
			const trigger = triggerTypeOf(app);
			if (trigger) {
				const events = triggerEventsOf(trigger).options.map((o) => `on ${o.toLowerCase()}`);
				expect(view.sections.Triggers.items.map((i) => i.name.toLowerCase())).toEqual(events);
			}

			// Choosing an action opens the node panel on that resource and operation.
			const first = resources[0];
			await ui.creatorItem(first.operations[0].action).click();
			const panel = await ui.ndvSummary();
			expect(panel.icon).toEqual({
				src: expect.stringContaining(`/icons/${PACKAGE.name}/`),
				rendered: true,
			});
			expect(panel.credential).toBe(credentialOf(type).name);
			expect(await ui.optionNames('resource')).toEqual([
				...resources.map((r) => r.name),
				'Custom API Call',
			]);
			for (const resource of resources) {
				await ui.selectOption('resource', resource.name);
				expect([resource.name, await ui.optionNames('operation')]).toEqual([
					resource.name,
					[...resource.operations.map((o) => o.name), 'Custom API Call'],
				]);
			}
			await ui.closeNdv();
		});
	});

	const hasTrigger = PACK_NODES.some((t) => appName(t) === app && t.name.endsWith('Trigger'));
	// Only apps with a trigger node (not DPS One Office or OfficeTools today).
	if (hasTrigger)
		test('its trigger opens from the node creator with its icon, credential and every event', async () => {
			const type = triggerTypeOf(app);
			const { param, options } = triggerEventsOf(type);
			await withEvidence(`${app}-trigger`, async () => {
				await ui.newWorkflow();
				await ui.searchNodes(app, app);
				await ui.creatorItem(app).click(); // the first step of a workflow: only triggers are offered
				const view = await ui.creatorAppView();
				expect(view.sections.Triggers.items.map((i) => i.name.toLowerCase())).toEqual(
					options.map((o) => `on ${o.toLowerCase()}`),
				);
				await ui.creatorItem(view.sections.Triggers.items[0].name).click();
				const panel = await ui.ndvSummary();
				expect(panel.title).toBe(type.defaults.name);
				expect(panel.icon).toEqual({
					src: expect.stringContaining(`/icons/${PACKAGE.name}/`),
					rendered: true,
				});
				expect(panel.credential).toBe(credentialOf(type).name);
				expect(await ui.optionNames(param)).toEqual(options);
				await ui.closeNdv();
				// #19: the canvas names the event in words (the node's subtitle), never by its value ("stageChanged").
				const subtitle = await browser.page
					.locator(`[data-test-id="canvas-node"][data-node-name="${type.defaults.name}"] [class*="_subtitle_"]`)
					.first()
					.innerText();
				expect(subtitle.trim()).toMatch(/^[A-Za-z]/);
				expect(subtitle).not.toMatch(/[a-z][A-Z]|\w\.\w/);
			});
		});
});

// ---------------------------------------------------------------------------------------------- API-backed dropdowns

/** The sandbox system a credential type talks to. */
const SYSTEM_OF = {
	caseStatusApi: 'case-status',
	casePeerApi: 'casepeer',
	perfectPortalApi: 'perfect-portal',
	dpsOneOfficeApi: 'dps-one-office',
	officeToolsApi: 'officetools',
	smokeballOAuth2Api: 'smokeball',
};

test('every API-backed dropdown (loadOptions) of the pack loads its options from the sandbox', async () => {
	const seen = [];
	for (const type of Object.values(types).filter((t) => !t.name.endsWith('Tool'))) {
		const system = SYSTEM_OF[type.credentials[0].name];
		const haystack = JSON.stringify(state[system]);
		const methods = new Map();
		for (const { prop, show, path: p } of walkProperties(type.properties)) {
			const method = prop.typeOptions?.loadOptionsMethod;
			if (method && !methods.has(method)) methods.set(method, { show, path: p });
		}
		for (const [methodName, { show, path: p }] of methods) {
			const current = { ...paramsFor(show) };
			if (methodName === 'getClientRoles')
				current.matterTypeId = (
					await dynamicParameters('options', type, {
						path: 'matterTypeId',
						methodName: 'getMatterTypesForMatters',
						currentNodeParameters: current,
					})
				)[0].value;
			if (methodName === 'getMatterTypes') current.kind = 'matter';
			if (methodName === 'getLayoutFields')
				current.layoutDesign = (
					await dynamicParameters('options', type, {
						path: 'layoutDesign',
						methodName: 'getLayoutDesigns',
						currentNodeParameters: current,
					})
				)[0].value;
			const options = await dynamicParameters('options', type, {
				path: p,
				methodName,
				currentNodeParameters: current,
			});
			seen.push(`${type.name.slice(PREFIX.length)}.${methodName}: ${options.length}`);
			expect([methodName, options.length > 0]).toEqual([methodName, true]);
			for (const o of options) {
				expect(o).toEqual(
					expect.objectContaining({ name: expect.any(String), value: expect.anything() }),
				);
				expect([
					methodName,
					haystack.includes(JSON.stringify(o.value).replace(/^"|"$/g, '')),
				]).toEqual([methodName, true]);
			}
		}
	}
	expect(seen.length).toBeGreaterThanOrEqual(15);
});

test("users, stages, AppCodes, fee earners and branches are exactly the sandbox firm's active ones", async () => {
	const options = (node, methodName, current = {}) =>
		dynamicParameters('options', types[PREFIX + node], {
			path: 'x',
			methodName,
			currentNodeParameters: current,
		}).then((o) => o.map((x) => x.value));
	const cs = state['case-status'];
	const dps = state['dps-one-office'];
	const pp = state['perfect-portal'];
	const sb = state.smokeball;

	// Case Status: the users who may send messages, and the stages in the order clients see them.
	const senders = cs.users
		.filter((u) => u.active && ['attorney', 'paralegal', 'case_manager'].includes(u.role))
		.map((u) => u.email);
	expect(
		await options('caseStatus', 'getSenders', {
			resource: 'message',
			operation: 'send',
			sendAs: 'user',
		}),
	).toEqual(senders);
	expect(await options('caseStatus', 'getStageNames')).toEqual(
		[...cs.stages].sort((a, b) => a.position - b.position).map((s) => s.display_name),
	);
	// CASEpeer stages.
	expect((await options('casePeer', 'getStages')).length).toBe(state.casepeer.stages.length);
	// DPS One Office: AppCodes, fee earners (only those with rights to the chosen AppCode), branches.
	expect(await options('dpsOneOffice', 'getAppCodes')).toEqual(
		dps.app_codes.filter((a) => a.active).map((a) => a.code),
	);
	for (const app of dps.app_codes.filter((a) => a.active)) {
		expect([
			app.code,
			await options('dpsOneOffice', 'getFeeEarners', {
				resource: 'matter',
				operation: 'create',
				appCode: app.code,
			}),
		]).toEqual([
			app.code,
			dps.fee_earners.filter((f) => f.active && f.app_codes.includes(app.code)).map((f) => f.code),
		]);
	}
	expect(await options('dpsOneOffice', 'getBranches')).toEqual(
		dps.branches.filter((b) => b.active).map((b) => b.code),
	);
	// Perfect Portal: staff, branches, key stages.
	expect((await options('perfectPortal', 'getStaff')).sort()).toEqual(
		pp.staff
			.filter((s) => s.active !== false)
			.map((s) => s.id)
			.sort(),
	);
	expect((await options('perfectPortal', 'getBranches')).sort()).toEqual(
		pp.branches
			.filter((b) => b.active !== false)
			.map((b) => b.id)
			.sort(),
	);
	expect(await options('perfectPortal', 'getKeyStages')).toEqual(
		pp.key_stages
			.filter((k) => k.active)
			.sort((a, b) => a.position - b.position)
			.map((k) => k.id),
	);
	// Smokeball: staff (users) of the firm.
	expect((await options('smokeball', 'getStaff')).length).toBe(sb.staff.length);
});

test("every resource locator's list search answers from the sandbox, and applies the search box", async () => {
	let checked = 0;
	for (const type of Object.values(types).filter((t) => !t.name.endsWith('Tool'))) {
		const system = SYSTEM_OF[type.credentials[0].name];
		const haystack = JSON.stringify(state[system]);
		const done = new Set();
		for (const { prop, show, path: p } of walkProperties(type.properties)) {
			if (prop.type !== 'resourceLocator') continue;
			const method = prop.modes.find((m) => m.name === 'list')?.typeOptions?.searchListMethod;
			expect([type.name, p, !!method]).toEqual([type.name, p, true]); // every locator offers "From list"
			if (done.has(method)) continue;
			done.add(method);
			const all = await dynamicParameters('resource-locator-results', type, {
				path: p,
				methodName: method,
				currentNodeParameters: paramsFor(show),
			});
			checked++;
			for (const r of all.results)
				expect([method, haystack.includes(String(r.value))]).toEqual([method, true]);
			// The search box is passed on: a search for a name that does not exist finds nothing.
			const none = await dynamicParameters('resource-locator-results', type, {
				path: p,
				methodName: method,
				filter: 'zz-no-such-record-zz',
				currentNodeParameters: paramsFor(show),
			});
			expect([method, none.results]).toEqual([method, []]);
		}
	}
	expect(checked).toBeGreaterThanOrEqual(12);
});

/** The node-panel dropdowns backed by the API, one per system that has one at the top level of an action. */
const PANEL_DROPDOWNS = [
	// The fee earners follow the chosen AppCode: PI is Anna Clarke's alone in the sandbox firm.
	{
		app: 'DPS One Office',
		action: 'Create a matter',
		steps: [
			['appCode', 'getAppCodes', 'PI'],
			['feeEarner', 'getFeeEarners'],
			['branch', 'getBranches'],
		],
	},
	{
		app: 'Case Status',
		action: 'Send a message',
		set: [['sendAs', 'Another User', 'user']],
		steps: [['senderEmail', 'getSenders']],
	},
	{
		app: 'Perfect Portal',
		action: 'Set the key stage of a case',
		steps: [['keyStageId', 'getKeyStages']],
	},
	{
		app: 'Perfect Portal',
		action: 'Convert a lead to a case',
		steps: [['personResponsibleId', 'getStaff']],
	},
	{ app: 'Smokeball', action: 'Send a client portal message', steps: [['userId', 'getUsers']] },
];

test.each(PANEL_DROPDOWNS.map((d) => [`${d.app}: ${d.action}`, d]))(
	"node panel, %s: the API-backed dropdowns list the sandbox's records",
	async (label, spec) => {
		const type = actionTypeOf(spec.app);
		await withEvidence(`dropdowns-${label}`, async () => {
			await ui.newWorkflowWithManualTrigger();
			await ui.searchNodes(spec.app, spec.app);
			await ui.creatorItem(spec.app).click();
			await ui.creatorItem(spec.action).click();
			await ui.ndvSummary();
			const chosen = {};
			for (const [param, option, value] of spec.set || []) {
				await ui.selectOption(param, option);
				chosen[param] = value;
			}
			const op = resourcesOf(type)
				.flatMap((r) =>
					r.operations.map((o) => ({ resource: r.value, operation: o.value, action: o.action })),
				)
				.find((o) => o.action === spec.action);
			for (const [param, methodName, pickValue] of spec.steps) {
				const expected = await dynamicParameters('options', type, {
					path: param,
					methodName,
					currentNodeParameters: { resource: op.resource, operation: op.operation, ...chosen },
				});
				expect(expected.length).toBeGreaterThan(0);
				expect([param, await ui.optionNames(param)]).toEqual([param, expected.map((o) => o.name)]);
				const pick = pickValue ? expected.find((o) => o.value === pickValue) : expected[0];
				await ui.selectOption(param, pick.name);
				chosen[param] = pick.value;
			}
			await ui.closeNdv();
		});
	},
);

// ---------------------------------------------------------------------------------------------- resource locators

/** One read operation per system whose record is chosen with a resource locator. */
function locatorCases() {
	// Case Status also finds a case by its integration ID (the source system's ID): the listed case's, here.
	const integrationIdOf = (id) =>
		state['case-status'].cases.find((c) => String(c.id) === String(id)).integration_id;
	return [
		{
			node: 'caseStatus',
			resource: 'case',
			operation: 'get',
			param: 'case',
			method: 'searchCases',
			integrationIdOf,
		},
		{ node: 'casePeer', resource: 'case', operation: 'get', param: 'case', method: 'searchCases' },
		{
			node: 'perfectPortal',
			resource: 'case',
			operation: 'get',
			param: 'case',
			method: 'searchCases',
		},
		{
			node: 'perfectPortal',
			resource: 'contact',
			operation: 'get',
			param: 'contact',
			method: 'searchContacts',
		},
		{
			node: 'dpsOneOffice',
			resource: 'matter',
			operation: 'get',
			param: 'matter',
			method: 'searchMatters',
		},
		{
			node: 'dpsOneOffice',
			resource: 'client',
			operation: 'get',
			param: 'client',
			method: 'searchClients',
		},
		{
			node: 'officeTools',
			resource: 'workspaceDocument',
			operation: 'getAll',
			param: 'client',
			method: 'searchWorkspaceClients',
			params: { limit: 5 },
		},
		{
			node: 'smokeball',
			resource: 'matter',
			operation: 'get',
			param: 'matter',
			method: 'searchMatters',
		},
		{
			node: 'smokeball',
			resource: 'contact',
			operation: 'get',
			param: 'contact',
			method: 'searchContacts',
		},
	];
}

test('resource locators: "From list" lists sandbox records in the panel; list, ID, URL and integration-ID modes fetch the same record in a run', async () => {
	// In the panel: CASEpeer's "Get a case" lists cases from the sandbox, and its URL mode accepts a case URL.
	const casePeer = types[`${PREFIX}casePeer`];
	const listed = await dynamicParameters('resource-locator-results', casePeer, {
		path: 'case',
		methodName: 'searchCases',
		currentNodeParameters: { resource: 'case', operation: 'get' },
	});
	await withEvidence('locator-panel', async () => {
		await ui.newWorkflowWithManualTrigger();
		await ui.searchNodes('CASEpeer', 'CASEpeer');
		await ui.creatorItem('CASEpeer').click();
		await ui.creatorItem('Get a case').click();
		await ui.ndvSummary();
		const rlc = ui.ndv().locator('[data-test-id="resource-locator-case"]');
		await rlc.locator('[data-test-id="rlc-input"]').click();
		const items = browser.page.locator('[data-test-id="rlc-item"]');
		await items.first().waitFor();
		const names = await items.allInnerTexts();
		expect(names.map((n) => n.trim())).toEqual(
			listed.results.slice(0, names.length).map((r) => r.name),
		);
		await items.first().click();
		expect(await rlc.locator('[data-test-id="rlc-input"]').inputValue()).toBe(
			listed.results[0].name,
		);
		// By URL: paste the case's address; the editor accepts it (no validation error under the field).
		await rlc.locator('[data-test-id="rlc-mode-selector"]').click();
		await browser.page
			.locator('.el-select-dropdown__item:visible', { hasText: /^By URL$/ })
			.click();
		await rlc.locator('[data-test-id="rlc-input"]').fill(listed.results[0].url);
		await rlc.locator('[data-test-id="rlc-input"]').blur();
		await expectAbsent(ui.ndv().getByText('Paste a case URL such as'));
		await ui.closeNdv();
	});

	// In a run: one node per locator and mode, all fed by the manual trigger, executed from the editor.
	const nodes = [
		{
			id: 'trigger',
			name: 'Run now',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const groups = [];
	for (const [i, c] of locatorCases().entries()) {
		const type = types[PREFIX + c.node];
		const current = { resource: c.resource, operation: c.operation };
		const { results } = await dynamicParameters('resource-locator-results', type, {
			path: c.param,
			methodName: c.method,
			currentNodeParameters: current,
		});
		expect([c.node, c.method, results.length > 0]).toEqual([c.node, c.method, true]);
		const record = results[0];
		const modes = type.properties
			.find(
				(p) =>
					p.name === c.param &&
					p.type === 'resourceLocator' &&
					p.displayOptions.show.operation.includes(c.operation) &&
					p.displayOptions.show.resource.includes(c.resource),
			)
			.modes.map((m) => m.name);
		const values = {
			list: record.value,
			id: record.value,
			url: record.url,
			integrationId: c.integrationIdOf?.(record.value),
		};
		const group = {
			label: `${c.node} ${c.resource} ${c.operation}`,
			id: String(record.value),
			nodes: [],
		};
		for (const [j, mode] of modes.entries()) {
			expect([group.label, mode, values[mode] !== undefined]).toEqual([group.label, mode, true]);
			const name = `${c.node} ${c.resource} by ${mode}`;
			group.nodes.push(name);
			nodes.push({
				id: `n${i}-${j}`,
				name,
				type: type.name,
				typeVersion: 1,
				position: [300 + 250 * j, 200 * i],
				parameters: {
					...current,
					...(c.params || {}),
					[c.param]: { __rl: true, mode, value: values[mode] },
				},
				credentials: { [type.credentials[0].name]: credentialOf(type) },
			});
		}
		groups.push(group);
	}
	const connections = {
		'Run now': { main: [nodes.slice(1).map((n) => ({ node: n.name, type: 'main', index: 0 }))] },
	};
	const workflow = await editor.rest('POST', '/workflows', {
		name: 'Resource locator modes',
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	});

	await withEvidence('locator-run', async () => {
		await ui.openWorkflow(workflow.id);
		await ui.runFrom('Run now');
		await ui.waitForSuccess(nodes.slice(1).map((n) => n.name));
	});
	const run = await waitForExecution(editor.rest, workflow.id);
	expect(run.status).toBe('success');
	for (const group of groups) {
		const outputs = group.nodes.map((name) => run.byNode(name));
		for (const [k, out] of outputs.entries()) {
			expect([group.nodes[k], out.length > 0]).toEqual([group.nodes[k], true]);
			expect(outputs[k]).toEqual(outputs[0]); // every mode found the same record(s)
		}
		if (!group.label.includes('getAll'))
			expect([group.label, JSON.stringify(outputs[0]).includes(group.id)]).toEqual([
				group.label,
				true,
			]);
	}
});

// ---------------------------------------------------------------------------------------------- credentials

/** The sandbox credentials as n8n stores them (ids and names of scripts/lib/credentials.js). */
const keyCredentials = () =>
	Object.entries(CREDENTIAL_REFS).filter(([type]) => !type.includes('OAuth2'));

test('credential Test: every API-key credential connects to the sandbox; a wrong key fails with a clear message', async () => {
	const sandboxData = sandboxCredentials(editor.stack.sandbox.url);
	const wrong = {};
	const messages = {};
	for (const [type, ref] of keyCredentials()) {
		const { data } = sandboxData.find((c) => c.type === type);
		const ok = await editor.rest('POST', '/credentials/test', {
			credentials: { ...ref, type, data },
		});
		expect([type, ok]).toEqual([type, { status: 'OK', message: 'Connection successful!' }]);
		const bad = await editor.rest('POST', '/credentials/test', {
			credentials: { ...ref, type, data: { ...data, apiKey: 'not-the-key' } },
		});
		expect([type, bad.status]).toEqual([type, 'Error']);
		expect([type, bad.message]).toEqual([
			type,
			expect.stringMatching(/^.+ did not accept this API key\. Copy it again from .+/),
		]);
		messages[type] = bad.message;
		// A stored copy with the wrong key, for the editor below.
		wrong[type] = await editor.rest('POST', '/credentials', {
			name: `${ref.name} (wrong key)`,
			type,
			data: { ...data, apiKey: 'not-the-key' },
		});
	}

	await withEvidence('credentials', async () => {
		const page = browser.page;
		await page.goto(`${editor.url}/home/credentials`);
		// The list pages; its search box finds the card.
		const card = async (name) => {
			await page.locator('[data-test-id="resources-list-search"]').fill(name);
			return page
				.locator('[data-test-id="resources-list-item"]')
				.filter({ has: page.getByText(name, { exact: true }) });
		};
		const modal = page.locator('[data-test-id="editCredential-modal"]');
		const close = async () => {
			await page.keyboard.press('Escape');
			await modal.waitFor({ state: 'hidden' });
		};
		for (const [type, ref] of keyCredentials()) {
			// Opening a credential tests it; "Retry" is its Test button.
			await (await card(ref.name)).click();
			const success = modal.locator('[data-test-id="credentials-config-container-test-success"]');
			await success.waitFor();
			expect(await success.innerText()).toContain('Connection tested successfully');
			await success.getByRole('button', { name: 'Retry' }).click();
			await success.waitFor();
			await close();

			await (await card(wrong[type].name)).click();
			const failure = modal.getByText('Couldn’t connect with these settings');
			await failure.waitFor();
			await modal.getByText('More details').click();
			await modal.getByText(messages[type], { exact: true }).waitFor(); // the test endpoint's message, shown
			await modal.getByRole('button', { name: 'Retry' }).click();
			await failure.waitFor();
			await close();
		}
	});
	for (const credential of Object.values(wrong))
		await editor.rest('DELETE', `/credentials/${credential.id}`);
});

test('Smokeball (OAuth2 client credentials): the sandbox credential fetches a token, loads staff and passes its Test; a wrong API key or secret fails with a clear message', async () => {
	const sb = types[`${PREFIX}smokeball`];
	const staff = await dynamicParameters('options', sb, {
		path: 'staffId',
		methodName: 'getStaff',
		currentNodeParameters: { resource: 'fee', operation: 'create' },
	});
	expect(staff.length).toBe(state.smokeball.staff.length);
	const { data } = sandboxCredentials(editor.stack.sandbox.url).find(
		(c) => c.type === 'smokeballOAuth2Api',
	);
	// Its Test: the sandbox credential connects; a wrong partner API key fails with the pack's message.
	const ref = CREDENTIAL_REFS.smokeballOAuth2Api;
	const test = async (d) =>
		await editor.rest('POST', '/credentials/test', {
			credentials: { ...ref, type: 'smokeballOAuth2Api', data: d },
		});
	expect(await test(data)).toEqual({ status: 'OK', message: 'Connection successful!' });
	expect(await test({ ...data, apiKey: 'not-the-key' })).toEqual({
		status: 'Error',
		message: expect.stringMatching(/^Smokeball did not accept this connection\. Check the Client ID, Client Secret and API key/),
	});
	const wrong = await editor.rest('POST', '/credentials', {
		name: 'Smokeball (wrong secret)',
		type: 'smokeballOAuth2Api',
		data: { ...data, clientSecret: 'not-the-secret' },
	});
	const err = await editor
		.rest('POST', '/dynamic-node-parameters/options', {
			nodeTypeAndVersion: { name: sb.name, version: 1 },
			credentials: { smokeballOAuth2Api: { id: wrong.id, name: wrong.name } },
			path: 'staffId',
			methodName: 'getStaff',
			currentNodeParameters: { resource: 'fee', operation: 'create' },
		})
		.catch((e) => e);
	expect(err).toBeInstanceOf(Error);
	expect(JSON.parse(err.body).message).toMatch(
		/^The Smokeball credential could not sign in: .*access token.*client authentication failed/i,
	);
	await editor.rest('DELETE', `/credentials/${wrong.id}`);
});

// ---------------------------------------------------------------------------------------------- templates

/** The workflow as n8n saved it, once it holds `nodeCount` nodes (the editor saves a new workflow shortly after). */
async function savedWorkflow(workflowId, nodeCount) {
	const deadline = Date.now() + 20_000;
	for (;;) {
		const saved = await editor.rest('GET', `/workflows/${workflowId}`).catch((err) => {
			if (err.status !== 404) throw err;
			return null;
		});
		if (saved && saved.nodes.length === nodeCount) return saved;
		if (Date.now() > deadline)
			throw new Error(
				`workflow ${workflowId} was not saved with ${nodeCount} nodes: ${JSON.stringify(saved?.nodes?.map((n) => n.name))}`,
			);
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** Imports a workflow file through the editor and reports what the canvas and the saved workflow show. */
async function importAndInspect(file) {
	const template = JSON.parse(fs.readFileSync(file, 'utf8'));
	const workflowId = await ui.importFile(file);
	const expectedNodes = template.nodes
		.filter((n) => n.type !== 'n8n-nodes-base.stickyNote')
		.map((n) => n.name);
	await browser.page.waitForFunction(
		(n) => document.querySelectorAll('[data-test-id="canvas-node"]').length >= n,
		expectedNodes.length,
	);
	const canvas = await ui.canvasNodes();
	const saved = await savedWorkflow(workflowId, template.nodes.length);
	const credentials = await editor.rest('GET', '/credentials');
	const credentialChanges = [];
	for (const node of template.nodes) {
		const savedNode = saved.nodes.find((n) => n.name === node.name);
		for (const [credType, ref] of Object.entries(node.credentials || {})) {
			const now = savedNode?.credentials?.[credType];
			const exists = credentials.some((c) => c.id === now?.id && c.type === credType);
			if (!now || now.id !== ref.id || !exists)
				credentialChanges.push({ node: node.name, credType, was: ref.id, now: now?.id ?? null });
		}
	}
	return { template, workflowId, expectedNodes, canvas, credentialChanges };
}

test.each(TEMPLATES)(
	'template %s imports through the editor: every node installed, no credential to fix beyond the expected selection',
	async (file) => {
		await withEvidence(`template-${file}`, async () => {
			const { template, expectedNodes, canvas, credentialChanges } = await importAndInspect(
				path.join(ROOT, 'workflows', file),
			);
			expect(canvas.map((n) => n.name).sort()).toEqual([...expectedNodes].sort());
			expect(canvas.filter((n) => n.notInstalled)).toEqual([]);
			for (const node of canvas.filter((n) => n.icon?.src?.includes(PACKAGE.name)))
				expect([node.name, node.icon.rendered]).toEqual([node.name, true]);
			// Credentials the demo provides resolve to exactly the referenced ones. Others (e.g. the heartbeat's n8n API
			// key) are for the user to select: only their nodes may show an issue, and only a credential one.
			const needsSelection = new Set(
				template.nodes
					.filter((n) =>
						Object.keys(n.credentials || {}).some((t) => !SANDBOX_CREDENTIAL_TYPES.has(t)),
					)
					.map((n) => n.name),
			);
			expect(credentialChanges.filter((c) => SANDBOX_CREDENTIAL_TYPES.has(c.credType))).toEqual([]);
			expect(
				canvas.filter((n) => n.issues && !needsSelection.has(n.name)).map((n) => n.name),
			).toEqual([]);
			await expectAbsent(browser.page.getByText('Install this node to use it'));
			await expectRunNowAsTheStickySays(template);
		});
	},
);

/**
 * #19: a template's "How to run it" sticky names the buttons this editor really shows: hovering Run now offers
 * "Execute workflow", and the button at the bottom of the canvas reads as the sticky says (plain with one trigger,
 * "Execute workflow from …" with several).
 */
async function expectRunNowAsTheStickySays(template) {
	const howTo = template.nodes.find(
		(n) => n.type === 'n8n-nodes-base.stickyNote' && /How to run it/.test(n.parameters.content),
	).parameters.content;
	expect(howTo).toMatch(/Hover the \*\*Run now\*\* trigger and click the \*\*Execute workflow\*\* button/);
	expect(howTo).not.toMatch(/Test workflow/i);
	const page = browser.page;
	await page.locator('[data-test-id="canvas-node"][data-node-name="Run now"]').hover();
	const beside = page.locator('[data-test-id="execute-workflow-button-Run now"]');
	await beside.waitFor();
	expect((await beside.innerText()).replace(/\s+/g, ' ').trim()).toBe('Execute workflow');
	await page.mouse.move(5, 5); // off the node, so only the canvas's own button is left
	const bottom = (await page.locator('[data-test-id="execute-workflow-button"]').first().innerText())
		.replace(/\s+/g, ' ')
		.trim();
	if (/With this one trigger/.test(howTo)) expect(bottom).toBe('Execute workflow');
	else expect(bottom).toMatch(/^Execute workflow from /);
}

test('template casepeer-case-status-manual-sync.json: "Run now" on a fresh import sends nothing to a real-looking address', async () => {
	// The only template whose Run now sends e-mail: imported as is, it stops on its example addresses (#19).
	const file = path.join(ROOT, 'workflows', 'casepeer-case-status-manual-sync.json');
	const template = JSON.parse(fs.readFileSync(file, 'utf8'));
	editor.stack.smtp.clear();
	await editor.stack.admin('DELETE', '/requests');
	let workflowId;
	await withEvidence('template-run-now-manual-sync', async () => {
		workflowId = await ui.importFile(file);
		await savedWorkflow(workflowId, template.nodes.length);
		await ui.runFrom('Run now');
	});
	const run = await waitForExecution(editor.rest, workflowId);
	expect(run.status).toBe('error');
	expect(run.error.message).toMatch(
		/^Nothing was synced or sent: you@example\.com and n8n@example\.com are the template's example addresses/,
	);
	expect(run.runData['Stop: set your own e-mail address']).toBeDefined();
	expect(run.runData['Stage mapping table']).toBeUndefined();
	expect(editor.stack.smtp.messages).toEqual([]);
	expect(await editor.stack.admin('GET', '/requests')).toEqual([]);
});

test('the import check catches a node that is not installed and a credential that does not exist (control)', async () => {
	const file = path.join(ROOT, 'tests/browser/fixtures/control-broken.json');
	const { canvas, credentialChanges } = await importAndInspect(file);
	expect(canvas.find((n) => n.name === 'Node from a missing package').notInstalled).toBe(true);
	expect(credentialChanges).toEqual([
		expect.objectContaining({ node: "Someone else's credential", was: 'doesNotExist' }),
	]);
});

/** Asserts a locator matches nothing (after the page had a moment to render). */
async function expectAbsent(locator) {
	await locator.page().waitForTimeout(300);
	expect(await locator.count()).toBe(0);
}

// ------------------------------------------------------------------------ issue #19: what a firm meets first

describe('what a firm meets first (#19)', () => {
	/** A new workflow, a manual trigger and one action of an app, its panel open. */
	async function openAction(app, action) {
		await ui.newWorkflowWithManualTrigger();
		await ui.searchNodes(app, app);
		await ui.creatorItem(app).click();
		await ui.creatorItem(action).click();
		await ui.ndvSummary();
	}

	test('DPS One Office › Import Case: clients, contacts and properties are rows to add, not JSON', async () => {
		await withEvidence('import-case-rows', async () => {
			await openAction('DPS One Office', 'Import a case as a matter with its clients and contacts');
			for (const button of ['Add Client', 'Add Contact', 'Add Property'])
				await ui.ndv().getByRole('button', { name: button }).first().waitFor();
			await ui.ndv().getByRole('button', { name: 'Add Client' }).first().click();
			await ui.ndv().getByText('First Name', { exact: true }).first().waitFor();
			await ui.ndv().getByRole('button', { name: 'Add Contact' }).first().click();
			await ui.ndv().getByText('Contact Type Name or ID', { exact: true }).first().waitFor();
			expect(await ui.ndv().getByText('Clients (JSON)').count()).toBe(0);
			await ui.closeNdv();
		});
	});

	test('OfficeTools › Activate shows a warning that it cannot be undone', async () => {
		await withEvidence('activate-warning', async () => {
			await openAction('OfficeTools', 'Activate the firm portal');
			await ui
				.ndv()
				.getByText(/^Activating cannot be undone/)
				.waitFor();
			await ui.ndv().getByText('Confirm Moving Portal Users', { exact: true }).waitFor();
			await ui.closeNdv();
		});
	});

	/** Manual trigger → Case Status › Create with the case typed into the node (no Source set: its default). */
	async function caseStatusCreateWorkflow(name, client) {
		const type = types[`${PREFIX}caseStatus`];
		return await editor.rest('POST', '/workflows', {
			name,
			nodes: [
				{
					id: 't',
					name: 'Run now',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'c',
					name: 'Create the case',
					type: type.name,
					typeVersion: 1,
					position: [260, 0],
					parameters: {
						resource: 'case',
						operation: 'create',
						integrationId: `B19-${Date.now()}`,
						readableId: '2026-1901',
						name: 'Rivera v. Northside Transit',
						primaryAttorneyEmail: 'dreyes@firm.com',
						practiceArea: 'Personal Injury',
						stage: 'Intake',
						clients: { client: [client] },
					},
					credentials: { [type.credentials[0].name]: credentialOf(type) },
				},
			],
			connections: { 'Run now': { main: [[{ node: 'Create the case', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		});
	}

	test('Case Status › Create run after a manual trigger imports the case typed into the node', async () => {
		const workflow = await caseStatusCreateWorkflow('Create a case (#19)', {
			firstName: 'Ana',
			lastName: 'Rivera',
			cellPhone: '(555) 303-4411',
		});
		await withEvidence('create-default', async () => {
			await ui.openWorkflow(workflow.id);
			await ui.runFrom('Run now');
			await ui.waitForSuccess(['Create the case']);
		});
		const run = await waitForExecution(editor.rest, workflow.id);
		expect(run.status).toBe('success');
		expect(run.byNode('Create the case')[0]).toEqual(
			expect.objectContaining({ action: 'created' }),
		);
	});

	test('an error names the field as the node labels it, and the fix says where to change it', async () => {
		const workflow = await caseStatusCreateWorkflow('Create a case with a home phone (#19)', {
			firstName: 'Ana',
			lastName: 'Rivera',
			cellPhone: 'Home: 555 303 9999',
		});
		await withEvidence('error-label', async () => {
			await ui.openWorkflow(workflow.id);
			await ui.runFrom('Run now');
			await ui.openNode('Create the case');
			await ui
				.ndv()
				.getByText(/'Clients › Cell Phone' "Home: 555 303 9999" is labelled "Home"/)
				.first()
				.waitFor();
			await ui
				.ndv()
				.getByText(/in Clients › Cell Phone, without a label/)
				.first()
				.waitFor();
			await ui.closeNdv();
		});
		const run = await waitForExecution(editor.rest, workflow.id);
		expect(run.status).toBe('error');
		expect(run.error.message).not.toMatch(/^Item \d|clients\[0\]/);
	});

	test('CASEpeer › Case: the action says what it does, and the rarely set Case Status ID is an option', async () => {
		await withEvidence('casepeer-mark-synced', async () => {
			await openAction('CASEpeer', 'Mark a case as synced to case status');
			// (the node creator offered it by that name: openAction clicked it)
			expect(await ui.ndv().getByText('Case Status ID', { exact: true }).count()).toBe(0);
			await ui.ndv().getByRole('button', { name: 'Add Option' }).click();
			await browser.page.getByText('Case Status ID', { exact: true }).first().waitFor();
			await browser.page.keyboard.press('Escape'); // closes the option list and the panel
			await ui.ndv().waitFor({ state: 'hidden' });
		});
	});

	test('Perfect Portal → DPS review table: the result sits beside the tick, and rows to fix say so in their status', async () => {
		const file = path.join(ROOT, 'workflows', 'perfect-portal-dps-download-cases.json');
		const template = JSON.parse(fs.readFileSync(file, 'utf8'));
		let workflowId;
		await withEvidence('review-table', async () => {
			workflowId = await ui.importFile(file);
			await savedWorkflow(workflowId, template.nodes.length);
			await ui.runFrom('Run now');
		});
		const run = await waitForExecution(editor.rest, workflowId);
		expect(run.status).toBe('success');
		await withEvidence('review-table-view', async () => {
			const page = browser.page;
			await page.goto(`${editor.url}/home/datatables`);
			await page.getByText('Perfect Portal cases', { exact: true }).first().click();
			await page.locator('.ag-row').first().waitFor();
			// The header cells in the order they show, with the grid's id for each column's cells.
			const headers = await page.$$eval('.ag-header-cell[col-id]', (cells) =>
				cells
					.map((c) => ({
						name: c.innerText.trim(),
						colId: c.getAttribute('col-id'),
						left: c.getBoundingClientRect().left,
					}))
					.sort((a, b) => a.left - b.left),
			);
			const names = headers.map((h) => h.name);
			const tick = names.indexOf('import');
			expect(names.slice(tick, tick + 2)).toEqual(['import', 'result']);
			const colId = (name) => headers.find((h) => h.name === name).colId;
			const rows = await page.$$eval(
				'.ag-center-cols-container .ag-row',
				(els, ids) =>
					els.map((r) => ({
						result: r.querySelector(`[col-id="${ids.result}"]`)?.innerText.trim() ?? '',
						status: r.querySelector(`[col-id="${ids.status}"]`)?.innerText.trim() ?? '',
					})),
				{ result: colId('result'), status: colId('status') },
			);
			const toFix = rows.filter((r) => /^Fix before importing: /.test(r.result));
			expect(toFix.length).toBeGreaterThan(0);
			expect([...new Set(toFix.map((r) => r.status))]).toEqual(['needs fixing']);
		});
	});

	test('a credential dialog opens on where to find its values', async () => {
		await withEvidence('credential-notice', async () => {
			const page = browser.page;
			await page.goto(`${editor.url}/home/credentials`);
			const ref = CREDENTIAL_REFS.casePeerApi;
			await page.locator('[data-test-id="resources-list-search"]').fill(ref.name);
			await page
				.locator('[data-test-id="resources-list-item"]')
				.filter({ has: page.getByText(ref.name, { exact: true }) })
				.click();
			const modal = page.locator('[data-test-id="editCredential-modal"]');
			await modal.getByText(/^In CASEpeer, open Settings › Integrations › API/).waitFor();
			expect(await modal.getByText(/sandbox|127\.0\.0\.1/).count()).toBe(0);
			await page.keyboard.press('Escape');
			await modal.waitFor({ state: 'hidden' });
		});
	});

	// n8n places an OAuth2 credential's own fields after its parent's (mergeNodeProperties): the notice says so.
	test("Smokeball's credential dialog: the notice says where each value is, and the fields stand where it says", async () => {
		await withEvidence('credential-smokeball', async () => {
			const page = browser.page;
			await page.goto(`${editor.url}/home/credentials`);
			const ref = CREDENTIAL_REFS.smokeballOAuth2Api;
			await page.locator('[data-test-id="resources-list-search"]').fill(ref.name);
			await page
				.locator('[data-test-id="resources-list-item"]')
				.filter({ has: page.getByText(ref.name, { exact: true }) })
				.click();
			const modal = page.locator('[data-test-id="editCredential-modal"]');
			const notice = modal.getByText(/^Smokeball gives your app a Client ID, a Client Secret and an API key/);
			await notice.waitFor();
			expect(await notice.textContent()).toMatch(/Client ID and Client Secret above, your firm's Region, Environment and the API key below/);
			// The dialog's text in page order (fields below the fold included): each label on its own line.
			const lines = (await modal.innerText())
				.split('\n')
				.map((l) => l.replace(/\s*\*\s*$/, '').trim())
				.filter(Boolean);
			const order = ['Client ID', 'Client Secret', 'Region', 'Environment', 'API Key'].map((l) =>
				lines.indexOf(l),
			);
			order.splice(2, 0, lines.findIndex((l) => l.startsWith('Smokeball gives your app')));
			expect({ missing: order.includes(-1), lines }).toEqual({ missing: false, lines });
			expect({ order, lines }).toEqual({ order: [...order].sort((a, b) => a - b), lines });
			await page.keyboard.press('Escape');
			await modal.waitFor({ state: 'hidden' });
		});
	});
});
