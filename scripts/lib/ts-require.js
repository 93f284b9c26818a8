// Lets Node's require load the TypeScript sources (transpiled in memory, no type check), so the service packages'
// files can be generated from nodes/ and credentials/ without a build. Under jest, ts-jest does this already.
const fs = require('node:fs');
const ts = require('typescript');

function register() {
	if (require.extensions['.ts']) return;
	require.extensions['.ts'] = (module, filename) => {
		const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
			fileName: filename,
			compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2019, esModuleInterop: true, resolveJsonModule: true },
		});
		module._compile(outputText, filename);
	};
}

module.exports = { register };
