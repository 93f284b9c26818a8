import type { INodeProperties } from 'n8n-workflow';

/** The matter fields One Office's import grid needs filled in: AppCode, Fee Earner, Branch and Matter Details. */
export const matterCodeProperties: INodeProperties[] = [
	{
		displayName: 'AppCode Name or ID',
		name: 'appCode',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getAppCodes' },
		default: '',
		required: true,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'The work type, e.g. CP for Convey (Purchase)',
	},
	{
		displayName: 'Fee Earner Name or ID',
		name: 'feeEarner',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getFeeEarners', loadOptionsDependsOn: ['appCode'] },
		default: '',
		required: true,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'The fee earner doing the work (DPS user code, e.g. JSM); the list shows those with rights to the AppCode',
	},
	{
		displayName: 'Branch Name or ID',
		name: 'branch',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getBranches' },
		default: '',
		required: true,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'The branch doing the work, e.g. LDS',
	},
	{
		displayName: 'Matter Details',
		name: 'matterDetails',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Purchase of 1 High St, Leeds',
		description: 'The matter description (at most 255 characters)',
	},
];

/** A property's tenure, in Matter › Create's and Import Case's property rows. */
export const tenureField: INodeProperties = {
	displayName: 'Tenure',
	name: 'tenure',
	type: 'options',
	options: [
		{ name: 'Commonhold', value: 'commonhold' },
		{ name: 'Freehold', value: 'freehold' },
		{ name: 'Leasehold', value: 'leasehold' },
		{ name: 'Unknown', value: 'unknown' },
	],
	default: 'unknown',
};
