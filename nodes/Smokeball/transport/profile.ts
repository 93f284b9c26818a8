import type { ApiProfile } from '../../shared/http';
import { parseSmokeballError } from './errors';

/**
 * The only place that knows Smokeball's hosts, auth, paging and error shapes (its swagger and guides,
 * docs/api/smokeball.md): `x-api-key` plus the OAuth2 bearer token on every request, paths under `/{accountId}` with
 * client credentials, `Offset`/`Limit` (≤ 500) pages answering `{offset, limit, size, value}`, RFC 7807 errors, and 5
 * requests/second with a burst of 5 per partner key. Each concern has its file in this folder; index.ts is the door.
 */
export const smokeballProfile: ApiProfile = {
	system: 'Smokeball',
	credentialType: 'smokeballOAuth2Api',
	rate: { perSecond: 5, burst: 5 },
	parseError: parseSmokeballError,
};
