import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { refuseField } from '../../../shared/problems';
import { endpoints, MAX_LOGO_BYTES, officeToolsApi, officeToolsUpload } from '../../transport';

// The portal's branding brought in line with the node: name and color patched, the logo checked and uploaded.

/** Applies branding that differs from what the portal holds (a re-run converges instead of failing). */
export async function syncBranding(
	ctx: IExecuteFunctions,
	portal: IDataObject,
	wanted: { displayName: string; primaryColor?: string },
	itemIndex: number,
): Promise<IDataObject> {
	const branding = (portal.branding ?? {}) as IDataObject;
	const patch: IDataObject = {};
	if (branding.display_name !== wanted.displayName) patch.display_name = wanted.displayName;
	if (
		wanted.primaryColor &&
		String(branding.primary_color ?? '').toLowerCase() !== wanted.primaryColor.toLowerCase()
	)
		patch.primary_color = wanted.primaryColor;
	if (!Object.keys(patch).length) return portal;
	return await officeToolsApi<IDataObject>(ctx, 'PATCH', endpoints.branding(), {
		body: patch,
		itemIndex,
	});
}

export interface Logo {
	data: Buffer;
	fileName: string;
	mimeType?: string;
}

/** The logo from the input item, checked before anything is written (activation cannot be undone). */
export async function readLogo(
	ctx: IExecuteFunctions,
	property: string,
	itemIndex: number,
): Promise<Logo> {
	const binary = ctx.helpers.assertBinaryData(itemIndex, property);
	const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
	const fileName = binary.fileName || 'logo';
	const problem = !data.length
		? 'holds an empty file'
		: data.length > MAX_LOGO_BYTES
			? `holds ${data.length} bytes, over the 2 MiB logo limit`
			: !/^image\/(png|jpeg|svg\+xml)$/.test(binary.mimeType ?? '') &&
				  !/\.(png|jpe?g|svg)$/i.test(fileName)
				? `holds '${fileName}' (${binary.mimeType ?? 'unknown type'}), not a PNG, JPEG or SVG`
				: null;
	if (problem) {
		refuseField(ctx, itemIndex, 'OfficeTools', {
			field: 'Logo Input Binary Field',
			code: 'invalid_logo',
			message: problem,
			fix: 'Give a PNG, JPEG or SVG logo of at most 2 MiB.',
		});
	}
	return { data, fileName, mimeType: binary.mimeType };
}

/** Uploads the logo unless the portal already shows the same file (same name and size). */
export async function syncLogo(
	ctx: IExecuteFunctions,
	portal: IDataObject,
	logo: Logo,
	itemIndex: number,
): Promise<IDataObject> {
	const { data, fileName } = logo;
	const current = ((portal.branding ?? {}) as IDataObject).logo as IDataObject | null;
	if (current && current.file_name === fileName && current.size_bytes === data.length)
		return portal;
	const response = await officeToolsUpload<IDataObject>(
		ctx,
		'PUT',
		endpoints.brandingLogo(),
		[{ name: 'file', data, fileName, contentType: logo.mimeType }],
		{ itemIndex },
	);
	return response.body;
}
