import type { IDataObject } from 'n8n-workflow';

import { toCsv } from '../shared/report';
import { CSV_COLUMNS } from './downloadFile.columns';

/** The CSV lines of cases in the download's shape: what a firm's CSV download holds (and the sample file). */
export function casesToCsv(cases: IDataObject[], downloadedAt: string): string {
	const rows: Array<Record<string, unknown>> = [];
	for (const c of cases) {
		const feeEarner = (c.fee_earner ?? {}) as IDataObject;
		const branch = (c.branch ?? {}) as IDataObject;
		const link = c.case_management_link as IDataObject | null | undefined;
		const dps = link?.system === 'dps_one_office';
		const base = {
			downloaded_at: downloadedAt,
			case_id: c.case_id,
			status: c.status,
			case_management_target: c.case_management_target,
			work_type: c.work_type,
			app_code: c.app_code,
			fee_earner_code: feeEarner.code,
			fee_earner_name: feeEarner.name,
			branch_code: branch.code,
			branch_name: branch.name,
			matter_details: c.matter_details,
			dps_mat_ref: dps ? link.matter_ref : '',
			dps_client_ref: dps ? ((link.client_refs as string[]) ?? []).join(', ') : '',
			updated_at: c.updated_at,
		};
		const address = (a: IDataObject | null | undefined) => ({
			address_line1: a?.line1,
			address_line2: a?.line2,
			town: a?.town,
			county: a?.county,
			postcode: a?.postcode,
			country: a?.country,
		});
		const parties = (c.clients_contacts ?? []) as IDataObject[];
		const properties = (c.properties ?? []) as IDataObject[];
		for (const p of parties) {
			rows.push({
				...base,
				record: 'party',
				party_id: p.id,
				contact_id: p.contact_id,
				party_type: p.type,
				is_primary: p.is_primary === true,
				title: p.title,
				first_name: p.first_name,
				last_name: p.last_name,
				company_name: p.company_name,
				phone: p.phone,
				mobile: p.mobile,
				email: p.email,
				...address(p.address as IDataObject | null),
			});
		}
		for (const p of properties) {
			rows.push({
				...base,
				record: 'property',
				property_id: p.id,
				tenure: p.tenure,
				price: p.price,
				transaction_type: p.transaction_type,
				...address(p.address as IDataObject | null),
			});
		}
		if (!parties.length && !properties.length) rows.push({ ...base, record: '' });
	}
	return toCsv(rows, CSV_COLUMNS);
}
