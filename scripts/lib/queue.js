// n8n in queue mode, as a firm or provider runs it when one process is not enough: PostgreSQL and Redis from
// Debian's packages on local ports, a main instance (editor, REST, schedules, polling triggers), workers that run
// the executions, and a webhook processor that takes webhook calls; all sharing one database, one Redis, one
// encryption key and one user folder with the pack installed (n8n's docs: install community packages on every
// instance). `n8n execute` ignores queue mode, so workflows run through REST as the editor runs them.
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { N8n, ensureRuntime, setupOwner } = require('./n8n');

const PG_ROOT = '/usr/lib/postgresql';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function pgBin(name) {
	const versions = fs.existsSync(PG_ROOT)
		? fs.readdirSync(PG_ROOT).filter((v) => fs.existsSync(path.join(PG_ROOT, v, 'bin', name)))
		: [];
	versions.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(PG_ROOT, versions[0], 'bin', name) : null;
}

function onPath(name) {
	return process.env.PATH.split(':').some((dir) => fs.existsSync(path.join(dir, name)));
}

/** Installs Debian's postgresql and redis-server when missing (as root, or through sudo). */
function ensurePackages({ log = () => {} } = {}) {
	const missing = [];
	if (!pgBin('postgres')) missing.push('postgresql');
	if (!onPath('redis-server') && !fs.existsSync('/usr/bin/redis-server'))
		missing.push('redis-server');
	if (!missing.length) return;
	log(`installing ${missing.join(' and ')} from Debian's packages (apt-get)`);
	const sudo = process.getuid && process.getuid() === 0 ? [] : ['sudo'];
	const run = (args) =>
		execFileSync(sudo[0] || args[0], sudo.length ? args : args.slice(1), {
			stdio: ['ignore', 'ignore', 'inherit'],
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
	run(['apt-get', 'update', '-qq']);
	run(['apt-get', 'install', '-y', '-qq', ...missing]);
}

/** A port nobody listens on right now. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

async function waitForPort(port, proc, what, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (proc.exitCode !== null)
			throw new Error(`${what} exited with ${proc.exitCode} while starting`);
		const open = await new Promise((resolve) => {
			const socket = net.connect(port, '127.0.0.1', () => {
				socket.end();
				resolve(true);
			});
			socket.on('error', () => resolve(false));
		});
		if (open) return;
		if (Date.now() > deadline)
			throw new Error(`${what} did not listen on ${port} within ${timeoutMs / 1000} s`);
		await sleep(200);
	}
}

/** The uid/gid of the postgres user when running as root: initdb and postgres refuse to run as root. */
function postgresUser() {
	if (!process.getuid || process.getuid() !== 0) return {};
	const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
	return { uid, gid };
}

/** A throwaway PostgreSQL cluster on a local port (trust auth, no fsync: test data only). */
async function startPostgres(dir, port, logFile) {
	const user = postgresUser();
	const data = path.join(dir, 'data');
	fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
	if (user.uid !== undefined) fs.chownSync(dir, user.uid, user.gid);
	const env = { PATH: process.env.PATH, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
	execFileSync(
		pgBin('initdb'),
		['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'],
		{ ...user, env, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
	);
	const out = fs.openSync(logFile, 'a');
	const proc = spawn(
		pgBin('postgres'),
		[
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		],
		{ ...user, env, cwd: dir, stdio: ['ignore', out, out] },
	);
	await waitForPort(port, proc, 'PostgreSQL');
	for (let i = 0; ; i++) {
		try {
			execFileSync(
				pgBin('createdb'),
				['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'n8n'],
				{ env, stdio: 'pipe' },
			);
			break;
		} catch (error) {
			if (i >= 20) throw error; // still starting up ("the database system is starting up")
			await sleep(250);
		}
	}
	return proc;
}

async function startRedis(dir, port, logFile) {
	fs.mkdirSync(dir, { recursive: true });
	const out = fs.openSync(logFile, 'a');
	const proc = spawn(
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--loglevel',
			'warning',
		],
		{ cwd: dir, stdio: ['ignore', out, out] },
	);
	await waitForPort(port, proc, 'Redis');
	return proc;
}

/** Pids of a process's descendants (its task runner), read from /proc. */
function descendants(pid) {
	const children = new Map();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (!children.has(ppid)) children.set(ppid, []);
			children.get(ppid).push(Number(entry));
		} catch {
			// gone meanwhile
		}
	}
	const out = [];
	const walk = (p) => (children.get(p) || []).forEach((c) => out.push(c) && walk(c));
	walk(pid);
	return out;
}

const running = (proc) => proc.exitCode === null && proc.signalCode === null;

/** A pid with its start time, so a later kill cannot hit another process that reused the pid. */
function identity(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return { pid, start: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] };
	} catch {
		return { pid, start: null };
	}
}

function killIfSame({ pid, start }) {
	if (start === null || identity(pid).start !== start) return;
	try {
		process.kill(pid, 'SIGKILL');
	} catch {
		// gone meanwhile
	}
}

/** utime + stime of one process, in seconds (0 when it is gone). */
function cpuOf(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks (USER_HZ, 100 on Linux)
	} catch {
		return 0;
	}
}

/** Resident and peak resident memory of one process, in bytes (0 when it is gone). */
function memoryOf(pid) {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (field) =>
			Number((new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status) || [])[1] || 0) * 1024;
		return { rss: kb('VmRSS'), peak: kb('VmHWM') };
	} catch {
		return { rss: 0, peak: 0 };
	}
}

class QueueStack {
	/**
	 * @param {object} o
	 * @param {number} [o.workers=2]      worker processes
	 * @param {number} [o.concurrency=5]  executions each worker runs at once (`n8n worker --concurrency`)
	 * @param {boolean} [o.webhook=true]  a webhook processor (`n8n webhook`); production webhook URLs point at it
	 * @param {boolean} [o.mainWebhooks=false] main answers production webhooks too (false: only the webhook processor)
	 * @param {string} [o.dir]            where the cluster, Redis and n8n's user folder live (a temp folder)
	 * @param {object} [o.env]            extra environment for every n8n process
	 * @param {number} [o.mainPort]       the editor's port (random when left out)
	 * @param {(line: string) => void} [o.log]
	 */
	constructor(o = {}) {
		this.options = {
			workers: 2,
			concurrency: 5,
			webhook: true,
			mainWebhooks: false,
			env: {},
			log: () => {},
			...o,
		};
		this.dir = o.dir || fs.mkdtempSync(path.join(os.tmpdir(), 'legal-sync-queue-'));
		fs.chmodSync(this.dir, 0o711); // the postgres user must reach its cluster inside; nobody may list the folder
		this.userFolder = path.join(this.dir, 'n8n');
		this.logs = path.join(this.dir, 'logs');
		fs.mkdirSync(this.logs, { recursive: true });
		this.workers = [];
		this.session = null;
	}

	/** Environment every n8n process of this stack shares. */
	sharedEnv() {
		const { ports } = this;
		return {
			EXECUTIONS_MODE: 'queue',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(ports.redis),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(ports.postgres),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
			// Production webhook URLs (the Smokeball subscriptions) point at the webhook processor. N8N_WEBHOOK_URL is
			// 2.x's name; WEBHOOK_URL (deprecated) is what lib/n8n.js sets, so both say the same.
			N8N_WEBHOOK_URL: `http://127.0.0.1:${this.options.webhook ? ports.webhook : ports.main}/`,
			WEBHOOK_URL: `http://127.0.0.1:${this.options.webhook ? ports.webhook : ports.main}/`,
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${ports.main}/`,
			...this.options.env,
		};
	}

	/** One n8n process of the stack: its own HTTP and task-runner broker ports, log and event-log file. */
	instance(name, port, env = {}) {
		return new N8n({
			runtime: this.runtime,
			userFolder: this.userFolder,
			port,
			env: {
				...this.sharedEnv(),
				N8N_PORT: String(port),
				N8N_RUNNERS_BROKER_PORT: String(this.ports.broker[name]),
				N8N_EVENTBUS_LOGWRITER_LOGBASENAME: `n8nEventLog-${name}`,
				...env,
			},
		});
	}

	logFile(name) {
		return path.join(this.logs, `${name}.log`);
	}

	/** PostgreSQL, Redis and the n8n folder with the pack installed; n8n itself starts with start(). */
	async prepare({ tarball }) {
		const { log } = this.options;
		ensurePackages({ log });
		this.runtime = ensureRuntime();
		const ports = {
			postgres: await freePort(),
			redis: await freePort(),
			main: this.options.mainPort || (await freePort()),
			webhook: await freePort(),
			broker: {},
		};
		for (const name of [
			'main',
			'webhook',
			...Array.from({ length: this.options.workers + 2 }, (_, i) => `worker${i + 1}`),
		])
			ports.broker[name] = await freePort();
		this.ports = ports;
		log(`PostgreSQL on ${ports.postgres}, Redis on ${ports.redis}`);
		this.postgres = await startPostgres(
			path.join(this.dir, 'postgres'),
			ports.postgres,
			this.logFile('postgres'),
		);
		this.redis = await startRedis(path.join(this.dir, 'redis'), ports.redis, this.logFile('redis'));
		this.main = this.instance(
			'main',
			ports.main,
			this.options.mainWebhooks ? {} : { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
		);
		if (tarball) this.main.installPackage(tarball); // one user folder: every instance loads the same install
		return this;
	}

	/** Imports workflows (objects or JSON files) with one CLI call: each call costs n8n's start-up. */
	async importWorkflows(workflows) {
		const folder = fs.mkdtempSync(path.join(this.dir, 'import-'));
		for (const [i, wf] of workflows.entries()) {
			const json = typeof wf === 'string' ? fs.readFileSync(wf, 'utf8') : JSON.stringify(wf);
			fs.writeFileSync(path.join(folder, `${String(i).padStart(3, '0')}.json`), json);
		}
		await this.main.cli(['import:workflow', '--separate', `--input=${folder}`]);
		fs.rmSync(folder, { recursive: true, force: true });
	}

	/** Publishes (activates) a workflow through main, as the editor's toggle does: main starts its triggers. */
	async activate(workflowId) {
		const { versionId } = await this.rest('GET', `/workflows/${workflowId}`);
		return this.rest('POST', `/workflows/${workflowId}/activate`, { versionId });
	}

	async startProcess(n8n, name, options) {
		const out = fs.openSync(this.logFile(name), 'a');
		const url = await n8n.start({ stdio: ['ignore', out, out], ...options });
		fs.closeSync(out);
		return url;
	}

	/** Starts main (first: it runs the migrations), then the workers and the webhook processor. */
	async start() {
		const { log, workers, webhook } = this.options;
		this.url = await this.startProcess(this.main, 'main');
		log(`main: ${this.url}`);
		const starting = [];
		for (let i = 0; i < workers; i++) starting.push(this.startWorker());
		if (webhook) {
			this.webhook = this.instance('webhook', this.ports.webhook);
			starting.push(
				this.startProcess(this.webhook, 'webhook', { command: 'webhook' }).then(
					(url) => (this.webhookUrl = url),
				),
			);
		}
		await Promise.all(starting);
		log(
			`${this.workers.length} worker(s) (concurrency ${this.options.concurrency}), webhook processor: ${this.webhookUrl || 'none'}`,
		);
		return this;
	}

	/** Starts one more worker; resolves it once its health check answers. */
	async startWorker() {
		const slot = this.workers.push(null) - 1; // claimed before any await: workers start side by side
		const name = `worker${slot + 1}`;
		const port = await freePort();
		if (!this.ports.broker[name]) this.ports.broker[name] = await freePort();
		const worker = this.instance(name, port, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(port),
		});
		worker.name = name;
		this.workers[slot] = worker;
		await this.startProcess(worker, name, {
			command: 'worker',
			args: [`--concurrency=${this.options.concurrency}`],
		});
		return worker;
	}

	/** Kills a worker at once (SIGKILL, its task runner too), as a crashed machine would. */
	killWorker(worker) {
		const runners = descendants(worker.proc.pid).map(identity);
		worker.proc.kill('SIGKILL');
		for (const runner of runners) killIfSame(runner);
	}

	/** The worker whose log says it started this execution, or undefined. */
	workerOf(executionId) {
		return this.workers.find((w) =>
			new RegExp(`Worker started execution ${executionId}\\b`).test(
				fs.readFileSync(this.logFile(w.name), 'utf8'),
			),
		);
	}

	/** Resident memory of each n8n process (and its task runner), now and at its peak, in bytes. */
	memory() {
		const out = {};
		const add = (name, n8n) => {
			if (!n8n || !n8n.proc || !running(n8n.proc)) return;
			const own = memoryOf(n8n.proc.pid);
			const runner = descendants(n8n.proc.pid)
				.map(memoryOf)
				.reduce((a, m) => ({ rss: a.rss + m.rss, peak: a.peak + m.peak }), { rss: 0, peak: 0 });
			out[name] = { ...own, runnerRss: runner.rss, runnerPeak: runner.peak };
		};
		add('main', this.main);
		add('webhook', this.webhook);
		for (const w of this.workers) add(w.name, w);
		return out;
	}

	/** CPU seconds each process of the stack has used so far (an n8n process with its task runner; PostgreSQL's all). */
	cpuSeconds() {
		const out = {};
		const add = (name, proc) => {
			if (!proc || !running(proc)) return;
			out[name] = [proc.pid, ...descendants(proc.pid)].reduce((sum, pid) => sum + cpuOf(pid), 0);
		};
		add('main', this.main && this.main.proc);
		add('webhook', this.webhook && this.webhook.proc);
		for (const w of this.workers) add(w.name, w.proc);
		add('postgres', this.postgres);
		add('redis', this.redis);
		return out;
	}

	/** n8n's REST API as the owner (created on first use), as the editor calls it. */
	async rest(method, route, body) {
		if (!this.session) this.session = await setupOwner(this.url);
		const res = await fetch(`${this.url}/rest${route}`, {
			method,
			headers: { ...this.session, 'content-type': 'application/json' },
			body: body ? JSON.stringify(body) : undefined,
		});
		const json = await res.json().catch(() => null);
		if (!res.ok)
			throw new Error(
				`${method} /rest${route} answered ${res.status}: ${JSON.stringify(json).slice(0, 500)}`,
			);
		return json && json.data !== undefined ? json.data : json;
	}

	/** The editor's "Execute workflow" from a trigger (default "Run now"): enqueued for a worker; its execution id. */
	async enqueue(workflowId, trigger = 'Run now') {
		const { executionId } = await this.rest('POST', `/workflows/${workflowId}/run`, {
			triggerToStartFrom: { name: trigger },
		});
		return executionId;
	}

	/** Waits for an execution to end; { id, status, byNode(name, output) }. */
	async waitFor(executionId, timeoutMs = 300_000) {
		const { parse } = require(path.join(this.runtime.dir, 'node_modules/flatted'));
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.rest('GET', `/executions/${executionId}`);
			if (['success', 'error', 'crashed', 'canceled'].includes(execution.status)) {
				const resultData = execution.data ? parse(execution.data).resultData : {};
				const runData = resultData.runData || {};
				return {
					id: executionId,
					status: execution.status,
					error: resultData.error || null,
					startedAt: execution.startedAt,
					stoppedAt: execution.stoppedAt,
					byNode(name, output = 0) {
						const runs = runData[name];
						if (!runs) return undefined;
						return (runs[runs.length - 1]?.data?.main?.[output] || []).map((i) => i.json);
					},
				};
			}
			if (Date.now() > deadline)
				throw new Error(
					`execution ${executionId} did not finish within ${timeoutMs / 1000} s (status ${execution.status})`,
				);
			await sleep(300);
		}
	}

	/** Waits for several executions through the execution list (no run data: cheap to poll); their { id, status }. */
	async waitForAll(executionIds, timeoutMs = 1_800_000) {
		const wanted = new Set(executionIds.map(String));
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const page = await this.rest('GET', `/executions?limit=${Math.max(100, wanted.size * 4)}`);
			const ended = (page.results || page).filter(
				(e) =>
					wanted.has(String(e.id)) &&
					['success', 'error', 'crashed', 'canceled'].includes(e.status),
			);
			if (ended.length === wanted.size)
				return executionIds.map((id) => ended.find((e) => String(e.id) === String(id)));
			if (Date.now() > deadline)
				throw new Error(
					`${wanted.size - ended.length} execution(s) did not finish within ${timeoutMs / 1000} s`,
				);
			await sleep(250);
		}
	}

	/** Runs a workflow from its "Run now" trigger on a worker and waits for the end. */
	async runNow(workflowId, trigger) {
		return this.waitFor(await this.enqueue(workflowId, trigger));
	}

	/** Executions of a workflow, newest first (id, status, mode). */
	async executions(workflowId) {
		const page = await this.rest(
			'GET',
			`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`,
		);
		return page.results || page;
	}

	/** Waits until each production webhook path answers on `baseUrl` (a CORS preflight lists POST once registered). */
	async webhooksReady(paths, baseUrl = this.webhookUrl || this.url, timeoutMs = 60_000) {
		const deadline = Date.now() + timeoutMs;
		for (const p of paths) {
			for (;;) {
				const res = await fetch(`${baseUrl}/webhook/${p}`, {
					method: 'OPTIONS',
					headers: { origin: 'http://localhost' },
				}).catch(() => null);
				if (res && (res.headers.get('access-control-allow-methods') || '').includes('POST')) break;
				if (Date.now() > deadline)
					throw new Error(`webhook ${p} not registered on ${baseUrl} after ${timeoutMs / 1000} s`);
				await sleep(250);
			}
		}
	}

	async stop({ keep = false } = {}) {
		const n8ns = [this.webhook, ...this.workers, this.main].filter(
			(n) => n && n.proc && running(n.proc),
		);
		const runners = n8ns.flatMap((n) => descendants(n.proc.pid).map(identity));
		await Promise.all(n8ns.map((n) => n.stop().catch(() => undefined)));
		for (const runner of runners) killIfSame(runner); // a task runner its n8n did not stop in time
		for (const proc of [this.redis, this.postgres]) {
			if (!proc || !running(proc)) continue;
			const exited = new Promise((r) => proc.once('exit', r));
			proc.kill('SIGINT'); // PostgreSQL: fast shutdown; Redis: stops like SIGTERM
			const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
			await exited;
			clearTimeout(timer);
		}
		if (!keep) fs.rmSync(this.dir, { recursive: true, force: true });
	}
}

module.exports = { QueueStack, ensurePackages, freePort };
