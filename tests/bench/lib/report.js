// Command-line options, progress lines and the one table every suite prints, with a target check per row, and
// how every suite ends.
const fs = require('node:fs');
const { parseArgs: parseArgsStrict } = require('node:util');
const { secretsNote } = require('./secrets');

/** The options every suite takes; a suite adds its own (sizeOptions, --rate, --verbose). */
const COMMON_OPTIONS = {
	small: { type: 'boolean' },
	only: { type: 'string' },
	seed: { type: 'string' },
	json: { type: 'string' },
};

/** --<name>.<size-key> value for each scenario or pipeline: one of its sizes, e.g. --bulk-import.cases 2000. */
function sizeOptions(suites) {
	const options = {};
	for (const suite of suites)
		for (const size of Object.values(suite.sizes))
			for (const key of Object.keys(size)) options[`${suite.name}.${key}`] = { type: 'string' };
	return options;
}

/** node:util's parseArgs over COMMON_OPTIONS and `options` (an unknown flag is refused); numbers read as numbers. */
function parseArgs(argv, options = {}) {
	const { values } = parseArgsStrict({ args: argv, options: { ...COMMON_OPTIONS, ...options } });
	return Object.fromEntries(
		Object.entries(values).map(([key, value]) => [
			key,
			typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))
				? Number(value)
				: value,
		]),
	);
}

/** Progress on stderr, so stdout carries only the table (and the JSON when asked). */
function progress(message) {
	process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

const fmt = (v) => {
	if (typeof v === 'number') {
		if (Number.isInteger(v)) return v.toLocaleString('en-US');
		return (
			Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2)
		).replace(/\.?0+$/, (m) => (m.startsWith('.') ? '' : m));
	}
	return String(v);
};

/**
 * Collects rows { scenario, figure, value, unit, target, ok, note } and prints them as one table; ok === null means
 * "reported, no target".
 */
function createTable() {
	const rows = [];
	return {
		rows,
		add(scenario, figure, value, { unit = '', target = '', ok = null, note = '' } = {}) {
			rows.push({ scenario, figure, value, unit, target, ok, note });
		},
		/** A row with a target: `check(value)` decides. */
		check(scenario, figure, value, target, check, opts = {}) {
			rows.push({
				scenario,
				figure,
				value,
				unit: opts.unit || '',
				target,
				ok: Boolean(check(value)),
				note: opts.note || '',
			});
		},
		misses() {
			return rows.filter((r) => r.ok === false);
		},
		print(stream = process.stdout) {
			const head = ['Scenario', 'Figure', 'Measured', 'Target', ''];
			const body = rows.map((r) => [
				r.scenario,
				r.figure,
				`${fmt(r.value)}${r.unit ? ` ${r.unit}` : ''}${r.note ? `  (${r.note})` : ''}`,
				r.target,
				r.ok === null ? '' : r.ok ? 'ok' : 'MISSED',
			]);
			const widths = head.map((h, i) =>
				Math.max(h.length, ...body.map((b) => String(b[i]).length)),
			);
			const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
			stream.write(`${line(head)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
			for (const b of body) stream.write(`${line(b)}\n`);
		},
	};
}

/** p-th percentile (0..100) by nearest rank. */
function percentile(values, p) {
	if (!values.length) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
	return sorted[rank - 1];
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * How every suite ends: the secrets row, the title line, the table, the JSON (--json), and the exit code: 1 with
 * the missed targets (and `explain(results)`'s details) on stderr when a target was missed.
 */
function finish(suite, { table, args, results, secrets, title, explain }) {
	table.check(
		'Secrets',
		'canary keys in outputs, errors, logs',
		secrets.leaks,
		'0',
		(v) => v === 0,
		{
			note: secretsNote(secrets),
		},
	);
	process.stdout.write(`\n${title}\n`);
	table.print();
	if (args.json)
		fs.writeFileSync(
			String(args.json),
			`${JSON.stringify({ args, results, secrets, rows: table.rows }, null, 2)}\n`,
		);
	const misses = table.misses();
	if (!misses.length) {
		process.stdout.write(`${suite}: all targets met\n`);
		return 0;
	}
	process.stderr.write(
		`${suite}: ${misses.length} target(s) missed:\n${misses.map((m) => `- ${m.scenario}: ${m.figure} = ${m.value}`).join('\n')}\n`,
	);
	if (explain) explain(results);
	if (secrets.leaks) process.stderr.write(`leaks: ${JSON.stringify(secrets.firstLeaks)}\n`);
	return 1;
}

/** Runs a suite's main when the file is run as a script; its return value is the exit code. */
function runAsScript(mod, main) {
	if (require.main !== mod) return;
	main(process.argv.slice(2)).then(
		(code) => (process.exitCode = code),
		(error) => {
			process.stderr.write(`${error.stack}\n`);
			process.exit(1);
		},
	);
}

module.exports = {
	parseArgs,
	sizeOptions,
	progress, createTable, percentile, fmt, sleep, finish, runAsScript };
