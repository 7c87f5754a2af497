import type { Num } from '../number/num.js';

/**
 * A fully evaluated, exportable value: what the evaluator hands to the serialisers. Enum tags are
 * already strings; records hold only exported fields, sorted by name as the reference exports them.
 */
export type Plain = null | boolean | string | Num | Plain[] | PlainRecord;

export class PlainRecord {
  constructor(readonly fields: ReadonlyArray<readonly [string, Plain]>) {}
}
