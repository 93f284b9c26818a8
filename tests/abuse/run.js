// npm run abuse: bad input and security, against the sandbox, with canary credentials.
//  1. Malformed inputs (tests/abuse/cases.js, across every action node). Each is run twice on a freshly reset
//     sandbox: as is (the node must throw an error for item 0 that names the field) and with continueOnFail over
//     two copies of the item (two error items, paired 0 and 1, naming the field; no throw). Either way the
//     system's state must not change: no partial writes.
//  2. Smokeball webhook deliveries: genuine ones the sandbox signs and sends twice (emitted once), and unsigned,
//     forged, tampered (headers or body), oversized, stale (replayed) and re-sent deliveries, the last also after a
//     restart (zero accepted); with Options left empty, an echo of the node's own write is not accepted either.
//  3. Wrong keys: a 401 from every system, whose error must not show the key that was sent.
//  4. Secrets: every output, error and log line of all of the above searched for the canary keys.
//   node tests/abuse/run.js [--only <case id prefix>] [--verbose] [--json results.json]
const http = require('node:http');
const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { freshSandbox, credentialSecrets } = require('../bench/lib/sandbox');
const { runtime, execute, scan, splitErrors } = require('../bench/lib/nodes');
const { createSecretScanner, errorText } = require('../bench/lib/secrets');
const { parseArgs, progress, createTable, finish, runAsScript } = require('../bench/lib/report');
const { runWebhook, runHook } = require('../helpers/webhook');
const smokeballSandbox = require('../../sandbox/systems/smokeball');
const { signature } = require('../../sandbox/systems/smokeball/webhooks');
const CASES = require('./cases');

const NODES = {
	caseStatus: new (require('../../nodes/CaseStatus/CaseStatus.node.ts').CaseStatus)(),
	casePeer: new (require('../../nodes/CasePeer/CasePeer.node.ts').CasePeer)(),
	perfectPortal: new (require('../../nodes/PerfectPortal/PerfectPortal.node.ts').PerfectPortal)(),
	dpsOneOffice: new (require('../../nodes/DpsOneOffice/DpsOneOffice.node.ts').DpsOneOffice)(),
	smokeball: new (require('../../nodes/Smokeball/Smokeball.node.ts').Smokeball)(),
	officeTools: new (require('../../nodes/OfficeTools/OfficeTools.node.ts').OfficeTools)(),
};
const TRIGGER_MODULE = require.resolve('../../nodes/Smokeball/SmokeballTrigger.node.ts');
/** A fresh copy of the trigger's module, as a restarted n8n process loads it: nothing kept in its memory. */
function loadTrigger() {
	delete require.cache[TRIGGER_MODULE];
	return new (require(TRIGGER_MODULE).SmokeballTrigger)();
}
const { resetBuckets } = require('../../nodes/shared/rateLimit.ts');
// State a refused request may legitimately touch: issued OAuth2 tokens, Smokeball's processing queue and delivery
// records, OfficeTools' upload counters.
const VOLATILE = { smokeball: ['oauth', 'pending', 'deliveries'], officetools: ['upload_stats'] };
const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function stateText(system, state) {
	const skip = new Set(VOLATILE[system] || []);
	return JSON.stringify(state, (key, value) => (skip.has(key) ? undefined : value));
}

/** Writes the vendor accepted (an OAuth2 token request is not one). */
const isWrite = (r) =>
	WRITE.has(r.method) &&
	r.status >= 200 &&
	r.status < 300 &&
	!(r.system === 'smokeball' && r.path.startsWith('/auth/'));

const textOf = (e) => `${e.message ?? ''}\n${e.description ?? ''}`;

/** One malformed input: thrown as is, then as error items with continueOnFail; no state change either way. */
async function abuseCase(env, c, verbose) {
	await env.admin('POST', '/reset');
	resetBuckets();
	for (const [method, route, body] of c.setup || []) await env.admin(method, route, body);
	const item = typeof c.input === 'function' ? c.input() : c.input || { json: {} };
	const before = stateText(c.system, await env.state(c.system));
	await env.clearRequests();
	const run = (input, continueOnFail) =>
		execute({
			node: NODES[c.node],
			oauth2: c.node === 'smokeball',
			credentials: env.credentials,
			parameters: c.parameters,
			input,
			continueOnFail,
		});
	const problems = [];

	let thrown = null;
	try {
		const { output } = await run([item], false);
		problems.push(`accepted: ${JSON.stringify(output[0] && output[0].json).slice(0, 160)}`);
	} catch (error) {
		thrown = error;
		if (!(error instanceof NodeOperationError || error instanceof NodeApiError))
			problems.push(`not a node error: ${error.name}`);
		if (!error.context || error.context.itemIndex !== 0)
			problems.push(`itemIndex ${error.context && error.context.itemIndex}, not 0`);
		if (!c.field.test(textOf(error)))
			problems.push(`does not name the field (${c.field}): ${textOf(error).slice(0, 200)}`);
	}

	let items = null;
	try {
		const { output } = await run([item, item], true);
		items = output;
		const { ok, failed } = splitErrors(output);
		if (ok.length || failed.length !== 2)
			problems.push(`continueOnFail gave ${ok.length} ok and ${failed.length} error items`);
		failed.forEach((f, k) => {
			if (!f.pairedItem || f.pairedItem.item !== k)
				problems.push(`error item ${k} paired to ${JSON.stringify(f.pairedItem)}`);
			if (!c.field.test(`${f.json.error}\n${f.json.details ?? ''}`))
				problems.push(`error item ${k} does not name the field`);
		});
	} catch (error) {
		problems.push(`continueOnFail threw: ${error.message.slice(0, 160)}`);
	}

	const after = stateText(c.system, await env.state(c.system));
	const writes = (await env.requests()).filter(isWrite);
	if (before !== after || writes.length)
		problems.push(`state changed (${writes.length} successful writes)`);
	if (verbose || problems.length) {
		progress(
			`${c.id}: ${problems.length ? problems.join('; ') : 'ok'}\n    ${thrown ? textOf(thrown).replace(/\n/g, ' | ').slice(0, 300) : ''}${items ? `\n    item 1: ${String(items[1] && items[1].json.error).slice(0, 200)}` : ''}`,
		);
	}
	return {
		id: c.id,
		kind: thrown ? thrown.constructor.name : null,
		message: thrown ? thrown.message.slice(0, 300) : null,
		problems,
	};
}

/**
 * Smokeball webhook deliveries: genuine (sent twice), and forged in every way the verifier must refuse, including
 * a genuine header set with another body, an oversized body, a redelivery after a restart (the static data saved
 * and read back as n8n does, the module loaded afresh) and an own-write echo with Options left empty.
 */
async function webhooks(env) {
	const F = smokeballSandbox.SEED_FACTS;
	let trigger = loadTrigger();
	const credentials = { smokeballOAuth2Api: env.credentials.smokeballOAuth2Api };
	let staticData = { node: {}, global: {} };
	// What n8n's database holds. n8n 2.40.7 saves the static data a webhook changed when the answer is sent, and
	// loses it when n8n answers only after starting the execution (docs/smokeball-webhooks.md).
	let saved = structuredClone(staticData);
	const parameters = {
		events: ['matter.created', 'matter.updated', 'matterstage.updated', 'error'],
	};
	const emitted = [];
	const outcomes = [];
	const deliver = async (label, headers, body, rawBody) => {
		const out = await runWebhook({
			node: trigger,
			parameters,
			credentials,
			staticData,
			headers,
			body,
			rawBody,
			webhookUrl,
		});
		const data = out.result && out.result.workflowData;
		if (data && out.result.noWebhookResponse !== true) staticData = structuredClone(saved);
		else saved = structuredClone(staticData);
		if (data) emitted.push({ label, items: data[0] });
		scan('smokeballTrigger webhook', { output: data ? data[0] : [], logs: out.ctx._logs });
		scan('smokeballTrigger response', {
			output: [{ json: { status: out.res.statusCode, body: out.res.body } }],
		});
		outcomes.push({
			label,
			accepted: Boolean(data),
			status: out.res.ended ? out.res.statusCode : 200,
			body: out.res.body,
		});
		return out;
	};
	const receiver = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', async () => {
			const out = await deliver(
				`sandbox ${req.headers.requestid}`,
				req.headers,
				JSON.parse(Buffer.concat(chunks).toString('utf8')),
			);
			res.writeHead(out.res.ended ? out.res.statusCode : 200).end();
		});
	});
	await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
	const webhookUrl = `http://127.0.0.1:${receiver.address().port}/webhook/abuse/webhook`;
	try {
		await env.admin('POST', '/reset');
		resetBuckets();
		const created = await runHook(
			{ node: trigger, parameters, credentials, staticData, webhookUrl, mode: 'trigger' },
			'create',
		);
		if (created.result !== true) throw new Error('the Smokeball subscription was not created');
		saved = structuredClone(staticData); // n8n saves what activation changed
		// The key Smokeball signs with (the trigger derives it; the workflow never holds it).
		const [subscription] = (await env.state('smokeball')).webhooks;
		const secret = subscription.key;
		if (JSON.stringify(staticData).includes(secret))
			throw new Error('the signing key is in static data');

		// Genuine, signed by the sandbox, delivered twice (at-least-once): emitted once.
		await env.admin('POST', '/smokeball/events', {
			type: 'matter.updated',
			matterId: F.matters.purchase.id,
			copies: 2,
		});
		for (let i = 0; i < 100 && outcomes.length < 2; i++)
			await new Promise((r) => setTimeout(r, 50));

		const now = smokeballSandbox.helpers.ticksString(Date.now());
		const stale = smokeballSandbox.helpers.ticksString(Date.now() - 10 * 60000);
		const body = {
			accountId: F.accountId,
			subscriptionId: subscription.id,
			type: 'matter.updated',
			source: 'Smokeball',
			payload: { id: F.matters.purchase.id },
			timestamp: 0,
		};
		const signed = (ts, requestId, key = secret, clientId = F.clientId) => ({
			Timestamp: ts,
			RequestId: requestId,
			Signature: signature(key, ts, requestId, clientId),
		});
		const genuine = signed(now, 'abuse-genuine');
		await deliver('genuine', genuine, body);
		const big = {
			...body,
			payload: { id: F.matters.purchase.id, note: 'x'.repeat(5 * 1024 * 1024) },
		};
		const bad = [
			['unsigned', { Timestamp: now, RequestId: 'abuse-unsigned' }],
			['no headers at all', {}],
			['forged (wrong key)', signed(now, 'abuse-forged', 'not-the-secret')],
			['forged (wrong client id)', signed(now, 'abuse-client', secret, 'someone-else')],
			['tampered RequestId', { ...signed(now, 'abuse-tamper'), RequestId: 'abuse-tamper-2' }],
			[
				'tampered Timestamp',
				{
					...signed(now, 'abuse-ts'),
					Timestamp: smokeballSandbox.helpers.ticksString(Date.now() + 1000),
				},
			],
			['replayed (stale timestamp, validly signed)', signed(stale, 'abuse-stale')],
			[
				'replayed (future timestamp)',
				signed(smokeballSandbox.helpers.ticksString(Date.now() + 10 * 60000), 'abuse-future'),
			],
			['signature of another length', { ...signed(now, 'abuse-len'), Signature: 'abc' }],
			['duplicate of the genuine delivery', genuine],
			[
				'tampered body (the genuine headers, another matter)',
				genuine,
				{ ...body, payload: { id: F.matters.sale.id } },
			],
			[
				'tampered body (the genuine headers, another event type)',
				genuine,
				{ ...body, type: 'error', payload: { message: 'x', resourceId: 'y' } },
			],
			['oversized body (5 MB, validly signed)', signed(now, 'abuse-big'), big],
			['own write echoed, Options left empty', signed(now, '3b9f6c2a-8d41-4e7a-a0c5-1e9a15c0de00')],
		];
		for (const [label, headers, other] of bad) await deliver(label, headers, other || body);

		// A restart: static data is read back from the database; the module starts afresh.
		staticData = structuredClone(saved);
		trigger = loadTrigger();
		await deliver('redelivered after a restart', genuine, body);
		await deliver('redelivered after a restart, another body', genuine, {
			...body,
			payload: { id: F.matters.sale.id },
		});
	} finally {
		await runHook(
			{ node: trigger, parameters, credentials, staticData, webhookUrl, mode: 'trigger' },
			'delete',
		).catch(() => {});
		await new Promise((r) => receiver.close(r));
	}
	const accepted = outcomes.filter((o) => o.accepted).map((o) => o.label);
	return { outcomes, accepted, emitted: emitted.length };
}

/** A 401 from every system: the refused key must not appear in the error. */
async function wrongKeys(env, scanner) {
	const reads = {
		caseStatusApi: ['caseStatus', { resource: 'user', operation: 'getAll', returnAll: true }],
		casePeerApi: ['casePeer', { resource: 'stage', operation: 'getAll', returnAll: true }],
		perfectPortalApi: [
			'perfectPortal',
			{ resource: 'keyStage', operation: 'getAll', returnAll: true },
		],
		dpsOneOfficeApi: [
			'dpsOneOffice',
			{ resource: 'client', operation: 'get', client: { __rl: true, mode: 'id', value: 'SMI001' } },
		],
		officeToolsApi: [
			'officeTools',
			{ resource: 'legacyContact', operation: 'getAll', returnAll: true },
		],
		smokeballOAuth2Api: ['smokeball', { resource: 'staff', operation: 'getAll', returnAll: true }],
	};
	const results = [];
	for (const [type, [node, parameters]] of Object.entries(reads)) {
		resetBuckets();
		const wrong = `wrong_${type}_K3y_${Date.now().toString(36)}`;
		scanner.addSecrets([wrong]);
		const credentials = {
			...env.credentials,
			[type]: { ...env.credentials[type], apiKey: wrong, oauthTokenData: undefined },
		};
		let error = null;
		try {
			await execute({ node: NODES[node], oauth2: node === 'smokeball', credentials, parameters });
		} catch (e) {
			error = e;
		}
		results.push({
			credential: type,
			refused: Boolean(error) && /401|403|credential|key/i.test(textOf(error)),
			httpCode: error && error.httpCode,
			leaks: error ? errorText(error).includes(wrong) : false,
		});
	}
	return results;
}

async function main(argv) {
	const args = parseArgs(argv, { verbose: { type: 'boolean' } });
	const scanner = createSecretScanner();
	scanner.watchProcessOutput();
	runtime.scanner = scanner;
	const table = createTable();
	const started = Date.now();
	const env = await freshSandbox();
	scanner.addSecrets(credentialSecrets(env.credentials));
	const results = {};
	try {
		const chosen = CASES.filter((c) => !args.only || c.id.startsWith(String(args.only)));
		progress(`${chosen.length} malformed inputs`);
		results.inputs = [];
		for (const c of chosen) results.inputs.push(await abuseCase(env, c, Boolean(args.verbose)));
		const byNode = {};
		for (const c of chosen) byNode[c.node] = (byNode[c.node] || 0) + 1;
		const failing = results.inputs.filter((r) => r.problems.length);
		table.check(
			'Malformed inputs',
			'refused, item-indexed, naming the field',
			chosen.length - failing.length,
			`all ${chosen.length} (≥ 40)`,
			(v) => v === chosen.length && chosen.length >= 40,
			{
				note: Object.entries(byNode)
					.map(([n, k]) => `${n} ${k}`)
					.join(', '),
			},
		);
		table.check(
			'Malformed inputs',
			'continueOnFail: error items instead',
			results.inputs.filter((r) => !r.problems.some((p) => /continueOnFail|error item/.test(p)))
				.length,
			`${chosen.length}`,
			(v) => v === chosen.length,
		);
		table.check(
			'Malformed inputs',
			'partial writes',
			results.inputs.filter((r) => r.problems.some((p) => /state changed/.test(p))).length,
			'0',
			(v) => v === 0,
		);
		if (failing.length) results.failing = failing;

		if (!args.only) {
			progress('webhook deliveries');
			const w = await webhooks(env);
			results.webhooks = w;
			const forged = w.outcomes.filter(
				(o) => !o.label.startsWith('sandbox') && o.label !== 'genuine',
			);
			table.check(
				'Smokeball webhooks',
				'unsigned, forged, tampered (headers or body), oversized, replayed, redelivered after a restart, own-write echo (Options empty) accepted',
				forged.filter((o) => o.accepted).length,
				'0',
				(v) => v === 0,
				{
					note: `${forged.length} deliveries: ${[...new Set(forged.map((o) => o.status))].join('/')}`,
				},
			);
			table.check(
				'Smokeball webhooks',
				'genuine event sent twice + once by hand: emitted',
				w.emitted,
				'2 (once per event)',
				(v) => v === 2,
				{
					note: w.accepted.join(', '),
				},
			);

			progress('wrong keys');
			const keys = await wrongKeys(env, scanner);
			results.wrongKeys = keys;
			table.check(
				'Wrong keys',
				'refused without showing the key',
				keys.filter((k) => k.refused && !k.leaks).length,
				`${keys.length} systems`,
				(v) => v === keys.length,
			);
		}
	} finally {
		scanner.addSecrets(credentialSecrets(env.credentials));
		await env.close();
	}
	// Control: the search itself finds a key planted in an output item, an error and a log line.
	const control = createSecretScanner();
	const planted = env.credentials.casePeerApi.apiKey;
	control.addSecrets([planted]);
	control.output('control', [{ json: { note: `key ${planted}` } }]);
	control.error(
		'control',
		Object.assign(new Error('refused'), { description: `Bearer ${planted}` }),
	);
	control.logs('control', [{ level: 'error', m: planted }]);
	table.check('Secrets', 'control: planted keys found', control.leaks.length, '3', (v) => v === 3);
	return finish('abuse', {
		table,
		args,
		results,
		secrets: scanner.summary(),
		title: `npm run abuse: ${((Date.now() - started) / 1000).toFixed(0)} s`,
		explain(all) {
			for (const f of all.failing || [])
				process.stderr.write(`- ${f.id}: ${f.problems.join('; ')}\n`);
			if (all.webhooks)
				process.stderr.write(`webhooks: ${JSON.stringify(all.webhooks.outcomes)}\n`);
			if (all.wrongKeys) process.stderr.write(`wrong keys: ${JSON.stringify(all.wrongKeys)}\n`);
		},
	});
}

runAsScript(module, main);

module.exports = { main };
