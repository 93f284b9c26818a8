import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { clock } from '../../shared/clock';
import type { RequestContext } from '../../shared/http';
import { smokeballRequest } from './request';

/** The hypermedia Link a 202 write answers with. */
export interface Link {
	id?: string | null;
	href?: string | null;
}

export interface WaitOptions {
	itemIndex?: number;
	timeoutMs?: number;
	/** For updates: the record is "readable" once this says the change shows. */
	ready?: (body: IDataObject) => boolean;
	what: string;
}

/**
 * Smokeball answers writes with 202 and applies them moments later (docs/api/smokeball.md#asynchronous-writes). This
 * polls the record with growing pauses until it reads as written, or gives up with a message that says where Smokeball
 * reports failed writes.
 */
export async function waitUntilReadable(
	ctx: RequestContext,
	path: string,
	options: WaitOptions,
): Promise<IDataObject> {
	const timeoutMs = options.timeoutMs ?? 30_000;
	const started = clock.now();
	let pause = 250;
	for (;;) {
		const response = await smokeballRequest<IDataObject>(ctx, 'GET', path, {
			accept: [404],
			itemIndex: options.itemIndex,
		});
		if (response.status === 200 && (!options.ready || options.ready(response.body))) {
			return response.body;
		}
		if (clock.now() - started + pause > timeoutMs) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Smokeball accepted the ${options.what} but it was not readable after ${Math.round(timeoutMs / 1000)} s`,
				{
					description:
						'Smokeball applies writes asynchronously and reports failed ones through its "error" webhook (Smokeball Trigger › Error). Check the IDs sent (contacts, staff, matter type), or raise "Wait Timeout (Seconds)".',
					itemIndex: options.itemIndex,
				},
			);
		}
		await clock.sleep(pause);
		pause = Math.min(pause * 2, 4000);
	}
}
