// The columns of a CSV download file (docs/api/perfect-portal.md#download-files): a case's columns, then what one line adds.

/** The case's columns, the same on every line of the case. */
export const CASE_COLUMNS = [
	'downloaded_at',
	'case_id',
	'status',
	'case_management_target',
	'work_type',
	'app_code',
	'fee_earner_code',
	'fee_earner_name',
	'branch_code',
	'branch_name',
	'matter_details',
	'dps_mat_ref',
	'dps_client_ref',
	'updated_at',
] as const;

/** What one line adds: a party (`record` party) or a property (`record` property), or nothing (a case alone). */
export const LINE_COLUMNS = [
	'record',
	'party_id',
	'contact_id',
	'party_type',
	'is_primary',
	'title',
	'first_name',
	'last_name',
	'company_name',
	'phone',
	'mobile',
	'email',
	'property_id',
	'tenure',
	'price',
	'transaction_type',
	'address_line1',
	'address_line2',
	'town',
	'county',
	'postcode',
	'country',
] as const;

export const CSV_COLUMNS: string[] = [...CASE_COLUMNS, ...LINE_COLUMNS];
