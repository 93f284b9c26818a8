// A client's cell phone is their Case Status login (an SMS PIN): readCellPhone must turn what people type into the
// same E.164 number libphonenumber-js reads from it, and refuse what cannot receive a text (labels, extensions,
// landlines where the country's mobile ranges are known).
const { parsePhoneNumberFromString } = require('libphonenumber-js/max');
const { readCellPhone, toE164 } = require('../../nodes/shared/validate');

/** libphonenumber-js's reading of a typed number, with the default country the firm uses. */
function reference(typed, country = 'US') {
	const parsed = parsePhoneNumberFromString(typed, country);
	return parsed ? { e164: parsed.number, valid: parsed.isValid(), type: parsed.getType(), ext: parsed.ext } : null;
}

// Real-looking numbers as staff type them (US area codes in service; UK and Irish mobiles).
const ACCEPTED = [
	['(917) 672-1535', '1', 'US'],
	['917.672.1535', '1', 'US'],
	['917-672-1535', '1', 'US'],
	['9176721535', '1', 'US'],
	['1 (917) 672-1535', '1', 'US'],
	['+1 917-672-1535', '1', 'US'],
	['+1 (415) 555-0132', '1', 'US'],
	['Cell: (786) 203-2403', '1', 'US'],
	['mobile 602-921-5371', '1', 'US'],
	['+44 7911 123456', '1', 'US'],
	['07911 123456', '44', 'GB'],
	['0044 7911 123456', '44', 'GB'],
	['+353 85 123 4567', '1', 'US'],
];

const REFUSED = [
	['Home: (917) 672-1535', 'not_a_cell_phone', /labelled "Home"/],
	['Office 602.921.5371', 'not_a_cell_phone', /labelled "Office"/],
	['Work (212) 555-0100', 'not_a_cell_phone', /labelled "Work"/],
	['Fax: 212-555-0199', 'not_a_cell_phone', /labelled "Fax"/],
	['(786) 203-2403 ext. 231', 'not_a_cell_phone', /extension/],
	['602-921-5371 x12', 'not_a_cell_phone', /extension/],
	['+44 20 7946 0958', 'not_a_cell_phone', /landline/],
	['020 7946 0958', 'invalid_cell_phone', /not a valid/],
	['917-672-1535 / 917-672-1536', 'not_a_cell_phone', /more than one number/],
	['555-0100', 'invalid_cell_phone', /not a valid/],
	['', 'missing_cell_phone', /no cell phone/],
	[null, 'missing_cell_phone', /no cell phone/],
];

describe('readCellPhone agrees with libphonenumber-js', () => {
	test.each(ACCEPTED)('%s (default country +%s) is the E.164 number libphonenumber-js reads', (typed, cc, country) => {
		const ours = readCellPhone(typed, cc);
		const theirs = reference(typed.replace(/^(cell|mobile):?\s*/i, ''), country);
		expect(ours).toEqual({ e164: theirs.e164 });
		expect(theirs.valid).toBe(true);
		expect(['MOBILE', 'FIXED_LINE_OR_MOBILE']).toContain(theirs.type);
	});

	test.each(REFUSED)('%s is refused as %s, saying why', (typed, code, why) => {
		const ours = readCellPhone(typed, '1');
		expect(ours.problem).toEqual({ code, message: expect.stringMatching(why) });
		expect(toE164(typed)).toBeNull();
	});

	test('what libphonenumber-js sees as an extension or a UK landline is never taken as a cell phone', () => {
		for (const [typed] of REFUSED.filter(([t]) => t)) {
			const theirs = reference(typed);
			if (theirs && (theirs.ext || theirs.type === 'FIXED_LINE')) expect(toE164(typed)).toBeNull();
		}
		expect(reference('(786) 203-2403 ext. 231').ext).toBe('231');
		expect(reference('+44 20 7946 0958').type).toBe('FIXED_LINE');
	});

	test('every number the sandbox types for its demo clients keeps reading as before', () => {
		for (const typed of ['(555) 201-7788', '555.201.7788', '555-201-7788', '5552017788', '+1 555-201-7788', '1 (555) 201-7788']) {
			expect(toE164(typed)).toBe('+15552017788');
			expect(reference(typed).e164).toBe('+15552017788');
		}
	});
});
