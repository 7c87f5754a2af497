/**
 * Simple case folding, for the parts of a pattern where case-insensitivity is switched on for a
 * part only (`a(?i:b)c`): JS has no scoped `i` flag in Node 20, so those parts are spelled out
 * as classes of all the case variants. JS `iv` matching uses the same simple case folding as the
 * reference, so it decides which candidates are truly equivalent.
 */

// Cased letters all lie below U+1F000.
const CASED_LIMIT = 0x1f000;

let groups: Map<number, number[]> | undefined;

/** Each cased code point's group: those linked to it by toLowerCase/toUpperCase, a superset of its case-folding orbit. */
function candidateGroups(): Map<number, number[]> {
  if (groups) return groups;
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (let cp = 0; cp < CASED_LIMIT; cp++) {
    const s = String.fromCodePoint(cp);
    for (const t of [s.toLowerCase(), s.toUpperCase()]) {
      if (t === s) continue;
      const other = t.codePointAt(0)!;
      if (t.length === String.fromCodePoint(other).length) union(cp, other);
    }
  }
  const byRoot = new Map<number, number[]>();
  groups = new Map();
  for (const cp of parent.keys()) {
    const root = find(cp);
    let g = byRoot.get(root);
    if (!g) byRoot.set(root, (g = []));
    g.push(cp);
    groups.set(cp, g);
  }
  return groups;
}

const orbitCache = new Map<number, number[]>();

/** The code points a case-insensitive match of `cp` accepts (cp itself included). */
export function caseOrbit(cp: number): number[] {
  let orbit = orbitCache.get(cp);
  if (orbit) return orbit;
  const parentGroup = candidateGroups().get(cp);
  if (!parentGroup) orbit = [cp];
  else {
    const same = new RegExp(`^\\u{${cp.toString(16)}}$`, 'iv');
    orbit = parentGroup.filter((x) => x === cp || same.test(String.fromCodePoint(x)));
  }
  orbitCache.set(cp, orbit);
  return orbit;
}

let casedList: number[] | undefined;

/** Every code point with a case variant. */
export function casedCodePoints(): number[] {
  if (!casedList) {
    casedList = [...candidateGroups().keys()];
  }
  return casedList;
}
