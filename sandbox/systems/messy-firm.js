'use strict';

// The messy conveyancing firm: what a real firm's Perfect Portal, DPS One Office and Smokeball hold that the demo
// seed keeps clean. Opt-in and additive, so the seed's own tests keep their meaning: POST /__admin/<system>/messy-firm
// on perfect-portal, dps-one-office and smokeball adds that system's part (each answers MESSY_FACTS). The parts
// describe the same people, so apply all three:
//   - a returning client, George Brown, already a DPS client without a reference (same name and postcode; Perfect
//     Portal has him under a new contact, postcode typed "ls63px"); his estate agent is a DPS contact without one;
//   - joint buyers sharing one e-mail;
//   - a fee earner who left (inactive), an AppCode DPS does not know, a fee earner without rights to the AppCode;
//   - a plain case the tests delete after downloading it, and one they change;
//   - for Smokeball: PP-242932, whose matter is already open in Smokeball (External System ID PP-242932) under
//     another client, and whose client's Perfect Portal contact already holds her Smokeball contact ID (she has
//     since changed her e-mail, so e-mail + name would not find her); a case with no client; a case linked to a
//     Smokeball matter that has since been deleted.

const { smokeballGuid: guid } = require('./shared-ids');

const HOUR = 3600000;

const MESSY_FACTS = Object.freeze({
	george: {
		title: 'Mr',
		first_name: 'George',
		last_name: 'Brown',
		address: { line1: '27 Otley Road', town: 'Leeds', postcode: 'LS6 3PX', country: 'GB' },
		typedPostcode: 'ls63px',
		email: 'george.brown@example.co.uk',
		mobile: '07700 900411',
		dpsClientRef: 'BRO001',
	},
	agent: {
		company_name: 'Manning Stainton (Headingley)',
		address: { line1: '71 Otley Road', town: 'Leeds', postcode: 'LS6 3AB', country: 'GB' },
		typedPostcode: 'Ls6  3ab',
		phone: '0113 496 0711',
		email: 'headingley@manningstainton.example.co.uk',
		dpsContactId: 'CT09001',
	},
	sharedEmail: 'the.taylors@example.co.uk',
	cases: {
		/** DPS: the returning client George Brown, with his estate agent. */
		returningClient: 'PP-242930',
		/** DPS: joint buyers Sam and Alex Taylor, one e-mail. */
		jointBuyers: 'PP-242931',
		/** Smokeball: already open there as a matter with External System ID PP-242932. */
		inSmokeball: 'PP-242932',
		/** DPS: the fee earner left the firm (Owen Dale, OLD: inactive in both systems). */
		feeEarnerLeft: 'PP-242933',
		/** DPS: AppCode "CX", unknown to DPS. */
		unknownAppCode: 'PP-242934',
		/** DPS: a plain case (the tests delete it after the download). */
		plain: 'PP-242935',
		/** Smokeball: no client. */
		noClient: 'PP-242936',
		/** DPS: AppCode CP with fee earner ABC, who has no rights to CP. */
		noRights: 'PP-242937',
		/** Linked to a Smokeball matter ID that no longer exists in Smokeball. */
		deletedMatter: 'PP-242938',
		/** DPS: a plain case (the tests change it after the download). */
		changed: 'PP-242939',
	},
	smokeball: {
		/** The open matter already carrying External System ID PP-242932, filed under another client (beth). */
		matter: { id: guid('matter:messy-242932'), number: 'PUR-0042', externalSystemId: 'PP-242932' },
		/** The client of PP-242932 as Smokeball knows her: her old e-mail. */
		helen: {
			id: guid('contact:messy-helen'),
			firstName: 'Helen',
			lastName: 'Carter',
			email: 'helen.carter@oldmail.example',
		},
		/** A matter ID PP-242938 is linked to, deleted in Smokeball since. */
		deletedMatterId: guid('matter:messy-deleted'),
	},
	/** Helen's Perfect Portal contact: its external_ref holds her Smokeball contact ID. */
	helenContactId: 'ct_m3',
	helenNewEmail: 'helen@carter-family.example',
});

/** Hours before `nowMs` as ISO, for records "created this week". */
const hoursAgo = (nowMs, hours) => new Date(nowMs - hours * HOUR).toISOString();

module.exports = { MESSY_FACTS, hoursAgo };
