import type { Num } from '../number/num.js';

/**
 * A fully evaluated, exportable value: what the evaluator hands to the serialisers. Enum tags are
 * already strings; records hold only exported fields, sorted by name as the reference exports them.
 */
export type Plain = null | boolean | string | Num | Plain[] | PlainRecord;

export class PlainRecord {
  constructor(readonly fields: ReadonlyArray<readonly [string, Plain]>) {}
}

/** Fields by name, in UTF-16 order (the order the reference exports them in). */
export function byFieldName(a: readonly [string, Plain], b: readonly [string, Plain]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/**
 * Sorts a literal's fields by name, in place. False when a name is defined twice: that is a
 * merge, for the evaluator, not data.
 */
export function sortUniqueFields(fields: [string, Plain][]): boolean {
  fields.sort(byFieldName);
  let previous: string | undefined;
  for (const [name] of fields) {
    if (name === previous) return false;
    previous = name;
  }
  return true;
}
