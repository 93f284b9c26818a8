// n8n calls a node's dropdown (loadOptionsMethod) and search (listSearch) methods on that node only: a field that names
// one the node does not declare answers 400 in the editor. Every node of the pack, actions and triggers alike.
const path = require('node:path');
const PACKAGE = require('../../package.json');

const ROOT = path.join(__dirname, '..', '..');

/** Every method name the description's fields ask for, with where. */
function wanted(value, where, out = []) {
	if (Array.isArray(value)) value.forEach((v, i) => wanted(v, `${where}[${i}]`, out));
	else if (value && typeof value === 'object') {
		const t = value.typeOptions;
		if (t && t.loadOptionsMethod) out.push(['loadOptions', t.loadOptionsMethod, `${where} ${value.name}`]);
		if (value.type === 'resourceLocator')
			for (const mode of value.modes || [])
				if (mode.typeOptions && mode.typeOptions.searchListMethod)
					out.push(['listSearch', mode.typeOptions.searchListMethod, `${where} ${value.name}`]);
		for (const [k, v] of Object.entries(value)) if (k !== 'typeOptions') wanted(v, `${where}.${k}`, out);
	}
	return out;
}

const nodes = PACKAGE.n8n.nodes.map((file) => {
	const source = path.join(ROOT, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	const mod = require(source);
	const Type = Object.values(mod).find((v) => typeof v === 'function');
	return [path.basename(source), new Type()];
});

test.each(nodes)('%s declares every dropdown and search method its fields name', (_file, node) => {
	const descriptions = node.nodeVersions ? Object.values(node.nodeVersions).map((v) => [v, v.description]) : [[node, node.description]];
	for (const [impl, description] of descriptions) {
		const missing = wanted(description.properties, description.name).filter(
			([kind, name]) => !(impl.methods && impl.methods[kind] && typeof impl.methods[kind][name] === 'function'),
		);
		expect(missing).toEqual([]);
	}
});
