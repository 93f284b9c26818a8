// Swaps the toolkit's clock for a fake one: sleeps return at once and advance time, and are recorded.
const { clock } = require('../../nodes/shared/clock');
const { resetBuckets } = require('../../nodes/shared/rateLimit');

function useFakeClock() {
	const original = { ...clock };
	const state = { now: 1_700_000_000_000, sleeps: [] };
	beforeEach(() => {
		state.now = 1_700_000_000_000;
		state.sleeps.length = 0;
		resetBuckets();
		clock.now = () => state.now;
		clock.sleep = async (ms) => {
			state.sleeps.push(Math.round(ms));
			state.now += ms;
		};
		clock.random = () => 0.5;
	});
	afterAll(() => Object.assign(clock, original));
	return state;
}

module.exports = { useFakeClock };
