import { type Num, Rat, fromFloat, parseNumber, ratio } from '../number/num.js';

/**
 * The three ways the reference turns a number in a data file into an exact Nickel number:
 * - imports (JSON and YAML files, and `std.deserialize 'Yaml`) read the decimal text exactly
 *   (`0.1` is 1/10, `1e400` is 10^400);
 * - `std.deserialize` of JSON and TOML goes through serde, i.e. a 64-bit integer or a double, and
 *   a double becomes the simplest fraction that rounds to it (`0.3333333333333333` is 1/3);
 * - TOML imports take a float's exact binary value.
 */

/** Decimal text read exactly, in the liberal form the reference's YAML loader accepts (`1.`, `.5`, `+1e3`). */
export function exactDecimal(text: string): Num | undefined {
  const quick = smallDecimal(text);
  if (quick !== undefined) return quick;
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (!m) return undefined;
  const [, sign, int = '', frac = '', exp] = m;
  if (int === '' && frac === '') return undefined;
  const canonical = `${sign === '-' ? '-' : ''}${int || '0'}${frac ? '.' + frac : ''}${exp !== undefined ? 'e' + exp : ''}`;
  return parseNumber(canonical);
}

/**
 * `-123.45` with at most 15 digits, without bigint arithmetic: the common case of a data file, on
 * the hot path of large imports.
 */
function smallDecimal(text: string): Num | undefined {
  const m = /^(-?)([0-9]+)\.([0-9]+)$/.exec(text);
  const [, sign, whole = '', fraction = ''] = m ?? [];
  if (!m || whole.length + fraction.length > 15) return undefined;
  let n = Number(whole + fraction);
  let d = 10 ** fraction.length;
  let a = n;
  let b = d;
  while (b !== 0) [a, b] = [b, a % b];
  n /= a;
  d /= a;
  if (sign) n = -n;
  return d === 1 ? (n === 0 ? 0 : n) : new Rat(BigInt(n), BigInt(d));
}

const U64_MAX = 2n ** 64n - 1n;
const I64_MIN = -(2n ** 63n);

/**
 * A JSON number as serde_json hands it to the reference's `std.deserialize`: an integer that fits
 * u64 (or i64 when negative) exactly, anything else through the nearest double; undefined when
 * the double overflows ("number out of range").
 */
export function serdeJsonNumber(text: string): Num | undefined {
  if (/^-?[0-9]+$/.test(text)) {
    const n = BigInt(text);
    if (n >= I64_MIN && n <= U64_MAX) return ratio(n, 1n);
  }
  return simplestFromFloat(Number(text));
}

/**
 * malachite's `try_from_float_simplest`: a whole double exactly, any other double as the simplest
 * fraction (smallest denominator) that rounds to it. Undefined for infinities and NaN.
 */
export function simplestFromFloat(x: number): Num | undefined {
  if (!Number.isFinite(x)) return undefined;
  if (Number.isInteger(x)) return fromFloat(x);
  const negative = x < 0;
  const ax = Math.abs(x);
  const [n, d] = exact(ax);
  // Half the gaps to the neighbouring doubles bound the reals that round to x.
  const [ln, ld] = exact(nextDown(ax));
  const [hn, hd] = exact(nextUp(ax));
  // lo = (x + prev) / 2, hi = (x + next) / 2
  const lo: Frac = [n * ld + ln * d, 2n * d * ld];
  const hi: Frac = [n * hd + hn * d, 2n * d * hd];
  const [sn, sd] = simplestBetween(lo, hi);
  return ratio(negative ? -sn : sn, sd);
}

type Frac = [bigint, bigint];

function exact(x: number): Frac {
  const v = fromFloat(x)!;
  return typeof v === 'number' ? [BigInt(v), 1n] : [v.n, v.d];
}

/** The simplest fraction strictly between lo and hi (0 ≤ lo < hi), by continued fractions. */
function simplestBetween(lo: Frac, hi: Frac): Frac {
  const [ln, ld] = lo;
  const [hn, hd] = hi;
  const fl = ln / ld; // floor, both positive
  // The smallest integer above lo, if it is below hi.
  const next = fl + 1n;
  if (next * hd < hn) return [next, 1n];
  // lo and hi share their integer part fl: recurse on the reciprocals of the fractional parts.
  const loFrac: Frac = [ln - fl * ld, ld];
  const hiFrac: Frac = [hn - fl * hd, hd];
  let inner: Frac;
  if (loFrac[0] === 0n) {
    // (0, hiFrac): reciprocals are (1/hiFrac, ∞); the simplest is the next integer above 1/hiFrac.
    inner = [hiFrac[1] / hiFrac[0] + 1n, 1n];
  } else inner = simplestBetween([hiFrac[1], hiFrac[0]], [loFrac[1], loFrac[0]]);
  // fl + 1/inner
  return [fl * inner[0] + inner[1], inner[0]];
}

function nextUp(x: number): number {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  buf.setBigUint64(0, buf.getBigUint64(0) + 1n);
  return buf.getFloat64(0);
}

function nextDown(x: number): number {
  if (x === 0) return 0;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  buf.setBigUint64(0, buf.getBigUint64(0) - 1n);
  return buf.getFloat64(0);
}
