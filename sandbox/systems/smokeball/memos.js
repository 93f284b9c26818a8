'use strict';

// Matter memos: list, get, create (202; RTF text is stripped for the plain-text view).

const crypto = require('node:crypto');
const views = require('./views');
const { checkBody, notFound } = require('./errors');
const { matterOr404 } = require('./matters');
const { accepted, enqueue } = require('./processing');
const { paged } = require('./query');

function listMemos(c) {
	matterOr404(c.state, c.params.matterId);
	const rows = c.state.memos.filter((m) => m.matterId === c.params.matterId);
	return c.send(
		200,
		paged(c, rows, (m) => views.memoView(c.state, c.api, m), `/matters/${c.params.matterId}/memos`),
	);
}

function getMemo(c) {
	const memo = c.state.memos.find((m) => m.matterId === c.params.matterId && m.id === c.params.id);
	if (!memo) throw notFound('Memo', c.params.id);
	return c.send(200, views.memoView(c.state, c.api, memo));
}

const stripRtf = (text) =>
	/^\{\\rtf/.test(text)
		? text
				.replace(/\\par[d]?/g, '\n')
				.replace(/\{\\[^{}]*\}|\\[a-z]+-?\d* ?|[{}]/gi, '')
				.trim()
		: text;

function createMemo(c) {
	const matter = matterOr404(c.state, c.params.matterId);
	const body = checkBody(c, '/matters/{matterId}/memos', 'post');
	const id = crypto.randomUUID();
	const userId = body.userId || c.userId;
	const record = {
		id,
		matterId: matter.id,
		title: body.title,
		text: body.text,
		plainText: stripRtf(body.text),
		createdDate: body.createdDateUtc ? new Date(body.createdDateUtc).toISOString() : null,
		createdByUserId: userId,
		updatedByUserId: userId,
		isDeleted: false,
	};
	enqueue(c, { kind: 'createMemo', record });
	return accepted(c, `/matters/${matter.id}/memos`, id);
}

module.exports = { listMemos, getMemo, createMemo };
