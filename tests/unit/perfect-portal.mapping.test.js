// Perfect Portal → canonical LegalCase and the simplified shapes: pure functions, no HTTP.
const {
	toLegalCase,
	simplifyCase,
	simplifyLead,
	feeScaleLines,
	formatCase,
	primaryClientName,
} = require('../../nodes/PerfectPortal/mapping');
const { createdSinceFor } = require('../../nodes/PerfectPortal/actions/case/getAll.operation');
const { legalCaseSchema } = require('../../nodes/shared/model');

const JANE = { id: 'st_1', name: 'Jane Smith', email: 'jane@firm.co.uk', code: 'JSM' };
const TOM = { id: 'st_3', name: 'Tom Price', email: 'tom@firm.co.uk', code: null };

const detail = (extra = {}) => ({
	case_id: 'PP-123456',
	status: 'open',
	origin: 'perfect_portal',
	work_type: 'Conveyancing - Purchase',
	app_code: 'CP',
	fee_earner: JANE,
	branch: { id: 'br_1', name: 'Leeds', code: 'LDS' },
	matter_details: 'Purchase of 1 High St, Leeds',
	owner: JANE,
	price: '250000.00',
	currency: 'GBP',
	fee_totals: {
		legal_fees: '900.00',
		additional_fees: '0.00',
		disbursements: '150.00',
		vat: '180.00',
		total: '1230.00',
	},
	clients_contacts: [
		{
			id: 'pa_2',
			type: 'estate_agent',
			is_primary: false,
			name: 'Hunters',
			company_name: 'Hunters',
			email: 'a@hunters.example',
		},
		{
			id: 'pa_1',
			type: 'client',
			is_primary: true,
			name: 'Mr Alan Smith',
			first_name: 'Alan',
			last_name: 'Smith',
			mobile: '07700 900123',
			phone: '0113 496 0000',
			email: 'alan@example.com',
		},
		{
			id: 'pa_3',
			type: 'client',
			is_primary: false,
			name: 'Mrs Sarah Smith',
			first_name: 'Sarah',
			last_name: 'Smith',
			mobile: null,
			phone: '0113 496 0001',
			email: null,
		},
	],
	properties: [{ id: 'pr_1' }],
	key_stage: { id: 'ks_2', name: 'Searches Ordered', reached_at: '2025-03-11T08:00:00.000Z' },
	completion: null,
	conversion_notes: 'Client prefers e-mail.',
	case_management_target: 'dps_one_office',
	case_management_link: null,
	created_at: '2025-03-10T10:00:00.000Z',
	updated_at: '2025-03-11T08:12:40.000Z',
	...extra,
});

describe('toLegalCase', () => {
	test('a full case: Case ID as external reference, fee earner as primary attorney, clients only', () => {
		const lc = toLegalCase(detail());
		expect(legalCaseSchema.parse(lc)).toEqual(lc);
		expect(lc).toEqual({
			source: { system: 'perfectportal', id: 'PP-123456', url: null },
			externalRef: 'PP-123456',
			number: 'PP-123456',
			name: 'Purchase of 1 High St, Leeds',
			status: 'open',
			practiceArea: 'Conveyancing - Purchase',
			stage: { sourceId: 'ks_2', name: 'Searches Ordered', position: null },
			primaryAttorney: {
				sourceId: 'st_1',
				role: 'attorney',
				firstName: 'Jane',
				lastName: 'Smith',
				companyName: null,
				email: 'jane@firm.co.uk',
				phone: null,
				isPrimary: true,
			},
			staff: [],
			clients: [
				{
					sourceId: 'pa_1',
					role: 'client',
					firstName: 'Alan',
					lastName: 'Smith',
					companyName: null,
					email: 'alan@example.com',
					phone: '07700 900123',
					isPrimary: true,
				},
				{
					sourceId: 'pa_3',
					role: 'client',
					firstName: 'Sarah',
					lastName: 'Smith',
					companyName: null,
					email: null,
					phone: '0113 496 0001',
					isPrimary: false,
				},
			],
			incidentDate: null,
			description: 'Client prefers e-mail.',
			createdAt: '2025-03-10T10:00:00.000Z',
			updatedAt: '2025-03-11T08:12:40.000Z',
			closedAt: null,
			linked: true,
		});
	});

	test('completed and cancelled cases are closed; an owner who is not the fee earner is staff', () => {
		for (const status of ['completed', 'cancelled']) {
			const lc = toLegalCase(detail({ status, owner: TOM }));
			expect(lc.status).toBe('closed');
			expect(lc.closedAt).toBe('2025-03-11T08:12:40.000Z');
			expect(lc.staff).toEqual([
				expect.objectContaining({
					sourceId: 'st_3',
					role: 'staff',
					firstName: 'Tom',
					lastName: 'Price',
				}),
			]);
		}
	});

	test('no clients, no key stage, no target, no matter details: still a valid record named from what is there', () => {
		const lc = toLegalCase(
			detail({
				clients_contacts: [],
				key_stage: null,
				case_management_target: null,
				matter_details: '',
				fee_earner: null,
				conversion_notes: null,
			}),
		);
		expect(legalCaseSchema.safeParse(lc).success).toBe(true);
		expect(lc).toEqual(
			expect.objectContaining({
				name: 'Conveyancing - Purchase – PP-123456',
				clients: [],
				stage: null,
				primaryAttorney: null,
				linked: false,
				description: null,
			}),
		);
		expect(
			toLegalCase(
				detail({ case_management_target: null, case_management_link: { matter_ref: 'X' } }),
			).linked,
		).toBe(true);
	});

	test('an organisation client; no is_primary flags means the first client is primary', () => {
		const lc = toLegalCase(
			detail({
				clients_contacts: [
					{
						id: 'pa_9',
						type: 'client',
						name: 'Kirkgate Holdings Ltd',
						company_name: 'Kirkgate Holdings Ltd',
						phone: '0161 496 0000',
						email: 'office@kirkgate.example',
					},
					{ id: 'pa_8', type: 'client', name: 'B', last_name: 'B' },
				],
			}),
		);
		expect(lc.clients.map((c) => [c.companyName, c.isPrimary])).toEqual([
			['Kirkgate Holdings Ltd', true],
			[null, false],
		]);
	});
});

describe('simplified shapes', () => {
	test('simplified is ten fields a person scans, for a list row and a detail alike (n8n: at most 10)', () => {
		const summary = {
			case_id: 'PP-1',
			status: 'open',
			work_type: 'Wills',
			app_code: null,
			fee_earner: TOM,
			branch: { id: 'br_1', name: 'Leeds', code: 'LDS' },
			matter_details: 'Wills: Ann Lee',
			primary_client_name: 'Ann Lee',
			case_management_target: null,
			case_management_link: { system: 'smokeball', matter_ref: 'SB-1' },
			created_at: 'c',
			updated_at: 'u',
		};
		expect(simplifyCase(summary)).toEqual({
			case_id: 'PP-1',
			status: 'open',
			client_names: ['Ann Lee'],
			matter_details: 'Wills: Ann Lee',
			app_code: null,
			fee_earner: 'Tom Price',
			branch: 'Leeds',
			key_stage: null,
			matter_ref: 'SB-1',
			updated_at: 'u',
		});
		const full = simplifyCase(detail());
		expect(Object.keys(full)).toHaveLength(10);
		expect(full).toEqual(
			expect.objectContaining({
				key_stage: 'Searches Ordered',
				client_names: ['Mr Alan Smith', 'Mrs Sarah Smith'],
			}),
		);
		expect(formatCase(summary, 'raw')).toBe(summary);
		expect(primaryClientName({ clients_contacts: [] })).toBeNull();
	});

	test('a lead', () => {
		expect(
			simplifyLead({
				id: 'qt_1',
				kind: 'quote',
				reference: '3865730',
				status: 'converted',
				work_type: 'Conveyancing - Sale',
				owner: JANE,
				referrer: { id: 'rf_1', name: 'Hunters' },
				lead_source: 'Referrer',
				price: '150000.00',
				currency: 'GBP',
				fee_totals: { total: '999.00' },
				clients_contacts: detail().clients_contacts,
				converted_case_id: 'PP-1',
				converted_at: 't',
				created_at: 'c',
				updated_at: 'u',
			}),
		).toEqual({
			id: 'qt_1',
			kind: 'quote',
			reference: '3865730',
			status: 'converted',
			work_type: 'Conveyancing - Sale',
			primary_client_name: 'Mr Alan Smith',
			owner: 'Jane Smith',
			referrer: 'Hunters',
			lead_source: 'Referrer',
			price: '150000.00',
			fee_total: '999.00',
			currency: 'GBP',
			converted_case_id: 'PP-1',
			converted_at: 't',
			created_at: 'c',
			updated_at: 'u',
		});
	});

	test('fee scale lines carry their section, the section flag and the CMS category', () => {
		const rows = feeScaleLines({
			id: 'fs_1',
			name: 'Residential',
			sections: {
				legal_fees: {
					map_all_to_case_management: true,
					lines: [
						{
							id: 'l1',
							description: 'Legal fee',
							amount: null,
							vat_rate: '20.00',
							mapped_to_case_management: true,
						},
					],
				},
				additional_fees: {
					map_all_to_case_management: false,
					lines: [
						{
							id: 'l2',
							description: 'ID check',
							amount: '12.00',
							vat_rate: '20.00',
							mapped_to_case_management: false,
						},
					],
				},
				disbursements: {
					map_all_to_case_management: true,
					lines: [
						{
							id: 'l3',
							description: 'Land Registry',
							amount: '150.00',
							vat_rate: '0.00',
							mapped_to_case_management: true,
						},
					],
				},
			},
		});
		expect(
			rows.map((r) => [
				r.id,
				r.section,
				r.section_maps_all,
				r.mapped_to_case_management,
				r.case_management_category,
			]),
		).toEqual([
			['l1', 'legal_fees', true, true, 'fees'],
			['l2', 'additional_fees', false, false, 'fees'],
			['l3', 'disbursements', true, true, 'cost_recoveries'],
		]);
		expect(rows[0]).toEqual(
			expect.objectContaining({
				fee_scale_id: 'fs_1',
				fee_scale_name: 'Residential',
				amount: null,
			}),
		);
		expect(feeScaleLines({ id: 'x', sections: null })).toEqual([]);
	});
});

describe('time frames', () => {
	const now = Date.parse('2025-06-30T12:00:00.000Z');
	const period = { amount: 3, unit: 'days' };
	test('day / week / month (30 days) / custom / since / any', () => {
		expect(createdSinceFor('day', period, undefined, now)).toBe('2025-06-29T12:00:00.000Z');
		expect(createdSinceFor('week', period, undefined, now)).toBe('2025-06-23T12:00:00.000Z');
		expect(createdSinceFor('month', period, undefined, now)).toBe('2025-05-31T12:00:00.000Z');
		expect(createdSinceFor('custom', period, undefined, now)).toBe('2025-06-27T12:00:00.000Z');
		expect(createdSinceFor('custom', { amount: 6, unit: 'hours' }, undefined, now)).toBe(
			'2025-06-30T06:00:00.000Z',
		);
		expect(createdSinceFor('custom', { amount: 2, unit: 'weeks' }, undefined, now)).toBe(
			'2025-06-16T12:00:00.000Z',
		);
		expect(createdSinceFor('since', period, '2025-06-01T09:30:00Z', now)).toBe(
			'2025-06-01T09:30:00.000Z',
		);
		expect(createdSinceFor('any', period, undefined, now)).toBeUndefined();
	});
});
