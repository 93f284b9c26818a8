'use strict';

// Webhook subscriptions: /webhooks CRUD, types and notify (delivery and signing are webhooks.js).

const crypto = require('node:crypto');
const { EVENT_TYPES, deliver } = require('./webhooks');
const views = require('./views');
const { badRequest, checkBody, notFound } = require('./errors');
const { nowIso } = require('./processing');
const { paged } = require('./query');

function subscriptionOr404(c) {
	const s = c.state.webhooks.find((w) => w.id === c.params.id && w.clientId === c.grant.clientId);
	if (!s) throw notFound('Webhook subscription', c.params.id);
	return s;
}

function checkSubscription(c, body, existing) {
	const errors = {};
	const url = body.eventNotificationUrl ?? (existing && existing.eventNotificationUrl);
	if (!url || !/^https?:\/\/[^\s]+$/i.test(url))
		errors.eventNotificationUrl = ['must be an absolute http(s) URL'];
	const types = body.eventTypes ?? (existing && existing.eventTypes);
	if (!Array.isArray(types) || !types.length)
		errors.eventTypes = ['at least one event type is required'];
	else {
		const unknown = types.filter((t) => !EVENT_TYPES.includes(t));
		if (unknown.length)
			errors.eventTypes = [`unknown event types: ${unknown.join(', ')} (see GET /webhooks/types)`];
	}
	if (Object.keys(errors).length) throw badRequest('The webhook subscription is invalid.', errors);
	return { url, types: [...new Set(types)] };
}

function listWebhookTypes(c) {
	return c.send(200, { href: `${c.api}/webhooks/types`, value: EVENT_TYPES });
}

function listWebhooks(c) {
	const rows = c.state.webhooks.filter((w) => w.clientId === c.grant.clientId);
	return c.send(
		200,
		paged(c, rows, (w) => views.subscriptionView(c.state, c.api, w), '/webhooks'),
	);
}

function createWebhook(c) {
	const body = checkBody(c, '/webhooks', 'post');
	const { url, types } = checkSubscription(c, body);
	const stamp = nowIso(c.nowMs);
	const sub = {
		id: crypto.randomUUID(),
		accountId: c.grant.accountId,
		clientId: c.grant.clientId,
		name: body.name ?? null,
		eventTypes: types,
		eventNotificationUrl: url,
		key: body.key ?? null,
		createdDateUtc: stamp,
		updatedDateUtc: stamp,
	};
	c.state.webhooks.push(sub);
	return c.send(200, views.subscriptionView(c.state, c.api, sub));
}

function getWebhook(c) {
	return c.send(200, views.subscriptionView(c.state, c.api, subscriptionOr404(c)));
}

function updateWebhook(c) {
	const sub = subscriptionOr404(c);
	const body = checkBody(c, '/webhooks/{id}', 'put');
	const { url, types } = checkSubscription(c, body, sub);
	Object.assign(sub, {
		eventNotificationUrl: url,
		eventTypes: types,
		name: body.name ?? sub.name,
		key: body.key !== undefined ? body.key : sub.key,
		updatedDateUtc: nowIso(c.nowMs),
	});
	return c.send(200, views.subscriptionView(c.state, c.api, sub));
}

function deleteWebhook(c) {
	const sub = subscriptionOr404(c);
	c.state.webhooks.splice(c.state.webhooks.indexOf(sub), 1);
	return c.sendRaw(200, Buffer.alloc(0));
}

async function notifyWebhook(c) {
	const sub = subscriptionOr404(c);
	await deliver(
		c.state,
		sub,
		{ type: 'noop', payload: {}, requestId: c.requestId, source: 'API' },
		Date.now,
	);
	return c.sendRaw(200, Buffer.alloc(0));
}

module.exports = {
	listWebhookTypes,
	listWebhooks,
	createWebhook,
	getWebhook,
	updateWebhook,
	deleteWebhook,
	notifyWebhook,
};
