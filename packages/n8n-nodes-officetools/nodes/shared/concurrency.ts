/**
 * Caps how many tasks sharing a key run at once in this n8n process, e.g. a vendor that allows only N uploads in
 * flight per account. Callers beyond the cap wait their turn (first come, first served); no timers involved.
 */

interface Gate {
	active: number;
	waiting: Array<() => void>;
}

// Module state on purpose: n8n keeps the package loaded, so concurrent executions share one gate per key.
const gates = new Map<string, Gate>();

export async function withSlot<T>(key: string, limit: number, task: () => Promise<T>): Promise<T> {
	let gate = gates.get(key);
	if (!gate) {
		gate = { active: 0, waiting: [] };
		gates.set(key, gate);
	}
	const held = gate;
	if (held.active >= Math.max(1, limit)) {
		// The slot is handed over by the task that finishes, so `active` stays counted for us.
		await new Promise<void>((resolve) => held.waiting.push(resolve));
	} else {
		held.active++;
	}
	try {
		return await task();
	} finally {
		const next = held.waiting.shift();
		if (next) next();
		else if (--held.active === 0) gates.delete(key);
	}
}

/** Tasks running under a key right now (for tests and diagnostics). */
export function slotsInUse(key: string): number {
	return gates.get(key)?.active ?? 0;
}
