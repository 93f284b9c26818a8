'use strict';

// What more than one system's seed must agree on, so no system's seed imports another's: Smokeball's GUIDs
// (derived from labels, so every run and every test names the same records) and the one record pair the Perfect
// Portal and Smokeball sandboxes share, which lets the Smokeball templates run end to end: Perfect Portal case
// PP-104514 is Smokeball matter PUR-0007, and that case's client, Perfect Portal contact ct_18, is the matter's
// client contact (each side holds the other's id).

const crypto = require('node:crypto');

/** A Smokeball GUID derived from a label ("matter:m7", "contact:alanwhite"…). */
function smokeballGuid(label) {
	const h = crypto.createHash('sha256').update(`smokeball:${label}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const PP_SMOKEBALL_LINK = Object.freeze({
	caseId: 'PP-104514',
	clientContactId: 'ct_18',
	matterKey: 'm7',
	matterNumber: 'PUR-0007',
	clientKey: 'alanwhite',
	matter: smokeballGuid('matter:m7'),
	client: smokeballGuid('contact:alanwhite'),
});

module.exports = { smokeballGuid, PP_SMOKEBALL_LINK };
