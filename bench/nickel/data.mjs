// A data-only workload: one big literal of strings, numbers, booleans, arrays and nested records,
// no functions, written both as Nickel and as JSON, so that the evaluator's cost on plain data can
// be set against JSON.parse of the same value.

import { seededRandom } from './prng.mjs';

const WORDS = [
  'alpha',
  'bravo',
  'charlie',
  'delta',
  'echo',
  'foxtrot',
  'golf',
  'hotel',
  'india',
  'juliet',
  'kilo',
  'lima',
  'mike',
  'november',
  'oscar',
  'papa',
  'quebec',
  'romeo',
  'sierra',
];
// Strings that need escaping or are not ASCII, so printers are exercised beyond the easy path.
const ODD_STRINGS = [
  'tab\there',
  'line\nbreak',
  'quote "inside"',
  'back\\slash',
  'café crème',
  'naïve résumé',
  '日本語のテキスト',
  'emoji 🚀 rocket',
  'dollar $ and percent % alone',
  '',
];

/** The value itself, built from a seed; `approxBytes` is the size of its Nickel text. */
export function dataValue(seed, approxBytes) {
  const r = seededRandom(seed);
  const sentence = (n) => Array.from({ length: n }, () => r.pick(WORDS)).join(' ');
  const packages = [];
  const index = {};
  // ~590 bytes of Nickel per package entry, indentation included.
  const count = Math.round(approxBytes / 590);
  for (let i = 0; i < count; i++) {
    const name = `pkg-${String(i).padStart(6, '0')}`;
    packages.push({
      name,
      version: `${r.int(0, 9)}.${r.int(0, 99)}.${r.int(0, 999)}`,
      size: r.int(0, 2 ** 40),
      ratio: r.int(-1000, 1000) / 8,
      downloads: r.int(0, 1e9),
      deprecated: r.bool(0.1),
      yanked: r.bool(0.02),
      summary: r.bool(0.05) ? r.pick(ODD_STRINGS) : sentence(r.int(3, 9)),
      keywords: Array.from({ length: r.int(0, 4) }, () => r.pick(WORDS)),
      maintainer: { name: sentence(2), email: `${r.pick(WORDS)}@example.org`, active: r.bool(0.8) },
      deps: Array.from({ length: r.int(0, 3) }, () => ({ name: `pkg-${String(r.int(0, count - 1)).padStart(6, '0')}`, optional: r.bool(0.2) })),
    });
    index[name] = i;
  }
  return {
    schema_version: 3,
    generated_by: 'bench/nickel/generate.mjs',
    seed,
    empty_record: {},
    empty_array: [],
    nested: { a: { b: { c: { d: { e: [1, [2, [3, [4]]]] } } } } },
    packages,
    index,
  };
}

const BARE_KEY = /^[a-zA-Z_][a-zA-Z0-9_-]*$/;

function nickelString(s) {
  let out = '"';
  for (const ch of s) {
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else out += ch;
  }
  // A `%{` would start an interpolation; the data never holds one, but say so loudly if it does.
  if (out.includes('%{')) throw new Error(`string needs interpolation escaping: ${s}`);
  return out + '"';
}

/** The value as Nickel source, one field or element per line (the shape a hand-written file has). */
export function toNickel(value, indent = '') {
  if (value === null) return 'null';
  if (typeof value === 'string') return nickelString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + toNickel(v, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  const field = (k) => `${inner}${BARE_KEY.test(k) ? k : nickelString(k)} = ${toNickel(value[k], inner)}`;
  return `{\n${keys.map(field).join(',\n')}\n${indent}}`;
}
