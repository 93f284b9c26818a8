// The DPS One Office input checks (nodes/DpsOneOffice/mapping.ts): the contract's rules applied before any write,
// every problem named by the field the node shows.
const {
	normalisePostcode,
	toMoney,
	toDateOnly,
	checkParty,
	checkMatter,
} = require('../../nodes/DpsOneOffice/mapping');
const { UK_POSTCODE } = require('../../sandbox/systems/dps-one-office/validate');

const TODAY = '2025-07-01';
const fields = (problems) => problems.map((p) => `${p.field}: ${p.message}`);

describe('formats', () => {
	test('UK postcodes are stored upper-case with one space; the node and the sandbox agree on the format', () => {
		expect(normalisePostcode('ls14ab')).toBe('LS1 4AB');
		expect(normalisePostcode(' m1   1ae ')).toBe('M1 1AE');
		expect(normalisePostcode('EC1A1BB')).toBe('EC1A 1BB');
		expect(normalisePostcode('gir0aa')).toBe('GIR 0AA');
		for (const bad of ['', 'LS1', '12345', 'LS1 4A', 'LSS1 4AB1'])
			expect(normalisePostcode(bad)).toBeNull();
		for (const sample of ['LS14AB', 'M11AE', 'EC1A1BB', 'W1A0AX', 'B338TH', 'CR26XH', 'DN551PT']) {
			expect(normalisePostcode(sample)).not.toBeNull();
			expect(UK_POSTCODE.test(sample)).toBe(true);
		}
	});

	test('money and dates', () => {
		expect(toMoney('250000')).toBe('250000.00');
		expect(toMoney(185000.5)).toBe('185000.50');
		expect(toMoney('£250,000.00')).toBe('250000.00');
		expect(toMoney('-1')).toBeNull();
		expect(toMoney('about 200k')).toBeNull();
		expect(toDateOnly('2025-03-11T00:00:00.000Z')).toBe('2025-03-11');
		expect(toDateOnly('2025-02-30')).toBeNull();
		expect(toDateOnly('11/03/2025')).toBeNull();
	});
});

describe('checkParty', () => {
	const person = {
		type: 'person',
		title: ' Mr ',
		firstName: 'Alan',
		lastName: 'Smith',
		address: { line1: '3 Low Rd', town: 'Leeds', postcode: 'ls14ab' },
		mobile: '07700 900123',
		email: 'alan@example.com',
		dateOfBirth: '1978-04-12T00:00:00.000Z',
		externalRef: 'ppc_1001',
		externalSource: 'perfect_portal',
	};

	test('a client becomes a ClientWrite body with only the fields given, the postcode normalised', () => {
		const { body, problems } = checkParty(person, { client: true, today: TODAY });
		expect(problems).toEqual([]);
		expect(body).toEqual({
			type: 'person',
			title: 'Mr',
			first_name: 'Alan',
			last_name: 'Smith',
			address: { line1: '3 Low Rd', town: 'Leeds', country: 'GB', postcode: 'LS1 4AB' },
			mobile: '07700 900123',
			email: 'alan@example.com',
			date_of_birth: '1978-04-12',
			external_ref: 'ppc_1001',
			external_source: 'perfect_portal',
		});
	});

	test('every problem is named with the label the node shows', () => {
		const { problems } = checkParty(
			{
				type: 'person',
				firstName: ' ',
				address: { line2: 'Flat 1', postcode: 'nope' },
				phone: '0113 four',
				email: 'alan@',
				dateOfBirth: '2999-01-01',
			},
			{ client: true, label: 'Client ', today: TODAY },
		);
		expect(fields(problems)).toEqual([
			'Client First Name: is empty',
			'Client Last Name: is empty',
			'Client Address Line 1: is empty',
			"Client Postcode: 'nope' is not a UK postcode",
			"Client Phone: '0113 four' is not a phone number",
			"Client Email: 'alan@' is not an e-mail address",
			'Client Date of Birth: 2999-01-01 is in the future',
		]);
		expect(problems.every((p) => p.fix.length > 10)).toBe(true);
	});

	test('an organisation needs its name; a contact needs only a last name and no address', () => {
		expect(
			fields(
				checkParty(
					{ type: 'organisation', address: { line1: 'x', postcode: 'M1 1AE' } },
					{ client: true, today: TODAY },
				).problems,
			),
		).toEqual(['Organisation Name: is empty']);
		const contact = checkParty(
			{ type: 'person', lastName: 'Moss', address: {} },
			{ client: false, today: TODAY },
		);
		expect(contact).toEqual({ body: { type: 'person', last_name: 'Moss' }, problems: [] });
		const abroad = checkParty(
			{
				type: 'person',
				lastName: 'Roux',
				address: { line1: '5 Rue X', postcode: '75001', country: 'fr' },
			},
			{ client: false, today: TODAY },
		);
		expect(abroad.body.address).toEqual({ line1: '5 Rue X', country: 'FR', postcode: '75001' });
	});
});

describe('checkMatter', () => {
	const matter = {
		appCode: 'CP',
		feeEarner: 'JSM',
		branch: 'LDS',
		matterDetails: ' Purchase of 1 High St, Leeds ',
		externalRef: 'PP-123456',
		externalSource: 'perfect_portal',
		additionalClientRefs: ['SMI002'],
		openedOn: '2025-03-11',
		properties: [
			{
				address: { line1: '1 High St', town: 'Leeds', postcode: 'ls11aa' },
				tenure: 'freehold',
				price: 250000,
				currency: 'gbp',
			},
		],
	};

	test('the contract example body', () => {
		const { body, problems } = checkMatter(matter, TODAY);
		expect(problems).toEqual([]);
		expect(body).toEqual({
			app_code: 'CP',
			fee_earner: 'JSM',
			branch: 'LDS',
			matter_details: 'Purchase of 1 High St, Leeds',
			external_ref: 'PP-123456',
			external_source: 'perfect_portal',
			additional_client_refs: ['SMI002'],
			opened_on: '2025-03-11',
			properties: [
				{
					address: { line1: '1 High St', town: 'Leeds', country: 'GB', postcode: 'LS1 1AA' },
					tenure: 'freehold',
					price: '250000.00',
					currency: 'GBP',
				},
			],
		});
	});

	test('a missing code has a fix that reads in the node and in the review table: no list is promised', () => {
		const { problems } = checkMatter({ ...matter, appCode: '', feeEarner: '', branch: '' }, TODAY);
		expect(problems.map((p) => p.fix)).toEqual([
			'Enter the AppCode (work type), e.g. CP.',
			"Enter the fee earner's DPS user code, e.g. JSM.",
			'Enter the branch code, e.g. LDS.',
		]);
	});

	test('missing codes and every other problem at once', () => {
		const { problems } = checkMatter(
			{
				...matter,
				appCode: '',
				feeEarner: '  ',
				branch: '',
				matterDetails: 'x'.repeat(256),
				additionalClientRefs: ['A', 'A'],
				openedOn: '2999-01-01',
				properties: [{ address: { postcode: 'bad' }, tenure: 'rented', price: 'lots' }],
			},
			TODAY,
		);
		expect(fields(problems)).toEqual([
			'AppCode: is empty',
			'Fee Earner: is empty',
			'Branch: is empty',
			'Matter Details: is longer than 255 characters',
			'Additional Client Refs: lists A twice',
			'Opened On: 2999-01-01 is in the future',
			'Property 1 › Address Line 1: is empty',
			"Property 1 › Postcode: 'bad' is not a UK postcode",
			"Property 1 › Tenure: 'rented' is not a tenure",
			"Property 1 › Price: 'lots' is not an amount",
		]);
	});
});
