import { type Num, toFloat } from './num.js';

/**
 * STUB (owned by the export work): how a number prints in string interpolation and
 * `std.to_string`. To be made identical to the reference.
 */
export function numberToString(n: Num): string {
  return typeof n === 'number' ? String(n) : String(toFloat(n));
}
