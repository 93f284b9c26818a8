import type { LegalCase } from '../../../shared/model';
import type { Problem, RefuseOptions } from '../../../shared/problems';

// How a refused import is told (shared/problems.ts refuse): each problem in the node's own words.

/** Where a problem is, as the node shows it when the case is defined in the node ("Clients › Cell Phone"). */
const FIELD_LABELS: Record<string, string> = {
	integration_id: 'Integration ID',
	readable_id: 'Readable ID',
	name: 'Case Name',
	practice_area: 'Practice Area',
	stage: 'Stage',
	primary_attorney_email: 'Primary Attorney Email',
	additional_attorney_emails: 'Additional Fields › Additional Attorney Emails',
	incident_date: 'Additional Fields › Incident Date',
	cell_phone: 'Cell Phone',
	first_name: 'First Name',
	last_name: 'Last Name',
	company_name: 'Company Name',
	email: 'Email',
	birth_date: 'Birth Date',
};

/** A problem found in a case defined in the node, named and fixed in the node's own words. */
export function inNodeTerms(p: Problem, lc: LegalCase): Problem {
	const client = /^clients\[(\d+)\]\.(\w+)$/.exec(p.field);
	if (client) {
		const index = Number(client[1]);
		const row = lc.clients.length > 1 ? `Client ${index + 1} › ` : '';
		const field = `Clients › ${row}${FIELD_LABELS[client[2]] ?? client[2]}`;
		const c = lc.clients[index];
		const who =
			[c?.firstName, c?.lastName].filter(Boolean).join(' ') || c?.companyName || 'the client';
		const fix =
			client[2] === 'cell_phone'
				? `Enter ${who}'s mobile number alone in ${field}, without a label or an extension (clients log in to Case Status with a code texted to it).`
				: p.fix;
		return { ...p, field, fix };
	}
	const field = FIELD_LABELS[p.field] ?? p.field;
	const pick: Record<string, string> = {
		unknown_stage: 'Pick the stage from the Stage list (it shows the stages your Case Status has).',
		unknown_practice_area:
			'Pick the practice area from the Practice Area list (it shows the ones your Case Status has).',
	};
	return { ...p, field, fix: pick[p.code] ?? p.fix };
}

/** refuse()'s arguments for a refused import: the problems in the node's words, the case named, Case Status. */
export function importRefusal(
	lc: LegalCase,
	problems: Problem[],
	itemIndex: number,
	inNode: boolean,
): [Problem[], number, RefuseOptions] {
	return [
		inNode ? problems.map((p) => inNodeTerms(p, lc)) : problems,
		itemIndex,
		{
			system: 'Case Status',
			subject: `case ${lc.externalRef || '(no integration ID)'} cannot be imported`,
			// Reason codes stay in the message of a case from a CASEpeer node: the templates' reports read them there.
			codes: !inNode,
		},
	];
}
