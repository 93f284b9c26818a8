'use strict';

// Builds the seed's people: the referrers, and the clients and other parties of cases and leads. A client is
// also saved as a Contact (the contact list the quote form offers); every name and address comes from the word
// lists in plan-firm.js, in the order the builders ask, so a seed number always gives the same people.

const { FIRST_NAMES, LAST_NAMES, ORGS, REFERRERS } = require('./plan-firm');
const { DAY, iso, address, mobile, partyRecord } = require('./records');

const landline = (rng, area) => `${area} 496 ${String(rng.int(0, 999)).padStart(4, '0')}`;

/** The referrers of plan-firm.js, created 150, 140… days before the anchor. */
function buildReferrers(rng, anchor) {
	return REFERRERS.map((r, i) => {
		const at = iso(anchor - (150 - i * 10) * DAY);
		return {
			id: `rf_${i + 1}`,
			name: r.name,
			contact_name: r.contact ?? null,
			email: r.email ?? null,
			phone: i % 2 === 0 ? landline(rng, '0113') : null,
			address: null,
			active: r.active !== false,
			external_ref: r.ref ?? null,
			created_at: at,
			updated_at: at,
		};
	});
}

/** Party builders over one seed run: each client also lands in `contacts`; ids come from `ids`. */
function peopleBuilder(rng, ids, contacts) {
	let nameNo = 0;

	/** A person client; also saved as a Contact. `extra` overrides the party's fields (e.g. a partner's name). */
	function personClient(k, atMs, extra = {}) {
		const [first, title] = FIRST_NAMES[nameNo % FIRST_NAMES.length];
		const last = extra.last_name || LAST_NAMES[(nameNo * 5 + 3) % LAST_NAMES.length];
		nameNo++;
		const addr = address(rng, k);
		const email =
			`${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + `${nameNo}@example.co.uk`;
		const contact = {
			id: ids.contact(),
			type: 'person',
			title,
			first_name: first,
			last_name: last,
			company_name: null,
			address: addr,
			phone: null,
			mobile: mobile(rng),
			email,
			external_ref: null,
			external_system: null,
			created_at: iso(atMs),
			updated_at: iso(atMs),
		};
		contacts.push(contact);
		return partyRecord(ids.party(), {
			contact_id: contact.id,
			type: 'client',
			title,
			first_name: first,
			last_name: last,
			address: addr,
			mobile: contact.mobile,
			email,
			...extra,
		});
	}

	/** A company client; also saved as a Contact. */
	function orgClient(k, atMs) {
		const company = ['Northern Lights Retail Ltd', 'Kirkgate Holdings Ltd'][k % 2];
		const addr = address(rng, k + 3);
		const contact = {
			id: ids.contact(),
			type: 'organisation',
			title: null,
			first_name: null,
			last_name: null,
			company_name: company,
			address: addr,
			phone: landline(rng, '0161'),
			mobile: null,
			email: `office@${company.split(' ')[0].toLowerCase()}.example.co.uk`,
			external_ref: null,
			external_system: null,
			created_at: iso(atMs),
			updated_at: iso(atMs),
		};
		contacts.push(contact);
		return partyRecord(ids.party(), {
			contact_id: contact.id,
			type: 'client',
			company_name: company,
			address: addr,
			phone: contact.phone,
			email: contact.email,
		});
	}

	/** An estate agent, lender or other side (ORGS in plan-firm.js); not a Contact. */
	function otherParty(type, k) {
		const company = ORGS[type][k % ORGS[type].length];
		return partyRecord(ids.party(), {
			type,
			company_name: company,
			address: address(rng, k + 5, { line2: 'Suite 2' }),
			phone: landline(rng, '0113'),
			email: `conveyancing@${company.split(/[\s&]+/)[0].toLowerCase()}.example.co.uk`,
		});
	}

	return { personClient, orgClient, otherParty };
}

module.exports = { buildReferrers, peopleBuilder };
