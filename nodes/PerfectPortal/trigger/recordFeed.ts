import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { clock } from '../../shared/clock';
import type { CursorState } from '../../shared/keyset';
import { DEFAULT_OVERLAP_MS, FeedCursor, startState, timeOf } from '../../shared/keyset';
import { endpoints, lastPage, readFeed } from '../transport';
import { MAX_PAGES_PER_POLL, MAX_PRIMING_PAGES, MAX_SEEN, isCursorState, norm } from './memory';

/** The record feeds the trigger watches for new and changed records. */
export type RecordKind = 'contact' | 'referrer';

export interface RecordMemory {
	sig: string;
	state: CursorState;
}

const path = (kind: RecordKind) =>
	kind === 'contact' ? endpoints.contacts() : endpoints.referrers();

/** `created` when the record was made in this version (created_at = updated_at), else `updated`. */
export function changeOf(record: IDataObject): 'created' | 'updated' {
	return norm(record.created_at) === norm(record.updated_at) ? 'created' : 'updated';
}

/**
 * One trigger-mode poll for New or Changed Contact / Referrer: the feed (ascending by updated_at, id) read by keyset
 * from 5 minutes before the cursor; a record is emitted once per version (key: id and updated_at), so a record saved
 * twice fires twice and a re-read of the same version never does. The first poll after activation only primes.
 */
export async function pollRecords(
	ctx: IPollFunctions,
	kind: RecordKind,
	stored: unknown,
): Promise<{ records: IDataObject[]; memory: RecordMemory }> {
	const sig = `${kind}Changed`;
	const memory = stored as RecordMemory | undefined;
	const priming = !(memory && memory.sig === sig && isCursorState(memory.state));
	const cursor = new FeedCursor(priming ? startState(clock.now()) : memory.state, {
		overlapMs: DEFAULT_OVERLAP_MS,
		maxSeen: MAX_SEEN,
	});
	const records: IDataObject[] = [];
	const run = await readFeed<IDataObject>(ctx, path(kind), {}, cursor.query(), {
		maxPages: priming ? MAX_PRIMING_PAGES : MAX_PAGES_PER_POLL,
		idOf: (r) => String(r.id),
		onPage: (page) => {
			for (const record of page) {
				cursor.advance({ t: String(record.updated_at), id: String(record.id) });
				if (Number.isNaN(timeOf(record.updated_at))) continue;
				const key = `${kind}:${String(record.id)}@${norm(record.updated_at)}`;
				if (!cursor.isNew(key, String(record.updated_at))) continue;
				cursor.markEmitted(key, String(record.updated_at));
				if (!priming) records.push({ ...record, change: changeOf(record) });
			}
		},
	});
	return { records, memory: { sig, state: cursor.toState(run.truncated && !priming) } };
}

/** Manual test: the most recently changed record. */
export async function sampleRecord(
	ctx: IPollFunctions,
	kind: RecordKind,
): Promise<IDataObject | null> {
	const recent = await lastPage<IDataObject>(ctx, path(kind), {}, 50);
	let best: IDataObject | null = null;
	for (const r of recent) if (!best || timeOf(r.updated_at) >= timeOf(best.updated_at)) best = r;
	return best ? { ...best, change: changeOf(best) } : null;
}
