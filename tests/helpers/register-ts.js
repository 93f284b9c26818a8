// Lets plain Node scripts (benchmarks, the demo's checks) load the TypeScript sources directly, as ts-jest does
// for the tests: each .ts file is transpiled on require, without type checking (tsc and lint do that).
const fs = require('node:fs');
const ts = require('typescript');

if (!require.extensions['.ts']) {
	require.extensions['.ts'] = (module, filename) => {
		const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
			fileName: filename,
			compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2019, esModuleInterop: true },
		});
		module._compile(outputText, filename);
	};
}
