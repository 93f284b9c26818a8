'use strict';

// Routing: a route's path with :params → a regexp; the route for a method and path, or the methods allowed there.

function escapeRe(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** '/v1/api/cases/:id' → { re, names }. Params match one path segment. */
function compileRoute(route) {
	const names = [];
	const source = route.path
		.split('/')
		.map((seg) => {
			if (seg.startsWith(':')) {
				names.push(seg.slice(1));
				return '([^/]+)';
			}
			return escapeRe(seg);
		})
		.join('/');
	return { ...route, method: route.method.toUpperCase(), re: new RegExp(`^${source}$`), names };
}

/** → { route, params } | { allowed: [methods] } when only the method is wrong | null. */
function matchRoute(routes, method, path) {
	const allowed = [];
	for (const route of routes) {
		const m = route.re.exec(path);
		if (!m) continue;
		if (route.method !== method) {
			allowed.push(route.method);
			continue;
		}
		const params = {};
		route.names.forEach((name, i) => {
			try {
				params[name] = decodeURIComponent(m[i + 1]);
			} catch {
				params[name] = m[i + 1];
			}
		});
		return { route, params };
	}
	return allowed.length ? { allowed } : null;
}

module.exports = { compileRoute, matchRoute };
