import { sleep } from 'n8n-workflow';

/** Time and randomness used by retries and rate limits; tests swap these to run without real waiting. */
export const clock = {
	now: (): number => Date.now(),
	sleep: async (ms: number): Promise<void> => {
		if (ms > 0) await sleep(ms);
	},
	random: (): number => Math.random(),
};
