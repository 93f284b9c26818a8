import type { INodeProperties } from 'n8n-workflow';

/** A DPS contact type, from the firm's list (EA, LEN, OSS, …). */
export function contactTypeProperty(hint: string): INodeProperties {
	return {
		displayName: 'Contact Type Name or ID',
		name: 'contactType',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getContactTypes' },
		default: '',
		required: true,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint,
	};
}
