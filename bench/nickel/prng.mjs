// A small seeded generator (mulberry32) so that every run of the generator writes the same bytes:
// a benchmark is only comparable across commits when its workload does not move.

/** @param {number} seed */
export function seededRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** An integer in [lo, hi]. */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    /** @template T @param {readonly T[]} items @returns {T} */
    pick: (items) => items[Math.floor(next() * items.length)],
    /** @template T @param {readonly T[]} items @param {number} n @returns {T[]} n distinct items */
    sample: (items, n) => {
      const pool = items.slice();
      const out = [];
      for (let i = 0; i < n && pool.length > 0; i++) {
        out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]);
      }
      return out;
    },
    hex: (len) => {
      let s = '';
      for (let i = 0; i < len; i++) s += '0123456789abcdef'[Math.floor(next() * 16)];
      return s;
    },
    bool: (p = 0.5) => next() < p,
  };
}
