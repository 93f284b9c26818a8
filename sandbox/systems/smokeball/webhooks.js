'use strict';

// Webhook delivery as Smokeball's webhooks guide describes it (docs/api/smokeball.md#webhooks): a POST of the envelope
// {accountId, subscriptionId, type, source, payload, timestamp} with headers Timestamp (.NET ticks), RequestId and,
// when the subscription has a key, Signature = hex(HMAC-SHA256(key, "Timestamp|RequestId|ClientId")). 10 s
// timeout, at-least-once (failed attempts are retried), no ordering guarantee. Every attempt is logged in
// state.deliveries (bounded) for tests and the admin API.

const crypto = require('node:crypto');
const { ticksString, ticksNumber } = require('./ticks');

// Event names of GET /webhooks/types (docs/api/smokeball.md#webhook-events, plus the changelog's
// matter.closed/converted and invoice.updated).
const EVENT_TYPES = [
	'activitycode.created',
	'activitycode.deleted',
	'activitycode.updated',
	'archive.updated',
	'billingconfiguration.updated',
	'contact.created',
	'contact.deleted',
	'contact.restored',
	'contact.updated',
	'expense.created',
	'expense.deleted',
	'expense.updated',
	'event.updated',
	'fee.created',
	'fee.deleted',
	'fee.updated',
	'files.updated',
	'firm.created',
	'firm.updated',
	'firmuser.updated',
	'invoice.finalized',
	'invoice.updated',
	'layoutdesign.updated',
	'layoutmatter.created',
	'layoutmatter.updated',
	'mattertype.created',
	'mattertype.deleted',
	'mattertype.restored',
	'mattertype.updated',
	'matter.closed',
	'matter.converted',
	'matter.created',
	'matter.updated',
	'matteritems.updated',
	'matterstage.updated',
	'memo.created',
	'memo.deleted',
	'memo.restored',
	'memo.updated',
	'roles.updated',
	'staff.created',
	'staff.updated',
	'stageset.created',
	'stageset.updated',
	'task.created',
	'task.deleted',
	'task.updated',
	'user.registered',
	'user.unregistered',
	'error',
];

const TIMEOUT_MS = 10000;
const RETRY_DELAYS_MS = [300, 1200];
const LOG_LIMIT = 500;

/** hex_lower(HMAC_SHA256(key, "{Timestamp}|{RequestId}|{ClientId}")). */
function signature(key, timestamp, requestId, clientId) {
	return crypto
		.createHmac('sha256', key)
		.update(`${timestamp}|${requestId}|${clientId}`)
		.digest('hex');
}

function later(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

async function attempt(sub, body, requestId, nowMs) {
	const timestamp = ticksString(nowMs());
	const headers = {
		'Content-Type': 'application/json',
		Timestamp: timestamp,
		RequestId: requestId,
	};
	if (sub.key) headers.Signature = signature(sub.key, timestamp, requestId, sub.clientId);
	const envelope = { ...body, timestamp: ticksNumber(nowMs()) };
	try {
		const res = await fetch(sub.eventNotificationUrl, {
			method: 'POST',
			headers,
			body: JSON.stringify(envelope),
			signal: AbortSignal.timeout(TIMEOUT_MS),
		});
		await res.arrayBuffer().catch(() => undefined);
		return { status: res.status, timestamp, signature: headers.Signature ?? null };
	} catch (error) {
		return {
			status: null,
			error: String(error && error.message ? error.message : error),
			timestamp,
		};
	}
}

/**
 * Delivers one event to one subscription; resolves after the first attempt (retries continue in the
 * background). `copies` > 1 sends the same event again, as at-least-once delivery may.
 */
async function deliver(state, sub, event, nowMs, { copies = 1 } = {}) {
	const requestId = event.requestId || crypto.randomUUID();
	const body = {
		accountId: sub.accountId,
		subscriptionId: sub.id,
		type: event.type,
		source: event.source || 'API',
		payload: event.payload,
	};
	const log = {
		id: crypto.randomUUID(),
		subscriptionId: sub.id,
		url: sub.eventNotificationUrl,
		type: event.type,
		requestId,
		payload: event.payload,
		attempts: [],
		delivered: false,
	};
	state.deliveries.push(log);
	if (state.deliveries.length > LOG_LIMIT)
		state.deliveries.splice(0, state.deliveries.length - LOG_LIMIT);

	const once = async () => {
		const result = await attempt(sub, body, requestId, nowMs);
		log.attempts.push(result);
		if (result.status !== null && result.status >= 200 && result.status < 300) log.delivered = true;
		return result;
	};
	const first = await once();
	for (let i = 1; i < copies; i++) await once();
	if (!log.delivered) {
		(async () => {
			for (const wait of RETRY_DELAYS_MS) {
				await later(wait);
				if (!state.webhooks.includes(sub)) return; // deleted meanwhile
				const result = await once();
				if (
					log.delivered ||
					(result.status !== null && result.status < 500 && result.status !== 429)
				)
					return;
			}
		})().catch(() => undefined);
	}
	return log;
}

/** Sends an event to every subscription of the account that listens to its type. */
async function emit(state, event, nowMs, options = {}) {
	const subs = state.webhooks.filter(
		(s) =>
			s.accountId === state.firm.accountId &&
			s.eventTypes.includes(event.type) &&
			(!options.subscriptionId || s.id === options.subscriptionId),
	);
	return Promise.all(subs.map((sub) => deliver(state, sub, event, nowMs, options)));
}

module.exports = { EVENT_TYPES, signature, deliver, emit };
