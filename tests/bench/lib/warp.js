// Hours of a polling process in minutes: a clock for the pack's nodes (nodes/shared/clock.ts) and the sandbox that
// runs at real speed while something works and jumps over every wait. now() = real time + the waits skipped so far;
// clock.sleep(ms) (rate-limit pacing, retry back-off) returns at once and moves now() on by ms; idle time until the
// next poll is skipped the same way. So every request, every response and the work between them take their real
// time, and only waiting is free. The sandbox's rate limits and write stamps follow the same clock (pass `now` as
// its `clock`), so it still refuses anything faster than the vendor's limit. Events due inside a skipped wait
// (a note a person writes) fire at their own moment, in order.
// One flow at a time: two flows sleeping at once would both move the clock.
const { clock } = require('../../../nodes/shared/clock.ts');

function createWarp() {
	const original = { ...clock };
	let skipped = 0;
	let events = []; // [{ at, fire }] sorted by at
	const now = () => Date.now() + skipped;

	/** Moves the clock to `target` (ms), firing every event due on the way at its own time. */
	async function advanceTo(target) {
		while (events.length && events[0].at <= target) {
			const next = events.shift();
			if (next.at > now()) skipped += next.at - now();
			await next.fire();
		}
		if (target > now()) skipped += target - now();
	}

	return {
		now,
		/** The node clock follows this one from now on. */
		install() {
			clock.now = now;
			clock.sleep = async (ms) => {
				if (ms > 0) await advanceTo(now() + ms);
			};
		},
		restore() {
			Object.assign(clock, original);
		},
		advanceTo,
		/** `fire` runs when the clock reaches `at` (within a skipped wait, or at the next one after it). */
		schedule(at, fire) {
			events.push({ at, fire });
			events.sort((a, b) => a.at - b.at);
		},
		/** Events not fired yet. */
		pending: () => events.length,
		skippedMs: () => skipped,
		clear() {
			events = [];
		},
	};
}

module.exports = { createWarp };
