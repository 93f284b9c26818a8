'use strict';

// Every emulated system, mounted by sandbox/server.js under its own prefix. Add a system here (one line) after
// writing its folder: { name, prefix, auth, keys, demoKey, rateLimit, seed, generate?, routes, adminRoutes? }.
module.exports = [
	require('./case-status'),
	require('./casepeer'),
	require('./officetools'),
	require('./dps-one-office'),
	require('./perfect-portal'),
	require('./smokeball'),
];
