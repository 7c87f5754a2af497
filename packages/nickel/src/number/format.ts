import { type Num, toFloat } from './num.js';

/**
 * How a number prints in string interpolation and `std.to_string`.
 * TODO: match the reference exactly.
 */
export function numberToString(n: Num): string {
  return typeof n === 'number' ? String(n) : String(toFloat(n));
}

const I64_MIN = -(2n ** 63n);
const U64_MAX = 2n ** 64n - 1n;

/**
 * How a number prints in a JSON or YAML export: integers that fit a 64-bit integer (signed when
 * negative, unsigned otherwise) exactly, everything else as the nearest double in the shortest
 * form that reads back to it, laid out as Rust's `ryu` lays it out (`1e20`, `1.5e-7`, `0.1`).
 * Range checking (±f64::MAX) is the caller's job.
 */
export function numberToJson(n: Num): string {
  if (typeof n === 'number') return String(n);
  if (n.d === 1n && n.n >= I64_MIN && n.n <= U64_MAX) return n.n.toString();
  return shortestDouble(toFloat(n));
}

/** A finite double in ryu's "pretty" layout. */
export function shortestDouble(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest round-trip digits.
  const [mantissa, expText] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const length = digits.length;
  const kk = Number(expText) + 1; // 10^(kk-1) <= |x| < 10^kk
  const k = kk - length; // |x| = digits * 10^k
  let body: string;
  if (k >= 0 && kk <= 16) body = digits + '0'.repeat(k) + '.0';
  else if (kk > 0 && kk <= 16) body = digits.slice(0, kk) + '.' + digits.slice(kk);
  else if (kk > -5 && kk <= 0) body = '0.' + '0'.repeat(-kk) + digits;
  else if (length === 1) body = digits + 'e' + (kk - 1);
  else body = digits[0] + '.' + digits.slice(1) + 'e' + (kk - 1);
  return sign + body;
}

/**
 * Scientific notation with at most 16 significant digits (`1e400`, `3.333333333333333e399`), as the
 * reference prints a number in the "too large to be serialized" error.
 */
export function numberToSci(n: Num): string {
  let num: bigint;
  let den: bigint;
  if (typeof n === 'number') {
    num = BigInt(n);
    den = 1n;
  } else {
    num = n.n;
    den = n.d;
  }
  if (num === 0n) return '0';
  const sign = num < 0n ? '-' : '';
  if (num < 0n) num = -num;
  // Find e with 10^e <= num/den < 10^(e+1).
  let e = num.toString().length - den.toString().length;
  const pow10 = (k: number): bigint => 10n ** BigInt(k);
  const below = (k: number): boolean => (k >= 0 ? num < pow10(k) * den : num * pow10(-k) < den);
  if (below(e)) e -= 1;
  if (!below(e + 1)) e += 1;
  // 16 significant digits, rounded to nearest (ties to even).
  const shift = 15 - e;
  const scaledNum = shift >= 0 ? num * pow10(shift) : num;
  const scaledDen = shift >= 0 ? den : den * pow10(-shift);
  let q = scaledNum / scaledDen;
  const r = scaledNum % scaledDen;
  if (2n * r > scaledDen || (2n * r === scaledDen && q % 2n === 1n)) q += 1n;
  let digits = q.toString();
  if (digits.length > 16) {
    digits = digits.slice(0, 16);
    e += 1;
  }
  digits = digits.replace(/0+$/, '');
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${mantissa}e${e}`;
}
