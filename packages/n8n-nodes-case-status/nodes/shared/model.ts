import { z } from 'zod';

/**
 * The canonical records in the middle of every sync. Each system maps to and from these once (its mapping.ts),
 * so a workflow can connect any source to any target without knowing either side's field names.
 */

/** Where a case is in its life (not the Case Status system). */
export type CaseState = 'open' | 'on_hold' | 'closed';

export interface Party {
	/** The id in the system the record came from. */
	sourceId: string | null;
	role: 'client' | 'attorney' | 'paralegal' | 'case_manager' | 'contact' | 'staff';
	firstName: string | null;
	lastName: string | null;
	companyName: string | null;
	email: string | null;
	/** As the source holds it; normalise with toE164 before writing to a system that needs E.164. */
	phone: string | null;
	/** YYYY-MM-DD, for clients. */
	birthDate?: string | null;
	isPrimary: boolean;
}

export interface Stage {
	sourceId: string | null;
	name: string;
	position: number | null;
}

export interface LegalCase {
	/** Which system and id this record came from, e.g. { system: 'casepeer', id: '27891' }. */
	source: { system: string; id: string; url: string | null };
	/** The id other systems use to link to it (Case Status integration ID, DPS external reference). */
	externalRef: string;
	number: string | null;
	name: string;
	status: CaseState;
	practiceArea: string | null;
	stage: Stage | null;
	primaryAttorney: Party | null;
	staff: Party[];
	clients: Party[];
	incidentDate: string | null;
	description: string | null;
	createdAt: string | null;
	updatedAt: string | null;
	closedAt: string | null;
	/** Whether the firm put this case in scope of the integration (e.g. CASEpeer "Connect to Case Status"). */
	linked: boolean;
}

export interface Message {
	source: { system: string; id: string };
	caseRef: string;
	direction: 'inbound' | 'outbound';
	text: string;
	senderName: string | null;
	senderEmail: string | null;
	sentAt: string;
	/** Set on records this pack wrote, so relays can recognise and skip their own echoes. */
	externalRef: string | null;
}

export interface Document {
	source: { system: string; id: string };
	caseRef: string | null;
	fileName: string;
	contentType: string | null;
	sizeBytes: number | null;
	sha256: string | null;
	createdAt: string | null;
	updatedAt: string | null;
	externalRef: string | null;
}

export type SyncAction = 'created' | 'updated' | 'unchanged' | 'skipped' | 'closed' | 'failed';

/** One row per record a sync looked at: what it did, what changed, and for failures why and how to fix it. */
export interface SyncOutcome {
	record: string;
	name: string | null;
	action: SyncAction;
	changes: string[];
	reason: string | null;
	fix: string | null;
	targetId: string | null;
	dryRun: boolean;
}

const party = z.object({
	sourceId: z.string().nullable().default(null),
	role: z.string(),
	firstName: z.string().nullable().default(null),
	lastName: z.string().nullable().default(null),
	companyName: z.string().nullable().default(null),
	email: z.string().nullable().default(null),
	phone: z.string().nullable().default(null),
	birthDate: z.string().nullable().optional(),
	isPrimary: z.boolean().default(false),
});

/**
 * What a sync accepts as a canonical case: the fields it relies on are required, the rest default, so a
 * record from any source node's "Canonical" output (or a hand-built one) is checked the same way.
 */
export const legalCaseSchema = z.object({
	source: z.object({
		system: z.string(),
		id: z.string(),
		url: z.string().nullable().default(null),
	}),
	externalRef: z.string().min(1, 'is empty: the case needs the ID other systems link to it by'),
	number: z.string().nullable().default(null),
	name: z.string().min(1, 'is empty'),
	status: z.enum(['open', 'on_hold', 'closed']),
	practiceArea: z.string().nullable().default(null),
	stage: z
		.object({
			sourceId: z.string().nullable().default(null),
			name: z.string(),
			position: z.number().nullable().default(null),
		})
		.nullable()
		.default(null),
	primaryAttorney: party.nullable().default(null),
	staff: z.array(party).default([]),
	clients: z.array(party).default([]),
	incidentDate: z.string().nullable().default(null),
	description: z.string().nullable().default(null),
	createdAt: z.string().nullable().default(null),
	updatedAt: z.string().nullable().default(null),
	closedAt: z.string().nullable().default(null),
	linked: z.boolean().default(true),
});
