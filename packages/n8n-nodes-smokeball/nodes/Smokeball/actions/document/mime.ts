const TYPES: Record<string, string> = {
	'.pdf': 'application/pdf',
	'.doc': 'application/msword',
	'.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'.xls': 'application/vnd.ms-excel',
	'.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'.txt': 'text/plain',
	'.csv': 'text/csv',
	'.rtf': 'application/rtf',
	'.msg': 'application/vnd.ms-outlook',
	'.eml': 'message/rfc822',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.gif': 'image/gif',
	'.tif': 'image/tiff',
	'.tiff': 'image/tiff',
	'.heic': 'image/heic',
};

/** The storage answers every file as binary/octet-stream, so the type comes from Smokeball's file extension. */
export function mimeTypeFor(extension: string): string {
	return TYPES[extension.toLowerCase()] ?? 'application/octet-stream';
}
