// Smokeball's transport, one concern per file (profile.ts says what it knows); operations import from here.
export { waitUntilReadable } from './asyncWrites';
export type { Link, WaitOptions } from './asyncWrites';
export { apiBaseUrl } from './connection';
export { endpoints } from './endpoints';
export { parseSmokeballError } from './errors';
export { MAX_PAGE_SIZE, smokeballList } from './paging';
export type { PagedCollection } from './paging';
export { smokeballProfile } from './profile';
export { smokeballApi, smokeballRequest } from './request';
export type { SmokeballCall } from './request';
export { isOwnRequestId, newRequestId } from './requestId';
export { presignedRequest, storageProfile } from './storage';
