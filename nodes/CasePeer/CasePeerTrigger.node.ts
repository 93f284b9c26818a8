import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { refuseField } from '../shared/problems';
import { optionsCollection, readTriggerOptions } from '../shared/options';
import { caseIdFromLocator, caseOutputOption, noteCategoryId } from './actions/common';
import { getNoteCategories } from './methods/loadOptions';
import type { CaseOutput } from './mapping';
import { formatCase, simplifyNote } from './mapping';
import { pollCaseFeed, sampleCase } from './trigger/caseFeed';
import type { CaseEvent, TriggerEvent } from './trigger/events';
import { pollNotes, sampleNote } from './trigger/noteSweep';
import { sweepBudget } from './trigger/sweepBudget';

/** How the New Case Note sweep spends CASEpeer's rate limit (trigger/noteSweep.ts, trigger/sweepBudget.ts). */
const sweepOptions = optionsCollection([
	{
		displayName: 'Rate Limit Share (%)',
		name: 'rateLimitShare',
		type: 'number',
		default: 70,
		typeOptions: { minValue: 5, maxValue: 90 },
		description:
			"How much of CASEpeer's rate limit (10 requests/s per key) reading notes may use, on average over the polling interval: open cases first, closed ones get at least a tenth of it. The rest of the limit stays free for the nightly sync and every other workflow on the same key.",
	},
]);

export class CasePeerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CASEpeer Trigger',
		name: 'casePeerTrigger',
		icon: {
			light: 'file:../../icons/casepeer.svg',
			dark: 'file:../../icons/casepeer.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ ({ caseClosed: "Case closed", caseConnected: "Case connected to Case Status", caseUpdated: "Case updated", newCase: "New case", newCaseNote: "New case note", stageChanged: "Stage changed" })[$parameter["event"]] ?? $parameter["event"] }}',
		description:
			'Starts the workflow when a CASEpeer case is created, updated, changes stage, closes or gets a new note',
		defaults: { name: 'CASEpeer Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'casePeerApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				required: true,
				options: [
					{
						name: 'Case Closed',
						value: 'caseClosed',
						description: 'A case was closed (it carries a new closed time)',
					},
					{
						name: 'Case Connected to Case Status',
						value: 'caseConnected',
						description: 'Someone clicked "Connect to Case Status" on a case',
					},
					{
						name: 'Case Updated',
						value: 'caseUpdated',
						description: 'Any change to a case: stage, status, clients, staff, connection',
					},
					{
						name: 'New Case',
						value: 'newCase',
						description: 'A case was created',
					},
					{
						name: 'New Case Note',
						value: 'newCaseNote',
						description: 'A note was added to a case',
					},
					{
						name: 'Stage Changed',
						value: 'stageChanged',
						description: "A case's stage changed",
					},
				],
				default: 'caseUpdated',
			},
			{
				displayName: 'Only Cases Connected to Case Status',
				name: 'onlyConnected',
				type: 'boolean',
				default: false,
				description:
					'Whether to watch only cases marked "Connect to Case Status" (the cases the Case Status sync covers)',
				displayOptions: { hide: { event: ['caseConnected'] } },
			},
			{
				displayName: 'Case IDs',
				name: 'caseIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 27891, 27892',
				description:
					'Watch only these cases (IDs or case URLs, comma-separated). Empty: every case in scope, open cases first, as many per poll as the Rate Limit Share allows.',
				displayOptions: { show: { event: ['newCaseNote'] } },
			},
			{
				displayName: 'Note Category Names or IDs',
				name: 'noteCategories',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getNoteCategories' },
				default: [],
				description:
					'Only notes in these categories (e.g. the one that means "send to the client"). Empty: every note. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				displayOptions: { show: { event: ['newCaseNote'] } },
			},
			{ ...sweepOptions, displayOptions: { show: { event: ['newCaseNote'] } } },
			{ ...caseOutputOption, displayOptions: { hide: { event: ['newCaseNote'] } } },
			{
				displayName: 'Output',
				name: 'noteOutput',
				type: 'options',
				default: 'simplified',
				options: [
					{
						name: 'Simplified',
						value: 'simplified',
						description:
							'ID, case ID, text, category, critical flag, author, external reference, times',
					},
					{ name: 'Raw', value: 'raw', description: 'The note exactly as CASEpeer returns it' },
				],
				displayOptions: { show: { event: ['newCaseNote'] } },
			},
		],
	};

	methods = { loadOptions: { getNoteCategories } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as TriggerEvent;
		const onlyConnected = this.getNodeParameter('onlyConnected', false) as boolean;
		const manual = this.getMode() === 'manual';
		const staticData = this.getWorkflowStaticData('node');

		if (event === 'newCaseNote') {
			const categories = this.getNodeParameter('noteCategories', []) as string[];
			const sweep = readTriggerOptions(this, sweepOptions);
			const options = {
				onlyConnected,
				caseIds: readCaseIds(this),
				categoryIds: await Promise.all(categories.map(async (c) => await noteCategoryId(this, c))),
			};
			const output = this.getNodeParameter('noteOutput', 'simplified') as string;
			const shape = (note: IDataObject) => (output === 'raw' ? note : simplifyNote(note));
			if (manual) {
				const sample = await sampleNote(this, options);
				return sample ? [this.helpers.returnJsonArray([shape(sample)])] : null;
			}
			const budget = sweepBudget(this, Number(sweep.rateLimitShare) / 100);
			const { notes, memory } = await pollNotes(this, options, staticData.notes, budget);
			staticData.notes = memory as unknown as IDataObject;
			return notes.length ? [this.helpers.returnJsonArray(notes.map(shape))] : null;
		}

		const options = { event: event as CaseEvent, onlyConnected };
		const output = this.getNodeParameter('output', 'simplified') as CaseOutput;
		if (manual) {
			const sample = await sampleCase(this, options);
			return sample ? [this.helpers.returnJsonArray([formatCase(sample, output)])] : null;
		}
		const { cases, memory } = await pollCaseFeed(this, options, staticData.cases);
		staticData.cases = memory as unknown as IDataObject;
		return cases.length
			? [this.helpers.returnJsonArray(cases.map((c) => formatCase(c, output)))]
			: null;
	}
}

/** "27891, https://firm.casepeer.com/case/27892/" → [27891, 27892]; refuses anything else, naming it. */
function readCaseIds(ctx: IPollFunctions): number[] {
	const raw = String(ctx.getNodeParameter('caseIds', '') ?? '');
	const ids: number[] = [];
	for (const part of raw.split(/[,\s]+/).filter(Boolean)) {
		const id = caseIdFromLocator(part);
		if (id === null) {
			refuseField(ctx, 0, 'CASEpeer', {
				field: 'Case IDs',
				code: 'invalid',
				message: `contains '${part}', which is not a CASEpeer case ID or URL`,
				fix: 'List case IDs (the number after /case/ in a case URL) or case URLs, separated by commas.',
			});
		}
		if (!ids.includes(id)) ids.push(id);
	}
	return ids;
}
