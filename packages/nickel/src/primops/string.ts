/**
 * String primops. Lengths, indices and `chars` count extended grapheme clusters, as the
 * reference does; regular expressions follow the reference's (Rust) dialect, see regex/.
 */
import { numberToString } from '../number/format.js';
import { parseNumber, type Num } from '../number/num.js';
import { otherError, typeMismatch } from '../eval/errors.js';
import { recordOf } from '../eval/record.js';
import { Thunk } from '../eval/thunk.js';
import { ArrayValue, EnumValue, isNum, type Value } from '../eval/value.js';
import type { Span } from '../source/span.js';
import { compileRegex, InvalidRegex, regexMatches, type CompiledRegex } from './regex/index.js';
import { enumArg, numArg, op, strArg, type PrimopTable } from './table.js';

// Built on first use: creating a segmenter loads ICU's break rules (~50 ms), and ASCII strings
// never need one.
let segmenter: Intl.Segmenter | undefined;
function segments(s: string): Intl.Segments {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return segmenter.segment(s);
}

/**
 * Whether every code unit of s is a grapheme cluster of its own: ASCII without `\r\n` (one
 * cluster). Such strings take the fast paths.
 */
function isAscii(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(s) && !s.includes('\r\n');
}

/** The string's grapheme clusters. */
export function graphemes(s: string): string[] {
  if (isAscii(s)) return s.split('');
  return Array.from(segments(s), (x) => x.segment);
}

function graphemeCount(s: string): number {
  if (isAscii(s)) return s.length;
  let n = 0;
  for (const _ of segments(s)) n++;
  return n;
}

/** Offsets (UTF-16) of the grapheme boundaries of s. */
function boundaries(s: string): Set<number> {
  const out = new Set<number>([s.length]);
  for (const seg of segments(s)) out.add(seg.index);
  return out;
}

/** Occurrences of `sub` in `s` that start and end on grapheme boundaries (non-overlapping). */
function occurrences(s: string, sub: string): number[] {
  const out: number[] = [];
  const bounds = isAscii(s) ? undefined : boundaries(s);
  let from = 0;
  for (;;) {
    const i = s.indexOf(sub, from);
    if (i < 0) return out;
    if (!bounds || (bounds.has(i) && bounds.has(i + sub.length))) {
      out.push(i);
      from = i + sub.length;
    } else from = i + 1;
  }
}

function splitAligned(s: string, sep: string, dropTrailingEmpty = false): string[] {
  const parts: string[] = [];
  let last = 0;
  for (const i of occurrences(s, sep)) {
    parts.push(s.slice(last, i));
    last = i + sep.length;
  }
  if (!dropTrailingEmpty || last < s.length) parts.push(s.slice(last));
  return parts;
}

function regex(source: string, span: Span | undefined): CompiledRegex {
  const r = compileRegex(source);
  if (r instanceof InvalidRegex) throw otherError(r.message, span);
  return r;
}

function onBoundaries(bounds: Set<number> | undefined, start: number, end: number): boolean {
  return !bounds || (bounds.has(start) && bounds.has(end));
}

/**
 * The crate's matches of `re` in `s`, less those starting or ending inside a grapheme cluster
 * (the reference drops them rather than searching again).
 */
function alignedMatches(re: CompiledRegex, s: string, all: boolean): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  const bounds = isAscii(s) ? undefined : boundaries(s);
  for (const m of regexMatches(re.global, s)) {
    if (!onBoundaries(bounds, m.index, m.index + m[0].length)) continue;
    out.push(m);
    if (!all) break;
  }
  return out;
}

/** Like alignedMatches, but every capture group must be aligned too (as for the reference's captures). */
function alignedCaptures(re: CompiledRegex, s: string, all: boolean): RegExpExecArray[] {
  if (isAscii(s)) return alignedMatches(re, s, all);
  const out: RegExpExecArray[] = [];
  const bounds = boundaries(s);
  for (const m of regexMatches(re.withIndices(), s)) {
    if (!m.indices!.every((g) => g === undefined || onBoundaries(bounds, g[0], g[1]))) continue;
    out.push(m);
    if (!all) break;
  }
  return out;
}

/**
 * Grapheme indices of the UTF-16 offsets of s, asked in increasing order (each on a grapheme
 * boundary): each call counts only from the previous offset, so the matches of find_all cost
 * the string's length once, not once per match.
 */
function graphemeIndexer(s: string): (offset: number) => number {
  if (isAscii(s)) return (offset) => offset;
  let at = 0;
  let count = 0;
  return (offset) => {
    if (offset < at) {
      at = 0;
      count = 0;
    }
    count += graphemeCount(s.slice(at, offset));
    at = offset;
    return count;
  };
}

function matchRecord(m: RegExpExecArray | null, s: string, indexOf: (offset: number) => number = graphemeIndexer(s)): Value {
  if (!m)
    return recordOf([
      ['matched', Thunk.of('')],
      ['index', Thunk.of(-1)],
      ['groups', Thunk.of(new ArrayValue([]))],
    ]);
  const index = indexOf(m.index);
  const groups = m.slice(1).map((g) => Thunk.of(g ?? ''));
  return recordOf([
    ['matched', Thunk.of(m[0])],
    ['index', Thunk.of(index)],
    ['groups', Thunk.of(new ArrayValue(groups))],
  ]);
}

const USIZE_MAX = '18446744073709551615';

/** An index the reference accepts (a `usize`); beyond safe integers no string is that long anyway. */
function isIndex(x: Num): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0;
}

/** A number as the reference's messages print it: an integer, or a fraction `n/d`. */
function exactNumber(x: Num): string {
  return typeof x === 'number' ? String(x) : x.d === 1n ? String(x.n) : `${x.n}/${x.d}`;
}

/** How a value prints in `%to_string%` and string interpolation; undefined when it can't. */
export function valueToString(v: Value): string | undefined {
  if (typeof v === 'string') return v;
  if (isNum(v)) return numberToString(v);
  if (typeof v === 'boolean' || v === null) return String(v);
  if (v instanceof EnumValue && !v.arg) return v.tag;
  return undefined;
}

export const STRING_PRIMOPS: PrimopTable = {
  'string/length': op(1, (a, s, n) => graphemeCount(strArg(n, a, 0, s))),
  'string/trim': op(1, (a, s, n) => strArg(n, a, 0, s).trim()),
  'string/chars': op(1, (a, s, n) => new ArrayValue(graphemes(strArg(n, a, 0, s)).map((c) => Thunk.of(c)))),
  'string/uppercase': op(1, (a, s, n) => strArg(n, a, 0, s).toUpperCase()),
  'string/lowercase': op(1, (a, s, n) => strArg(n, a, 0, s).toLowerCase()),
  'string/contains': op(2, (a, s, n) => {
    const sub = strArg(n, a, 1, s);
    return sub === '' || occurrences(strArg(n, a, 0, s), sub).length > 0;
  }),
  'string/compare': op(2, (a, s, n) => {
    const x = strArg(n, a, 0, s);
    const y = strArg(n, a, 1, s);
    return new EnumValue(x < y ? 'Lesser' : x > y ? 'Greater' : 'Equal', undefined);
  }),
  'string/split': op(2, (a, s, n) => {
    const str = strArg(n, a, 0, s);
    const sep = strArg(n, a, 1, s);
    const parts = sep === '' ? graphemes(str) : splitAligned(str, sep, true);
    return new ArrayValue(parts.map((p) => Thunk.of(p)));
  }),
  'string/replace': op(3, (a, s, n) => {
    const str = strArg(n, a, 0, s);
    const pat = strArg(n, a, 1, s);
    const rep = strArg(n, a, 2, s);
    if (pat === '') return ['', ...graphemes(str), ''].join(rep);
    return splitAligned(str, pat).join(rep);
  }),
  'string/replace_regex': op(3, (a, s, n) => {
    const str = strArg(n, a, 0, s);
    const r = regex(strArg(n, a, 1, s), s);
    // The replacement is literal: the reference does not expand `$1`.
    const rep = strArg(n, a, 2, s);
    let out = '';
    let last = 0;
    for (const m of alignedMatches(r, str, true)) {
      out += str.slice(last, m.index) + rep;
      last = m.index + m[0].length;
    }
    return out + str.slice(last);
  }),
  'string/is_match': op(2, (a, s, n) => alignedMatches(regex(strArg(n, a, 0, s), s), strArg(n, a, 1, s), false).length > 0),
  'string/find': op(2, (a, s, n) => {
    const r = regex(strArg(n, a, 0, s), s);
    const str = strArg(n, a, 1, s);
    return matchRecord(alignedCaptures(r, str, false)[0] ?? null, str);
  }),
  'string/find_all': op(2, (a, s, n) => {
    const r = regex(strArg(n, a, 0, s), s);
    const str = strArg(n, a, 1, s);
    const out: Thunk[] = [];
    const indexOf = graphemeIndexer(str);
    for (const m of alignedCaptures(r, str, true)) out.push(Thunk.of(matchRecord(m, str, indexOf)));
    return new ArrayValue(out);
  }),
  'string/substr': op(3, (a, s, n) => {
    const str = strArg(n, a, 0, s);
    const start = numArg(n, a, 1, s);
    const end = numArg(n, a, 2, s);
    // The reference's checks, in its order and words (numbers shown as exact fractions).
    if (!isIndex(start))
      throw otherError(`substring: expected 2nd argument (start) to be a positive integer smaller than ${USIZE_MAX}, got ${exactNumber(start)}`, s);
    if (!isIndex(end))
      throw otherError(`substring: expected 3rd argument (end) to be a positive integer smaller than ${USIZE_MAX}, got ${exactNumber(end)}`, s);
    const chars = graphemes(str);
    if (start >= chars.length)
      throw otherError(`substring: index out of bounds. Expected 2nd argument (start) to be between 0 and ${chars.length}, got ${start}`, s);
    if (end < start || end > chars.length)
      throw otherError(`substring: index out of bounds. Expected 3rd argument (end) to be between ${start} and ${chars.length}, got ${end}`, s);
    return chars.slice(start, end).join('');
  }),
  to_string: op(1, (a, s, n) => {
    const v = a[0].force();
    const out = valueToString(v);
    if (out === undefined) throw typeMismatch(n, 'String, Number, Bool, Enum or null', v, a[0].span ?? s);
    return out;
  }),
  'number/from_string': op(1, (a, s, n) => {
    const str = strArg(n, a, 0, s);
    const v = parseNumber(str.trim().replace(/^\+/, ''));
    if (v === undefined) throw otherError(`${n}: invalid number literal \`${str}\``, s);
    return v;
  }),
  'string/base64_encode': op(2, (a, s, n) => {
    const variant = enumArg(n, a, 0, s).tag;
    const text = strArg(n, a, 1, s);
    let out = Buffer.from(text, 'utf8').toString(variant.startsWith('UrlSafe') ? 'base64url' : 'base64');
    if (variant === 'UrlSafe') out = out.padEnd(Math.ceil(out.length / 4) * 4, '=');
    if (variant === 'NoPad') out = out.replace(/=+$/, '');
    return out;
  }),
  'string/base64_decode': op(2, (a, s, n) => {
    const variant = enumArg(n, a, 0, s).tag;
    const text = strArg(n, a, 1, s);
    const urlSafe = variant.startsWith('UrlSafe');
    const padded = variant === 'Standard' || variant === 'UrlSafe';
    const alphabet = urlSafe ? /^[A-Za-z0-9_-]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
    const fail = (message: string) => new EnumValue('Error', Thunk.of(recordOf([['message', Thunk.of(message)]])));
    if (!alphabet.test(text) || (padded ? text.length % 4 !== 0 : text.includes('=') || text.length % 4 === 1)) {
      return fail(`invalid base64 input for the ${variant} variant`);
    }
    const bytes = Buffer.from(text, urlSafe ? 'base64url' : 'base64');
    const decoded = new TextDecoder('utf-8', { fatal: true });
    try {
      return new EnumValue('Ok', Thunk.of(decoded.decode(bytes)));
    } catch {
      return fail('the decoded data is not valid UTF-8');
    }
  }),
  'enum/from_string': op(1, (a, s, n) => new EnumValue(strArg(n, a, 0, s), undefined)),
};
