import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { clock } from '../../shared/clock';
import type { CursorState } from '../../shared/keyset';
import { DEFAULT_OVERLAP_MS, FeedCursor, startState, timeOf } from '../../shared/keyset';
import type { LeadKind } from '../transport';
import { endpoints, lastPage, readFeed } from '../transport';
import { MAX_PAGES_PER_POLL, MAX_PRIMING_PAGES, MAX_SEEN, isCursorState } from './memory';

export type ConversionKinds = 'both' | LeadKind;

/** What the trigger keeps for Lead Converted: one cursor per feed (quotes, enquiries). */
export interface ConversionMemory {
	sig: string;
	feeds: Partial<Record<LeadKind, CursorState>>;
}

export const kindsOf = (kinds: ConversionKinds): LeadKind[] =>
	kinds === 'both' ? ['quote', 'enquiry'] : [kinds];

/**
 * One trigger-mode poll for Lead Converted: the converted quotes and/or enquiries whose `converted_at` is new,
 * oldest conversion first. Each feed (`status=converted`, keyset by (updated_at, id)) has its own gap-free cursor;
 * the key is the lead id, so a converted lead edited later never fires again. First activation only primes.
 */
export async function pollConversions(
	ctx: IPollFunctions,
	kinds: ConversionKinds,
	stored: unknown,
): Promise<{ leads: IDataObject[]; memory: ConversionMemory; primed: boolean }> {
	const sig = `leadConverted|${kinds}`;
	const memory = stored as ConversionMemory | undefined;
	const valid = !!memory && memory.sig === sig && !!memory.feeds;
	const leads: IDataObject[] = [];
	const feeds: Partial<Record<LeadKind, CursorState>> = {};
	let primed = false;
	for (const kind of kindsOf(kinds)) {
		const stateOf = valid ? memory.feeds[kind] : undefined;
		const priming = !isCursorState(stateOf);
		primed = primed || priming;
		const cursor = new FeedCursor(priming ? startState(clock.now()) : (stateOf as CursorState), {
			overlapMs: DEFAULT_OVERLAP_MS,
			maxSeen: MAX_SEEN,
		});
		const run = await readFeed<IDataObject>(
			ctx,
			endpoints.leads(kind),
			{ status: 'converted' },
			cursor.query(),
			{
				maxPages: priming ? MAX_PRIMING_PAGES : MAX_PAGES_PER_POLL,
				idOf: (l) => String(l.id),
				onPage: (records) => {
					for (const record of records) {
						cursor.advance({ t: String(record.updated_at), id: String(record.id) });
						const at = record.converted_at;
						if (record.status !== 'converted' || Number.isNaN(timeOf(at))) continue;
						const key = `converted:${kind}:${String(record.id)}`;
						if (!cursor.isNew(key, String(at))) continue;
						cursor.markEmitted(key, String(at));
						if (!priming) leads.push(record);
					}
				},
			},
		);
		feeds[kind] = cursor.toState(run.truncated && !priming);
	}
	leads.sort((a, b) => timeOf(a.converted_at) - timeOf(b.converted_at));
	return { leads, memory: { sig, feeds }, primed };
}

/** Manual test: the most recent conversion among the latest 50 converted of each kind. */
export async function sampleConversion(
	ctx: IPollFunctions,
	kinds: ConversionKinds,
): Promise<IDataObject | null> {
	let best: IDataObject | null = null;
	for (const kind of kindsOf(kinds)) {
		const recent = await lastPage<IDataObject>(
			ctx,
			endpoints.leads(kind),
			{ status: 'converted' },
			50,
		);
		for (const lead of recent) {
			if (!best || timeOf(lead.converted_at) >= timeOf(best.converted_at)) best = lead;
		}
	}
	return best;
}
