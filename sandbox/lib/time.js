'use strict';

// A fast `Date#toISOString` for bulk generation: V8's takes microseconds per call, which dominates generating
// 10,000 linked cases. Same output for years 0000–9999 (tests/unit/sandbox-casepeer-linked.test.js checks).
// Math.floor is copied into the module: global lookups are slow inside jest's vm contexts (see lib/rng.js).

const floor = Math.floor;

const p2 = (n) => (n < 10 ? `0${n}` : `${n}`);
const p3 = (n) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/** epoch ms → `YYYY-MM-DDTHH:mm:ss.sssZ` (civil-from-days, H. Hinnant). */
function isoFromMs(ms) {
	const t = floor(ms);
	const days = floor(t / 86400000);
	let rem = t - days * 86400000;
	const z = days + 719468;
	const era = floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = floor((doe - floor(doe / 1460) + floor(doe / 36524) - floor(doe / 146096)) / 365);
	const doy = doe - (365 * yoe + floor(yoe / 4) - floor(yoe / 100));
	const mp = floor((5 * doy + 2) / 153);
	const d = doy - floor((153 * mp + 2) / 5) + 1;
	const m = mp < 10 ? mp + 3 : mp - 9;
	const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
	const hh = floor(rem / 3600000);
	rem -= hh * 3600000;
	const mm = floor(rem / 60000);
	rem -= mm * 60000;
	const ss = floor(rem / 1000);
	return `${y < 1000 ? p3(y).padStart(4, '0') : y}-${p2(m)}-${p2(d)}T${p2(hh)}:${p2(mm)}:${p2(ss)}.${p3(rem - ss * 1000)}Z`;
}

module.exports = { isoFromMs };
