import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CASE_MANAGEMENT_TARGETS, caseOutputOption } from './actions/common';
import type { CaseOutput } from './mapping';
import { formatCase, simplifyLead } from './mapping';
import { caseDetail, pollNewCases, sampleNewCase } from './trigger/caseFeed';
import type { ConversionKinds } from './trigger/conversions';
import { pollConversions, sampleConversion } from './trigger/conversions';
import { pollKeyStages, sampleKeyStageChange } from './trigger/keyStages';
import { pollRecords, sampleRecord } from './trigger/recordFeed';

type TriggerEvent =
	| 'newCase'
	| 'leadConverted'
	| 'keyStageChanged'
	| 'contactChanged'
	| 'referrerChanged';

export class PerfectPortalTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Perfect Portal Trigger',
		name: 'perfectPortalTrigger',
		icon: {
			light: 'file:../../icons/perfectportal.svg',
			dark: 'file:../../icons/perfectportal.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ ({ keyStageChanged: "Key stage changed", leadConverted: "Lead converted", newCase: "New case", contactChanged: "New or changed contact", referrerChanged: "New or changed referrer" })[$parameter["event"]] ?? $parameter["event"] }}',
		description:
			'Starts the workflow when a Perfect Portal case is created, a quote or lead is converted, a case reaches a new key stage, or a contact or referrer is created or changed',
		defaults: { name: 'Perfect Portal Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'perfectPortalApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				required: true,
				options: [
					{
						name: 'Key Stage Changed',
						value: 'keyStageChanged',
						description: 'A case reached a new key stage',
					},
					{
						name: 'Lead Converted',
						value: 'leadConverted',
						description: 'A quote or lead was converted to a case',
					},
					{
						name: 'New Case',
						value: 'newCase',
						description: 'A case was created (e.g. from a converted quote)',
					},
					{
						name: 'New or Changed Contact',
						value: 'contactChanged',
						description: 'A contact was created or saved; each version fires once',
					},
					{
						name: 'New or Changed Referrer',
						value: 'referrerChanged',
						description: 'A referrer was created or saved; each version fires once',
					},
				],
				default: 'newCase',
			},
			{
				displayName: 'Convert From',
				name: 'kinds',
				type: 'options',
				options: [
					{ name: 'Quotes and Leads', value: 'both' },
					{ name: 'Quotes Only', value: 'quote', description: 'Conveyancing quotes' },
					{ name: 'Leads Only', value: 'enquiry', description: 'Enquiries for other work' },
				],
				default: 'both',
				displayOptions: { show: { event: ['leadConverted'] } },
			},
			{
				displayName: 'Case Management Target',
				name: 'target',
				type: 'options',
				options: [{ name: 'Any', value: '' }, ...CASE_MANAGEMENT_TARGETS],
				default: '',
				description:
					'Watch only cases the firm chose to send to this case-management system (e.g. DPS One Office)',
				displayOptions: { show: { event: ['newCase', 'keyStageChanged'] } },
			},
			{
				...caseOutputOption,
				description:
					'Simplified New Case items carry the case list columns; Raw and Canonical read each case in full',
				displayOptions: { show: { event: ['newCase', 'keyStageChanged'] } },
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to return a simplified version of the response instead of the raw data',
				displayOptions: { show: { event: ['leadConverted'] } },
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as TriggerEvent;
		const manual = this.getMode() === 'manual';
		const staticData = this.getWorkflowStaticData('node');

		if (event === 'leadConverted') {
			const kinds = this.getNodeParameter('kinds', 'both') as ConversionKinds;
			const simplify = this.getNodeParameter('simplify', true) as boolean;
			const shape = (lead: IDataObject) => (simplify ? simplifyLead(lead) : lead);
			if (manual) {
				const sample = await sampleConversion(this, kinds);
				return sample ? [this.helpers.returnJsonArray([shape(sample)])] : null;
			}
			const { leads, memory } = await pollConversions(this, kinds, staticData.conversions);
			staticData.conversions = memory as unknown as IDataObject;
			return leads.length ? [this.helpers.returnJsonArray(leads.map(shape))] : null;
		}

		if (event === 'contactChanged' || event === 'referrerChanged') {
			const kind = event === 'contactChanged' ? 'contact' : 'referrer';
			if (manual) {
				const sample = await sampleRecord(this, kind);
				return sample ? [this.helpers.returnJsonArray([sample])] : null;
			}
			const { records, memory } = await pollRecords(this, kind, staticData.records);
			staticData.records = memory as unknown as IDataObject;
			return records.length ? [this.helpers.returnJsonArray(records)] : null;
		}

		const options = { target: this.getNodeParameter('target', '') as string };
		const output = this.getNodeParameter('output', 'simplified') as CaseOutput;

		if (event === 'keyStageChanged') {
			if (manual) {
				const sample = await sampleKeyStageChange(this, options);
				return sample ? [this.helpers.returnJsonArray([formatCase(sample, output)])] : null;
			}
			const { changes, memory } = await pollKeyStages(this, options, staticData.keyStages);
			staticData.keyStages = memory as unknown as IDataObject;
			if (!changes.length) return null;
			const items = changes.map((change) => {
				const json = formatCase(change.case, output);
				if (output !== 'simplified') return json;
				const ks = change.case.key_stage as IDataObject | null;
				return {
					...json,
					key_stage_id: ks?.id ?? null,
					key_stage_reached_at: ks?.reached_at ?? null,
					previous_key_stage_id: change.previous,
				};
			});
			return [this.helpers.returnJsonArray(items)];
		}

		// New Case: the list's summary is enough for Simplified; Raw and Canonical read each case in full.
		const full = async (summary: IDataObject) =>
			output === 'simplified' ? summary : await caseDetail(this, String(summary.case_id));
		if (manual) {
			const sample = await sampleNewCase(this, options);
			return sample
				? [this.helpers.returnJsonArray([formatCase(await full(sample), output)])]
				: null;
		}
		const { cases, memory } = await pollNewCases(this, options, staticData.cases);
		const items: IDataObject[] = [];
		for (const summary of cases) items.push(formatCase(await full(summary), output));
		staticData.cases = memory as unknown as IDataObject;
		return items.length ? [this.helpers.returnJsonArray(items)] : null;
	}
}
