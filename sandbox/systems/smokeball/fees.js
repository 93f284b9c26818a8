'use strict';

// Matter fees and expenses: list, get, create (202).

const crypto = require('node:crypto');
const views = require('./views');
const { badRequest, checkBody, notFound } = require('./errors');
const { matterOr404 } = require('./matters');
const { accepted, enqueue } = require('./processing');
const { paged, querySince } = require('./query');

function listFees(c) {
	matterOr404(c.state, c.params.matterId);
	const since = querySince(c.query);
	const rows = c.state.fees.filter(
		(f) => f.matterId === c.params.matterId && (since === null || f.versionMs >= since),
	);
	return c.send(
		200,
		paged(c, rows, (f) => views.feeView(c.state, c.api, f), `/matters/${c.params.matterId}/fees`),
	);
}

function getFee(c) {
	const fee = c.state.fees.find((f) => f.matterId === c.params.matterId && f.id === c.params.id);
	if (!fee) throw notFound('Fee', c.params.id);
	return c.send(200, views.feeView(c.state, c.api, fee));
}

const dateOnlyIso = (value) => new Date(value).toISOString().replace('.000Z', 'Z');

function createFee(c) {
	const matter = matterOr404(c.state, c.params.matterId);
	const body = checkBody(c, '/matters/{matterId}/fees', 'post');
	if (body.isWrittenOff && body.isBillable === false)
		throw badRequest('isWrittenOff is only allowed when isBillable is true.');
	const feeType = body.feeType ?? 0;
	if (feeType === 1 && !(body.duration > 0))
		throw badRequest('A time fee needs a duration in minutes.', {
			duration: ['is required for feeType 1'],
		});
	const id = crypto.randomUUID();
	const record = {
		id,
		matterId: matter.id,
		staffId: body.staffId ?? null,
		createdByUserId: c.userId,
		invoiceId: body.invoiceId ?? null,
		activityCode: body.activityCode ?? null,
		subject: body.subject,
		description: body.description ?? null,
		feeDate: dateOnlyIso(body.feeDate),
		feeType,
		finalized: body.finalized ?? false,
		isWrittenOff: body.isWrittenOff ?? false,
		isBillable: body.isBillable ?? true,
		isInvoicedExternally: body.isInvoicedExternally ?? false,
		tax: body.tax ?? 0,
		taxInclusive: body.taxInclusive ?? false,
		taxExempt: body.taxExempt ?? false,
		taxOutOfScope: body.taxOutOfScope ?? false,
		duration: body.duration ?? 0,
		durationWorked: body.durationWorked ?? null,
		rate: body.rate ?? 0,
		isDeleted: false,
	};
	enqueue(c, { kind: 'createFee', record });
	return accepted(c, `/matters/${matter.id}/fees`, id);
}

function listExpenses(c) {
	matterOr404(c.state, c.params.matterId);
	const since = querySince(c.query);
	const rows = c.state.expenses.filter(
		(e) => e.matterId === c.params.matterId && (since === null || e.versionMs >= since),
	);
	return c.send(
		200,
		paged(
			c,
			rows,
			(e) => views.expenseView(c.state, c.api, e),
			`/matters/${c.params.matterId}/expenses`,
		),
	);
}

function getExpense(c) {
	const expense = c.state.expenses.find(
		(e) => e.matterId === c.params.matterId && e.id === c.params.id,
	);
	if (!expense) throw notFound('Expense', c.params.id);
	return c.send(200, views.expenseView(c.state, c.api, expense));
}

function createExpense(c) {
	const matter = matterOr404(c.state, c.params.matterId);
	const body = checkBody(c, '/matters/{matterId}/expenses', 'post');
	if (body.price !== undefined && Math.round(body.price * 100) !== body.price * 100)
		throw badRequest('price is limited to 2 decimal places.', { price: ['too many decimals'] });
	if (body.costType !== undefined && !['Hard', 'Soft'].includes(body.costType))
		throw badRequest("costType must be 'Hard' or 'Soft'.", { costType: ['invalid'] });
	if (body.isWrittenOff && body.isBillable === false)
		throw badRequest('isWrittenOff is only allowed when isBillable is true.');
	const id = crypto.randomUUID();
	const record = {
		id,
		matterId: matter.id,
		staffId: body.staffId ?? null,
		createdByUserId: c.userId,
		invoiceId: body.invoiceId ?? null,
		origin: 'API',
		activityCode: body.activityCode ?? null,
		subject: body.subject ?? null,
		description: body.description ?? null,
		expenseDate: dateOnlyIso(body.expenseDate || c.nowMs),
		costType: body.costType ?? 'Hard',
		quantity: body.quantity ?? 1,
		price: body.price ?? 0,
		tax: body.tax ?? 0,
		outputTax: body.outputTax ?? 0,
		taxInclusive: body.taxInclusive ?? false,
		taxZeroRated: body.taxZeroRated ?? false,
		taxOutOfScope: body.taxOutOfScope ?? false,
		taxExempt: body.taxExempt ?? false,
		finalized: body.finalized ?? false,
		isWrittenOff: body.isWrittenOff ?? false,
		isBillable: body.isBillable ?? true,
		isInvoicedExternally: body.isInvoicedExternally ?? false,
		isDeleted: false,
	};
	enqueue(c, { kind: 'createExpense', record });
	return accepted(c, `/matters/${matter.id}/expenses`, id);
}

module.exports = { listFees, getFee, createFee, listExpenses, getExpense, createExpense };
