'use strict';

// Layouts, from the vendor schema (openapi.json: Layout Designs, Layout Matter Items). A layout design is a form
// the firm defines (e.g. "Completion Details": named fields with a type); a layout matter item is one filled-in
// copy of it on a matter, its values a list of { key: field name, value: text }. Writes answer 202 and apply later,
// like every other Smokeball write (processing.js enqueue).

const crypto = require('node:crypto');
const { ticksNumber } = require('./ticks');
const { badRequest, checkBody, notFound } = require('./errors');
const { matterOr404 } = require('./matters');
const { accepted, enqueue, registerAppliers } = require('./processing');
const { paged, queryBool } = require('./query');

/** LayoutDesignInfo: what GET /layouts lists. */
function designInfoView(api, d) {
	return {
		href: `${api}/layouts/${d.id}`,
		id: d.id,
		versionId: d.versionId,
		name: d.name,
		lastUpdated: ticksNumber(d.versionMs),
	};
}

/** LayoutDesign: one design with its fields. */
function designView(api, d) {
	return {
		...designInfoView(api, d),
		description: d.description,
		fields: d.fields.map((f) => ({
			name: f.name,
			type: f.type,
			possibleValues: f.possibleValues || null,
		})),
	};
}

/** LayoutMatterItem. */
function itemView(api, item) {
	return {
		href: `${api}/matters/${item.matterId}/layouts/${item.itemId}`,
		id: item.itemId,
		itemId: item.itemId,
		name: item.name,
		description: item.description,
		parentId: item.parentId ?? null,
		index: item.index,
		parentIndex: item.parentIndex ?? null,
		layoutDesign: { href: `${api}/layouts/${item.layoutDesignId}`, id: item.layoutDesignId },
		values: item.values.map((v) => ({ key: v.key, value: v.value, state: v.state ?? null })),
		events: [],
	};
}

/** Each value's key must be a field of the design, and a Combobox value one of its possible values. */
function valueProblems(design, values) {
	const errors = {};
	for (const v of values || []) {
		const field = design.fields.find((f) => f.name === v.key);
		if (!field) errors[v.key || 'values'] = [`is not a field of layout design '${design.name}'`];
		else if (field.type === 'Combobox' && v.value && field.possibleValues) {
			if (!field.possibleValues.includes(v.value))
				errors[v.key] = [`must be one of ${field.possibleValues.join(', ')}`];
		} else if (field.type === 'Number' && v.value && Number.isNaN(Number(v.value)))
			errors[v.key] = ['must be a number'];
		else if (field.type === 'Date' && v.value && Number.isNaN(Date.parse(v.value)))
			errors[v.key] = ['must be a date'];
	}
	return Object.keys(errors).length ? errors : null;
}

/** Values merged by key: a later value for a key replaces the earlier one. */
function mergeValues(current, changes) {
	const out = current.map((v) => ({ ...v }));
	for (const v of changes || []) {
		const at = out.findIndex((x) => x.key === v.key);
		const value = { key: v.key, value: v.value ?? null, state: v.state ?? null };
		if (at >= 0) out[at] = value;
		else out.push(value);
	}
	return out;
}

const designOr = (state, id, problem) => {
	const d = (state.layoutDesigns || []).find((x) => x.id === id);
	if (!d) throw problem(id);
	return d;
};
const itemsOf = (state, matterId) =>
	(state.layoutItems || []).filter((i) => i.matterId === matterId && !i.isRemoved);
const skipValidation = (c) => queryBool(c.query, 'skipFieldValidation') === true;

function listDesigns(c) {
	return c.send(
		200,
		paged(c, c.state.layoutDesigns || [], (d) => designInfoView(c.api, d), '/layouts'),
	);
}

function getDesign(c) {
	const d = designOr(c.state, c.params.id, (id) => notFound('Layout design', id));
	return c.send(200, designView(c.api, d));
}

function listItems(c) {
	matterOr404(c.state, c.params.matterId);
	const href = `${c.api}/matters/${c.params.matterId}/layouts`;
	return c.send(200, {
		href,
		value: itemsOf(c.state, c.params.matterId).map((i) => itemView(c.api, i)),
	});
}

function getItem(c) {
	matterOr404(c.state, c.params.matterId);
	const item = itemsOf(c.state, c.params.matterId).find((i) => i.itemId === c.params.itemId);
	if (!item) throw notFound('Layout item', c.params.itemId);
	return c.send(200, itemView(c.api, item));
}

function addItem(c) {
	const matter = matterOr404(c.state, c.params.matterId);
	const body = checkBody(c, '/matters/{matterId}/layouts', 'post');
	if (!body.layoutDesignId)
		throw badRequest('layoutDesignId is required.', { layoutDesignId: ['is required'] });
	const design = designOr(c.state, body.layoutDesignId, (id) =>
		badRequest(`Layout design ${id} does not exist.`, { layoutDesignId: ['not found'] }),
	);
	const problems = skipValidation(c) ? null : valueProblems(design, body.values);
	if (problems) throw badRequest('One or more layout values are not valid.', problems);
	const itemId = body.itemId || crypto.randomUUID();
	if ((c.state.layoutItems || []).some((i) => i.itemId === itemId))
		throw badRequest(`Layout item ${itemId} already exists.`, { itemId: ['already exists'] });
	const record = {
		itemId,
		matterId: matter.id,
		layoutDesignId: design.id,
		name: body.name || design.name,
		description: body.description ?? null,
		parentId: body.parentId ?? null,
		index:
			body.index ??
			itemsOf(c.state, matter.id).filter((i) => i.layoutDesignId === design.id).length,
		parentIndex: body.parentIndex ?? null,
		values: mergeValues([], body.values),
		isRemoved: false,
	};
	enqueue(c, { kind: 'addLayoutItem', record });
	return accepted(c, `/matters/${matter.id}/layouts`, itemId);
}

function mergeItem(c) {
	matterOr404(c.state, c.params.matterId);
	const body = checkBody(c, '/matters/{matterId}/layouts/{itemId}', 'patch');
	if (body.itemId && body.itemId !== c.params.itemId)
		throw badRequest('The itemId in the body does not match the item being updated.', {
			itemId: ['does not match'],
		});
	const item = itemsOf(c.state, c.params.matterId).find((i) => i.itemId === c.params.itemId);
	if (!item) throw notFound('Layout item', c.params.itemId);
	const design = designOr(c.state, item.layoutDesignId, (id) => notFound('Layout design', id));
	const problems = skipValidation(c) ? null : valueProblems(design, body.values);
	if (problems) throw badRequest('One or more layout values are not valid.', problems);
	const changes = {};
	for (const k of ['name', 'description', 'isRemoved'])
		if (body[k] !== undefined) changes[k] = body[k];
	enqueue(c, {
		kind: 'mergeLayoutItem',
		matterId: item.matterId,
		itemId: item.itemId,
		changes,
		values: body.values,
	});
	return accepted(c, `/matters/${item.matterId}/layouts`, item.itemId);
}

/** Appliers for the queued layout writes, added to processing.js's table. */
registerAppliers({
	addLayoutItem(state, op, nowMs) {
		state.layoutItems = state.layoutItems || [];
		state.layoutItems.push({ ...op.record, versionMs: nowMs });
		return { events: [] };
	},
	mergeLayoutItem(state, op, nowMs) {
		const item = (state.layoutItems || []).find((i) => i.itemId === op.itemId);
		if (!item)
			return {
				error: `Layout item ${op.itemId} was not found.`,
				resourceName: 'layout',
				resourceId: op.itemId,
			};
		Object.assign(item, op.changes, { versionMs: nowMs });
		if (op.values) item.values = mergeValues(item.values, op.values);
		return { events: [] };
	},
});

module.exports = {
	listDesigns,
	getDesign,
	listItems,
	addItem,
	getItem,
	mergeItem,
	designView,
	itemView,
	valueProblems,
	mergeValues,
};
