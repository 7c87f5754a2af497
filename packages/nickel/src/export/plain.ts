import type { Num } from '../number/num.js';

/**
 * A fully evaluated, exportable value: what the evaluator hands to the serialisers. Enum tags are
 * already strings; records hold only exported fields, sorted by name as the reference exports them.
 */
export type Plain = null | boolean | string | Num | Plain[] | PlainRecord;

export class PlainRecord {
  constructor(readonly fields: ReadonlyArray<readonly [string, Plain]>) {}
}

/** Fields in the order the reference exports them: by name, compared as UTF-8 bytes (code points). */
export function sortFields<T>(fields: Array<readonly [string, T]>): Array<readonly [string, T]> {
  // Below U+D800, UTF-16 order is code point order, and the plain comparison is much faster.
  if (fields.every(([k]) => !WIDE.test(k))) return fields.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return fields.sort(([a], [b]) => compareCodePoints(a, b));
}

const WIDE = /[\ud800-\uffff]/;

function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral characters) sort after every BMP character in code point order.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/**
 * Sorts a literal's fields by name, in place. False when a name is defined twice: that is a
 * merge, for the evaluator, not data.
 */
export function sortUniqueFields(fields: [string, Plain][]): boolean {
  sortFields(fields);
  let previous: string | undefined;
  for (const [name] of fields) {
    if (name === previous) return false;
    previous = name;
  }
  return true;
}
