// Each service package's README, written from what stays true by construction: the node and credential
// descriptions (operations, events, fields), the repository README's credential section for that system, the
// templates' own rows in workflows/README.md, and the n8n version the e2e tests run.
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, PACKAGE } = require('./services');

const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

/** "Resource | Operations" rows of an action node's description. */
function operationRows(type) {
	const resource = type.properties.find((p) => p.name === 'resource');
	if (!resource) return [];
	return resource.options
		.filter((r) => r.value !== CUSTOM_API_CALL)
		.map((r) => {
			const ops = type.properties.filter((p) => p.name === 'operation' && (p.displayOptions?.show?.resource || []).includes(r.value));
			const names = ops.flatMap((p) => p.options.filter((o) => o.value !== CUSTOM_API_CALL).map((o) => o.name));
			return `| ${r.name} | ${names.join(', ')} |`;
		});
}

/** What starts a trigger: its event (or events) options. */
function triggerEvents(type) {
	const prop = type.properties.find((p) => ['event', 'events'].includes(p.name) && Array.isArray(p.options));
	return prop ? prop.options.map((o) => o.name) : [];
}

/** A `### <heading>` section (to the next heading of level ≤ 3) inside a `## <parent>` section of a Markdown file. */
function markdownSection(markdown, parent, heading) {
	const start = markdown.indexOf(`\n## ${parent}\n`);
	if (start < 0) return null;
	const lines = markdown.slice(start + 1).split('\n').slice(1);
	const from = lines.findIndex((l) => l === `### ${heading}` || /^## /.test(l));
	if (from < 0 || !lines[from].startsWith('### ')) return null;
	const to = lines.findIndex((l, i) => i > from && /^#{1,3} /.test(l));
	return lines.slice(from + 1, to < 0 ? undefined : to).join('\n').trim();
}

/** The template rows of workflows/README.md: { file → { title, trigger, what } }. */
function templateRows() {
	const rows = {};
	const text = fs.readFileSync(path.join(ROOT, 'workflows/README.md'), 'utf8');
	for (const line of text.split('\n')) {
		const m = /^\| `([^`]+\.json)`: \*\*([^*]+)\*\*[^|]* \| ([^|]*) \| ([^|]*) \|/.exec(line);
		if (m) rows[m[1]] = { title: m[2], trigger: m[3].trim(), what: m[4].trim() };
	}
	return rows;
}

/** The n8n version the e2e tests and the demo run (scripts/n8n-runtime.sh). */
function testedN8nVersion() {
	const m = /N8N_VERSION="\$\{LEGAL_SYNC_N8N_VERSION:-([^}]+)\}"/.exec(fs.readFileSync(path.join(ROOT, 'scripts/n8n-runtime.sh'), 'utf8'));
	return m ? m[1] : 'unknown';
}

/**
 * @param service   one entry of services()
 * @param templates [{ file, workflow, packages: [package names it needs] }]: the service-package copy of workflows/
 */
function packageReadme(service, templates) {
	const rootReadme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
	const nodeNames = service.nodes.map((n) => `**${n.type.displayName}**`).join(' and ');
	const out = [
		`# ${service.name}`,
		'',
		`${service.description}. An n8n community node package with the ${nodeNames} node${service.nodes.length > 1 ? 's' : ''} and the ` +
			`${service.credentials.map((c) => `**${c.type.displayName}**`).join(', ')} credential. It is one of the six service packages built from ` +
			`[${PACKAGE.name}](${PACKAGE.homepage}), the pack of nodes that move cases, clients, messages and documents between the systems law firms ` +
			`run on; install only the systems you use, or ${PACKAGE.name} for all six in one package.`,
		'',
		'## Install',
		'',
		`In n8n: *Settings › Community Nodes › Install*, and enter \`${service.name}\`. Self-hosted n8n can also install it with npm in ` +
			`\`~/.n8n/nodes\` (\`npm install ${service.name}\`) and restart. No runtime dependencies: the shared sync toolkit (retries, rate ` +
			'limits, paging, validation) is compiled in.',
		'',
		'## Nodes and operations',
	];
	for (const { type } of service.nodes) {
		out.push('', `### ${type.displayName}`, '', `${type.description}.`);
		const rows = operationRows(type);
		if (rows.length) out.push('', '| Resource | Operations |', '|---|---|', ...rows);
		const events = triggerEvents(type);
		if (events.length) {
			const kind = type.webhooks ? 'Webhook trigger' : type.polling ? 'Polling trigger' : 'Trigger';
			out.push('', `${kind}. Events: ${events.join(', ')}.`);
		}
		if (type.usableAsTool) out.push('', 'Usable as a tool by n8n\'s AI Agent.');
	}
	out.push('', '## Credentials');
	for (const { type } of service.credentials) {
		const fields = type.properties.filter((p) => p.type !== 'hidden').map((p) => p.displayName);
		out.push('', `### ${type.displayName}`, '');
		const prose = markdownSection(rootReadme, 'Credentials', service.displayName);
		if (prose) out.push(prose, '');
		out.push(`Fields: ${fields.join(', ')}.${type.test ? ' Its **Test** calls the system with what you entered.' : ''}`);
	}
	out.push(
		'',
		'## Compatibility',
		'',
		`- Tested end to end in n8n ${testedN8nVersion()} (self-hosted, Node 24), loaded alone and beside the other service packages.`,
		'- n8n nodes API version 1, strict mode (`n8n-node lint` clean), and n8n\'s own package scanner passing on the source and the tarball.',
		'- No runtime dependencies; `n8n-workflow` is a peer dependency that n8n provides. No environment or file access.',
		`- Versions of the seven packages (${PACKAGE.name} and the six service packages) move together: the same version holds the same code.`,
	);
	if (templates.length) {
		const rows = templateRows();
		out.push(
			'',
			'## Example workflows',
			'',
			`Templates that use this package, described in [workflows/README.md](${PACKAGE.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')}/blob/main/workflows/README.md). ` +
				'The repository\'s `workflows/` folder holds them for the full pack; `npm run build:packages` writes the copy whose node types name ' +
				'the service packages to `build/packages/workflows/`. Install every package a template needs.',
			'',
			'| Template | Install | Trigger | What it does |',
			'|---|---|---|---|',
		);
		for (const t of templates) {
			const row = rows[t.file] || { title: t.workflow.name, trigger: '', what: '' };
			out.push(`| \`${t.file}\`: **${row.title}** | ${t.packages.map((p) => `\`${p}\``).join(' + ')} | ${row.trigger} | ${row.what} |`);
		}
	}
	out.push('', '## Changes', '', 'See [CHANGELOG.md](CHANGELOG.md).', '', '## License', '', 'MIT', '');
	return out.join('\n');
}

/** The package's CHANGELOG: the pack's, whose entries cover the seven packages (their versions move together). */
function packageChangelog(service) {
	const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
	return changelog.replace(
		/^# Changelog\n/,
		`# Changelog\n\n${service.name} is built from ${PACKAGE.name} and released with it under the same version; the entries below cover all seven packages.\n`,
	);
}

module.exports = { packageReadme, packageChangelog, operationRows, testedN8nVersion };
