// Runs some tests of another test file: requires it with `test` narrowed to the names that match, so its other tests
// are not defined at all (not skipped). A pattern that matches no test fails, so a renamed test cannot drop out.
function requireTests(file, patterns) {
	const realTest = global.test;
	const matched = new Set();
	global.test = Object.assign((name, ...rest) => {
		const pattern = patterns.find((p) => p.test(name));
		if (!pattern) return;
		matched.add(pattern);
		realTest(name, ...rest);
	}, realTest);
	try {
		require(file);
	} finally {
		global.test = realTest;
	}
	const missing = patterns.filter((p) => !matched.has(p));
	if (missing.length) throw new Error(`${file}: no test matches ${missing.join(', ')}`);
}

module.exports = { requireTests };
