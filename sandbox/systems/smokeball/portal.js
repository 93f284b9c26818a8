'use strict';

// Client portal: POST /matters/{matterId}/portal/messages (202).

const crypto = require('node:crypto');
const { badRequest, checkBody } = require('./errors');
const { matterOr404 } = require('./matters');
const { enqueue } = require('./processing');

function sendPortalMessage(c) {
	const matter = matterOr404(c.state, c.params.matterId);
	const body = checkBody(c, '/matters/{matterId}/portal/messages', 'post');
	if (body.contactId && !matter.clientIds.includes(body.contactId)) {
		throw badRequest(`Contact ${body.contactId} is not a client on matter ${matter.id}.`, {
			contactId: ['not a client of the matter'],
		});
	}
	const record = {
		id: crypto.randomUUID(),
		matterId: matter.id,
		contactId: body.contactId ?? matter.clientIds[0],
		message: body.message,
		requireMFA: body.requireMFA ?? false,
		sentByUserId: c.req.headers.userid
			? c.userId
			: c.grant.grant === 'client_credentials'
				? null
				: c.userId,
		requestId: c.requestId,
	};
	enqueue(c, { kind: 'sendPortalMessage', record });
	return c.sendRaw(202, Buffer.alloc(0), c.requestId ? { RequestId: c.requestId } : {});
}

module.exports = { sendPortalMessage };
