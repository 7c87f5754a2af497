import type { Num } from './num.js';

/**
 * How Nickel numbers are written as text. Two different conventions meet here, both the
 * reference's:
 * - in the language (string interpolation, `std.to_string`, `std.string.from_number`, error
 *   messages) a number is exact and printed with at most 16 significant digits, rounded to
 *   nearest with ties to even, in positional notation when its exponent is in -5..15 and in
 *   scientific notation otherwise (`0.3333333333333333`, `1e16`, `1.5e-7`, `1e400`);
 * - in JSON and YAML exports an integer that fits 64 bits is written exactly and anything else is
 *   first rounded to the nearest double, then printed in the shortest form that reads back to it
 *   (`0.1`, `1.1805916207174113e21`).
 */

/** Significant digits the reference keeps when a number becomes a string. */
const PRECISION = 16;
/** Smallest exponent still written positionally (`0.00001`, but `1e-6`). */
const MIN_POSITIONAL_EXP = -5;

/** The text of a number in string interpolation and `std.to_string`. */
export function numberToString(n: Num): string {
  if (typeof n === 'number' && Math.abs(n) < 1e16) return String(n); // exact, and positional anyway
  const { negative, digits, exp } = roundedDecimal(n, PRECISION);
  if (digits === '0') return '0';
  const sign = negative ? '-' : '';
  if (exp >= PRECISION || exp < MIN_POSITIONAL_EXP) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}e${exp}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return sign + digits + '0'.repeat(exp + 1 - digits.length);
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/**
 * Scientific notation with at most 16 significant digits (`1e400`, `3.333333333333333e399`), as
 * the reference prints a number too large to be serialised.
 */
export function numberToSci(n: Num): string {
  const { negative, digits, exp } = roundedDecimal(n, PRECISION);
  if (digits === '0') return '0';
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${negative ? '-' : ''}${mantissa}e${exp}`;
}

/**
 * |n| ≈ 0.d1d2d3… × 10^(exp+1), i.e. `digits` with the point after the first digit times 10^exp,
 * rounded to `precision` significant digits (ties to even), trailing zeros removed.
 */
function roundedDecimal(n: Num, precision: number): { negative: boolean; digits: string; exp: number } {
  let num = typeof n === 'number' ? BigInt(n) : n.n;
  const den = typeof n === 'number' ? 1n : n.d;
  if (num === 0n) return { negative: false, digits: '0', exp: 0 };
  const negative = num < 0n;
  if (negative) num = -num;
  const pow10 = (k: number): bigint => 10n ** BigInt(k);
  // num/den < 10^k
  const below = (k: number): boolean => (k >= 0 ? num < pow10(k) * den : num * pow10(-k) < den);
  // Find exp with 10^exp <= num/den < 10^(exp+1); the digit-count estimate is off by at most one.
  let exp = num.toString().length - den.toString().length;
  if (below(exp)) exp -= 1;
  else if (!below(exp + 1)) exp += 1;
  const shift = precision - 1 - exp;
  const scaledNum = shift >= 0 ? num * pow10(shift) : num;
  const scaledDen = shift >= 0 ? den : den * pow10(-shift);
  let q = scaledNum / scaledDen;
  const twiceRest = 2n * (scaledNum % scaledDen);
  if (twiceRest > scaledDen || (twiceRest === scaledDen && q % 2n === 1n)) q += 1n;
  let digits = q.toString();
  if (digits.length > precision) {
    // Rounding carried into a new digit (9.99…95 → 10.0…0).
    digits = digits.slice(0, precision);
    exp += 1;
  }
  return { negative, digits: digits.replace(/0+$/, '') || '0', exp };
}

const I64_MIN = -(2n ** 63n);
const U64_MAX = 2n ** 64n - 1n;

/**
 * The text of a number in a JSON or YAML export: integers that fit a 64-bit integer (signed when
 * negative, unsigned otherwise) exactly, everything else as the nearest double in Rust's `ryu`
 * layout. Range checking (±f64::MAX) is the caller's job.
 */
export function numberToJson(n: Num): string {
  if (typeof n === 'number') return String(n);
  if (n.d === 1n && n.n >= I64_MIN && n.n <= U64_MAX) return n.n.toString();
  return shortestDouble(nearestDouble(n));
}

const EXACT_LIMIT = 2n ** 53n;

/**
 * A finite double in the shortest form that reads back to it, laid out as Rust's `ryu` does
 * (`1e20`, `1.5e-7`, `0.1`, `123.0`): positional between 1e-5 and 1e16, otherwise scientific
 * with a bare exponent.
 */
export function shortestDouble(x: number): string {
  if (!Number.isFinite(x)) return String(x); // never exported: the range check comes first
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const ax = Math.abs(x);
  // Where JavaScript and ryu both write positional notation, they agree (integers aside).
  if (ax >= 1e-5 && ax < 1e15 && !Number.isInteger(x)) return String(x);
  const sign = x < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest round-trip digits.
  const [mantissa, expText] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const length = digits.length;
  const kk = Number(expText) + 1; // 10^(kk-1) <= |x| < 10^kk
  const k = kk - length; // |x| = digits × 10^k
  let body: string;
  if (k >= 0 && kk <= 16) body = digits + '0'.repeat(k) + '.0';
  else if (kk > 0 && kk <= 16) body = digits.slice(0, kk) + '.' + digits.slice(kk);
  else if (kk > -5 && kk <= 0) body = '0.' + '0'.repeat(-kk) + digits;
  else if (length === 1) body = digits + 'e' + (kk - 1);
  else body = digits[0] + '.' + digits.slice(1) + 'e' + (kk - 1);
  return sign + body;
}

/**
 * The double nearest to an exact number (ties to even), ±Infinity beyond the double range. Computed
 * on bigints with a sticky bit so that a rational is rounded once, not twice.
 */
export function nearestDouble(n: Num): number {
  if (typeof n === 'number') return n;
  // Both parts exact as doubles: IEEE division rounds the quotient correctly (the common case).
  if (n.n < EXACT_LIMIT && n.n > -EXACT_LIMIT && n.d < EXACT_LIMIT) return Number(n.n) / Number(n.d);
  let num = n.n;
  const den = n.d;
  const negative = num < 0n;
  if (negative) num = -num;
  const log2 = num.toString(2).length - den.toString(2).length; // within one of floor(log2(num/den))
  let result: number;
  let s = 55 - log2; // q = num·2^s/den gets at least 55 bits
  if (s > 1074) {
    // Subnormal (or zero): round to a whole multiple of 2^-1074, which is then exact.
    s = 1074;
    const scaled = num << 1074n;
    let q = scaled / den;
    const twiceRest = 2n * (scaled % den);
    if (twiceRest > den || (twiceRest === den && (q & 1n) === 1n)) q += 1n;
    result = Number(q) * 2 ** -537 * 2 ** -537;
  } else {
    const scaledNum = s >= 0 ? num << BigInt(s) : num;
    const scaledDen = s >= 0 ? den : den << BigInt(-s);
    const q = scaledNum / scaledDen;
    const sticky = scaledNum % scaledDen === 0n ? 0n : 1n;
    // Number() of a bigint rounds to nearest, ties to even; the sticky bit breaks false ties.
    const half = Math.trunc((s + 1) / 2);
    result = Number((q << 1n) | sticky) * 2 ** -half * 2 ** -(s + 1 - half);
  }
  return negative ? -result : result;
}
