'use strict';

// The OfficeTools sandbox clock. Retention is about days, so the emulator keeps its own time: it starts at
// SEED_NOW on every reset, runs with real time from there, and tests (or templates) move it forward with
// POST /__admin/officetools/clock to make the 30-day policy remove files. Write stamps never go backwards, so
// (updated_at, id) keysets stay gap-free.

const MINUTE = 60000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Two weeks before the old portal's end of support, 31 January 2023 (docs/api/officetools.md). */
const SEED_NOW = Date.UTC(2023, 0, 16, 15, 0, 0);

function startClock() {
	return {
		seed_now: new Date(SEED_NOW).toISOString(),
		advanced_ms: 0,
		started_real_ms: Date.now(),
		last_ms: SEED_NOW,
	};
}

/** The sandbox's current time in ms (reads do not stamp). */
function clockNow(state) {
	const c = state.clock || (state.clock = startClock());
	const ms =
		Date.parse(c.seed_now) +
		(c.advanced_ms || 0) +
		Math.max(0, Date.now() - (c.started_real_ms || Date.now()));
	return Math.max(ms, c.last_ms || 0);
}

/** A write stamp: now, never before the previous stamp. */
function stamp(state) {
	const ms = clockNow(state);
	state.clock.last_ms = ms;
	return new Date(ms).toISOString();
}

/** Moves the clock forward by `ms` (never back). */
function advance(state, ms) {
	clockNow(state);
	state.clock.advanced_ms = (state.clock.advanced_ms || 0) + Math.max(0, ms);
	return clockNow(state);
}

module.exports = { SEED_NOW, MINUTE, HOUR, DAY, startClock, clockNow, stamp, advance };
