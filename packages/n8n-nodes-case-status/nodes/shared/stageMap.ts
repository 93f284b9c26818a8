/**
 * Stage mapping between two systems: a table of source name → target name (many-to-one allowed), matched
 * exactly by default as the vendors do, or ignoring case and spacing when the firm opts in (with a warning,
 * because "Pre-Lit  Demand" and "pre-lit demand" may be meant to differ).
 */

export interface StageMapping {
	from: string;
	to: string;
}

export type StageMatch = 'exact' | 'normalized';
/** What a sync does with a record whose stage has no mapping. */
export type UnmappedPolicy = 'fail' | 'skip' | 'keep';

export type StageLookup =
	| { mapped: true; to: string; via: 'table' | 'target'; warning: string | null }
	| { mapped: false };

export function normalizeStageName(name: string): string {
	return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

export interface StageMap {
	lookup(sourceName: string): StageLookup;
}

/**
 * @param table      the firm's mapping table
 * @param targetNames names the target accepts as they are (e.g. Case Status display names and its own
 *                   integration mappings), used when the table has no row for a stage
 */
export function createStageMap(
	table: StageMapping[],
	targetNames: Map<string, string>,
	match: StageMatch,
): StageMap {
	const exact = new Map<string, string>();
	const loose = new Map<string, { from: string; to: string }>();
	for (const row of table) {
		if (!row.from) continue;
		exact.set(row.from, row.to);
		loose.set(normalizeStageName(row.from), row);
	}
	const looseTarget = new Map<string, { name: string; to: string }>();
	for (const [name, to] of targetNames) looseTarget.set(normalizeStageName(name), { name, to });

	return {
		lookup(sourceName: string): StageLookup {
			if (exact.has(sourceName))
				return { mapped: true, to: exact.get(sourceName)!, via: 'table', warning: null };
			if (targetNames.has(sourceName)) {
				return { mapped: true, to: targetNames.get(sourceName)!, via: 'target', warning: null };
			}
			if (match === 'normalized') {
				const key = normalizeStageName(sourceName);
				const row = loose.get(key);
				if (row) {
					return {
						mapped: true,
						to: row.to,
						via: 'table',
						warning: `Stage "${sourceName}" matched mapping row "${row.from}" only when ignoring case and spaces`,
					};
				}
				const target = looseTarget.get(key);
				if (target) {
					return {
						mapped: true,
						to: target.to,
						via: 'target',
						warning: `Stage "${sourceName}" matched "${target.name}" only when ignoring case and spaces`,
					};
				}
			}
			return { mapped: false };
		},
	};
}
