/**
 * Nickel numbers are exact rationals. Almost every number a configuration holds is a small
 * integer, so those stay plain JS numbers (always safe integers); anything else is a normalised
 * bigint fraction. Every operation returns the canonical form, so `===` on two small integers and
 * `eq` on anything agree.
 */
export class Rat {
  /** Normalised: gcd(n, d) = 1, d > 0, and not a safe integer (those are plain numbers). */
  constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}
}

export type Num = number | Rat;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Canonical Num of the fraction n/d (d ≠ 0). */
export function ratio(n: bigint, d: bigint): Num {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  if (g > 1n) {
    n /= g;
    d /= g;
  }
  if (d === 1n && n <= MAX_SAFE && n >= -MAX_SAFE) return Number(n);
  return new Rat(n, d);
}

function num(x: Num): bigint {
  return typeof x === 'number' ? BigInt(x) : x.n;
}
function den(x: Num): bigint {
  return typeof x === 'number' ? 1n : x.d;
}

export function fromInt(x: bigint): Num {
  return ratio(x, 1n);
}

export function add(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return ratio(num(a) * den(b) + num(b) * den(a), den(a) * den(b));
}

export function sub(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return ratio(num(a) * den(b) - num(b) * den(a), den(a) * den(b));
}

export function mul(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r; // normalise -0
  }
  return ratio(num(a) * num(b), den(a) * den(b));
}

/** a / b; undefined when b is zero (the caller reports the division by zero where it happened). */
export function div(a: Num, b: Num): Num | undefined {
  if (isZero(b)) return undefined;
  if (typeof a === 'number' && typeof b === 'number' && a % b === 0) {
    const r = a / b;
    return r === 0 ? 0 : r;
  }
  return ratio(num(a) * den(b), den(a) * num(b));
}

/**
 * Remainder of the truncated division, sign of the dividend (`-7 % 2 = -1`, `7.5 % 2 = 1.5`), as
 * the reference computes it. Undefined when b is zero.
 */
export function rem(a: Num, b: Num): Num | undefined {
  if (isZero(b)) return undefined;
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a % b;
    return r === 0 ? 0 : r;
  }
  // a - b * trunc(a / b)
  const qn = num(a) * den(b);
  const qd = den(a) * num(b);
  const q = qn / qd; // bigint division truncates toward zero
  return sub(a, mul(b, fromInt(q)));
}

export function neg(a: Num): Num {
  if (typeof a === 'number') return a === 0 ? 0 : -a;
  return ratio(-a.n, a.d);
}

export function isZero(a: Num): boolean {
  return a === 0;
}

export function isInteger(a: Num): boolean {
  return typeof a === 'number' || a.d === 1n;
}

/** -1, 0 or 1. */
export function compare(a: Num, b: Num): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const l = num(a) * den(b);
  const r = num(b) * den(a);
  return l < r ? -1 : l > r ? 1 : 0;
}

export function eq(a: Num, b: Num): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  return compare(a, b) === 0;
}

/** Nearest double (may be ±Infinity for huge values). */
export function toFloat(a: Num): number {
  if (typeof a === 'number') return a;
  if (a.d === 1n) return Number(a.n);
  // Scale so that the quotient keeps ~64 significant bits, then divide in floating point.
  const sign = a.n < 0n ? -1 : 1;
  let n = a.n < 0n ? -a.n : a.n;
  const d = a.d;
  const shift = BigInt(Math.max(0, 64 - (n.toString(2).length - d.toString(2).length)));
  n <<= shift;
  const q = n / d;
  const qf = Number(q);
  return sign * qf * Math.pow(2, -Number(shift));
}

/** The exact rational value of a finite double; undefined for NaN and infinities. */
export function fromFloat(x: number): Num | undefined {
  if (!Number.isFinite(x)) return undefined;
  if (Number.isSafeInteger(x)) return x === 0 ? 0 : x;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const sign = hi >>> 31 ? -1n : 1n;
  const exp = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (exp === 0) e = -1074;
  else {
    mantissa |= 1n << 52n;
    e = exp - 1075;
  }
  return e >= 0 ? ratio(sign * (mantissa << BigInt(e)), 1n) : ratio(sign * mantissa, 1n << BigInt(-e));
}

/**
 * Parses a Nickel number literal (`42`, `1.5`, `1e-3`, `2.5E+10`) exactly. Returns undefined when
 * the text is not a literal. Leading `-` is accepted (the lexer itself never produces one).
 */
/**
 * The value of a number literal as the lexer reads it (decimal, maybe with a fraction and an
 * exponent); undefined when it is not one. Most literals are short integers: read those directly.
 */
export function numberFromLiteral(text: string): Num | undefined {
  if (text.length < 16) {
    let v = 0;
    let i = 0;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
    }
    if (i === text.length && i > 0) return v;
  }
  return parseNumber(text);
}

export function parseNumber(text: string): Num | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return undefined;
  const [, sign, int, frac = '', exp = '0'] = m;
  if (!frac && exp === '0' && int!.length < 16) {
    const v = Number(int);
    return sign ? (v === 0 ? 0 : -v) : v;
  }
  let n = BigInt(int! + frac);
  let d = 10n ** BigInt(frac.length);
  const e = Number(exp);
  if (Math.abs(e) > 100_000) return undefined; // absurd exponents would allocate gigabytes
  if (e >= 0) n *= 10n ** BigInt(e);
  else d *= 10n ** BigInt(-e);
  return ratio(sign ? -n : n, d);
}

export function floor(a: Num): Num {
  if (typeof a === 'number') return a;
  let q = a.n / a.d;
  if (a.n < 0n && q * a.d !== a.n) q -= 1n;
  return fromInt(q);
}

export function trunc(a: Num): Num {
  if (typeof a === 'number') return a;
  return fromInt(a.n / a.d);
}

/** Exact when the exponent is an integer; otherwise through doubles (as the reference does). */
export function pow(a: Num, b: Num): Num | undefined {
  if (isInteger(b)) {
    const e = num(b);
    if (e >= 0n && e <= 100_000n) return ratio(num(a) ** e, den(a) ** e);
    if (e < 0n && e >= -100_000n && !isZero(a)) return ratio(den(a) ** -e, num(a) ** -e);
  }
  return fromFloat(Math.pow(toFloat(a), toFloat(b)));
}
