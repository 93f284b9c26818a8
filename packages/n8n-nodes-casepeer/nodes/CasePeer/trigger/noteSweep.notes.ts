import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { timeOf } from '../../shared/keyset';
import { endpoints, readFeed } from '../transport';
import type { NoteSweepMemory } from './noteSweep.memory';
import { iso } from './noteSweep.memory';

// The notes of a case, read within the poll's window and kept when not emitted before.

/** Note pages (200 notes each) read per case per poll; more would mean >200 changed notes on one case in a cycle. */
const MAX_NOTE_PAGES_PER_CASE = 5;
/** Emitted note ids kept (the notes of the window); beyond it the oldest go and `floor` rises. */
export const MAX_SEEN_NOTES = 10_000;

/** The notes already emitted and the window, shared by every case read in one poll. */
export class NoteFilter {
	readonly seen: Map<string, number>;

	floor: number | null;

	readonly notes: IDataObject[] = [];

	constructor(
		memory: NoteSweepMemory,
		readonly since: number,
	) {
		this.floor = memory.floor ? timeOf(memory.floor) : null;
		this.seen = new Map(
			memory.seen
				.map(([id, t]) => [id, timeOf(t)] as [string, number])
				.filter(([, t]) => !Number.isNaN(t)),
		);
	}

	take(note: IDataObject, notBefore: number): void {
		const created = timeOf(note.created_at);
		const id = String(note.id);
		if (Number.isNaN(created) || created < this.since || created < notBefore) return;
		if ((this.floor !== null && created <= this.floor) || this.seen.has(id)) return;
		this.seen.set(id, created);
		this.notes.push(note);
	}

	/** The seen list to store: inside the window, the newest MAX_SEEN_NOTES. */
	store(keepFrom: number): Pick<NoteSweepMemory, 'seen' | 'floor'> {
		let entries = [...this.seen.entries()]
			.filter(([, t]) => t >= keepFrom)
			.sort((a, b) => a[1] - b[1]);
		let floor = this.floor;
		if (entries.length > MAX_SEEN_NOTES) {
			const dropped = entries.slice(0, entries.length - MAX_SEEN_NOTES);
			entries = entries.slice(dropped.length);
			floor = Math.max(floor ?? Number.NEGATIVE_INFINITY, dropped[dropped.length - 1][1]);
		}
		return {
			seen: entries.map(([id, t]) => [id, iso(t)]),
			floor: floor !== null && floor >= keepFrom ? iso(floor) : null,
		};
	}
}

/** Reads the notes of one case into the filter; returns the requests it took. */
export async function readCaseNotes(
	ctx: IPollFunctions,
	caseId: number,
	filter: NoteFilter,
	notBefore: number,
	categoryIds: string[] | undefined,
): Promise<number> {
	const run = await readFeed<IDataObject>(
		ctx,
		endpoints.caseNotes(caseId),
		{ category_id: categoryIds?.length ? categoryIds : undefined },
		{ updatedSince: iso(filter.since) },
		{
			maxPages: MAX_NOTE_PAGES_PER_CASE,
			// A case deleted or merged since it was listed has no notes to read.
			skipNotFound: true,
			onPage: (records) => {
				for (const note of records) filter.take(note, notBefore);
			},
		},
	);
	return run.requests;
}
