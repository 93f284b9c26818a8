'use strict';

// Seeded PRNG so seed data and fault injection repeat exactly from run to run (Math.random never is).

// Module-local copies: under jest every module runs in a vm context, where each global lookup (Math.…) goes
// through the context's interceptors and costs ~10× the arithmetic around it. Bulk generation calls these
// millions of times.
const imul = Math.imul;
const floor = Math.floor;

/** mulberry32: tiny, fast, good enough for test data; returns floats in [0, 1). */
function mulberry32(seed) {
	let a = seed >>> 0;
	return function next() {
		a = (a + 0x6d2b79f5) | 0;
		let t = imul(a ^ (a >>> 15), 1 | a);
		t = (t + imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** FNV-1a 32-bit: turns labels (system names) into seed material. */
function hashString(text) {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/**
 * A seed per purpose (system seed, faults, bulk generation) so that adding a system or a request never shifts
 * another stream's numbers.
 */
function deriveSeed(seed, label) {
	return (hashString(String(label)) ^ Math.imul(Number(seed) >>> 0 || 0, 0x9e3779b1)) >>> 0;
}

/** rng() → [0,1); plus rng.int(min, max) inclusive, rng.pick(array), rng.chance(p). */
function createRng(seed) {
	const next = mulberry32(seed);
	const rng = () => next();
	rng.int = (min, max) => min + floor(next() * (max - min + 1));
	rng.pick = (items) => items[floor(next() * items.length)];
	rng.chance = (p) => next() < p;
	return rng;
}

module.exports = { mulberry32, hashString, deriveSeed, createRng };
