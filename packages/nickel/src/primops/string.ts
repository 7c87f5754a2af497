/**
 * String primops. Lengths, indices and `chars` count extended grapheme clusters, as the
 * reference does; regular expressions use JS `RegExp` in unicode mode.
 */
import { numberToString } from '../number/format.js';
import { parseNumber } from '../number/num.js';
import { otherError, typeMismatch } from '../eval/errors.js';
import { recordOf } from '../eval/record.js';
import { Thunk } from '../eval/thunk.js';
import { ArrayValue, EnumValue, isNum, type Value } from '../eval/value.js';
import type { Span } from '../source/span.js';
import { numArg, op, strArg, type PrimopTable } from './table.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The string's grapheme clusters (ASCII takes the fast path). */
export function graphemes(s: string): string[] {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return s.split('');
  return Array.from(segmenter.segment(s), (x) => x.segment);
}

function graphemeCount(s: string): number {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return s.length;
  let n = 0;
  for (const _ of segmenter.segment(s)) n++;
  return n;
}

const regexCache = new Map<string, RegExp>();

function regex(source: string, span: Span | undefined): RegExp {
  let r = regexCache.get(source);
  if (!r) {
    try {
      r = new RegExp(source, 'gu');
    } catch (e) {
      throw otherError(`invalid regular expression: ${(e as Error).message}`, span);
    }
    regexCache.set(source, r);
  }
  r.lastIndex = 0;
  return r;
}

function matchRecord(m: RegExpExecArray | null, s: string): Value {
  if (!m) return recordOf([['matched', Thunk.of('')], ['index', Thunk.of(-1)], ['groups', Thunk.of(new ArrayValue([]))]]);
  const index = graphemeCount(s.slice(0, m.index));
  const groups = m.slice(1).map((g) => Thunk.of(g ?? ''));
  return recordOf([['matched', Thunk.of(m[0])], ['index', Thunk.of(index)], ['groups', Thunk.of(new ArrayValue(groups))]]);
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
  'string/contains': op(2, (a, s, n) => strArg(n, a, 0, s).includes(strArg(n, a, 1, s))),
  'string/compare': op(2, (a, s, n) => {
    const x = strArg(n, a, 0, s);
    const y = strArg(n, a, 1, s);
    return new EnumValue(x < y ? 'Lesser' : x > y ? 'Greater' : 'Equal', undefined);
  }),
  'string/split': op(2, (a, s, n) => {
    const str = strArg(n, a, 0, s);
    const sep = strArg(n, a, 1, s);
    const parts = sep === '' ? ['', ...graphemes(str), ''] : str.split(sep);
    return new ArrayValue(parts.map((p) => Thunk.of(p)));
  }),
  'string/replace': op(3, (a, s, n) => {
    const str = strArg(n, a, 0, s);
    const pat = strArg(n, a, 1, s);
    const rep = strArg(n, a, 2, s);
    if (pat === '') return ['', ...graphemes(str), ''].join(rep);
    return str.split(pat).join(rep);
  }),
  'string/replace_regex': op(3, (a, s, n) => {
    const str = strArg(n, a, 0, s);
    const r = regex(strArg(n, a, 1, s), s);
    const rep = strArg(n, a, 2, s);
    return str.replace(r, rep.replace(/\$\{(\w+)\}/g, '$$<$1>'));
  }),
  'string/is_match': op(2, (a, s, n) => regex(strArg(n, a, 0, s), s).test(strArg(n, a, 1, s))),
  'string/find': op(2, (a, s, n) => {
    const r = regex(strArg(n, a, 0, s), s);
    const str = strArg(n, a, 1, s);
    return matchRecord(r.exec(str), str);
  }),
  'string/find_all': op(2, (a, s, n) => {
    const r = regex(strArg(n, a, 0, s), s);
    const str = strArg(n, a, 1, s);
    const out: Thunk[] = [];
    for (const m of str.matchAll(r)) out.push(Thunk.of(matchRecord(m, str)));
    return new ArrayValue(out);
  }),
  'string/substr': op(3, (a, s, n) => {
    const str = strArg(n, a, 0, s);
    const start = numArg(n, a, 1, s);
    const end = numArg(n, a, 2, s);
    const chars = graphemes(str);
    if (typeof start !== 'number' || typeof end !== 'number' || start < 0 || end > chars.length || start > end) {
      throw otherError(`${n}: index out of bounds (start ${numberToString(start)}, end ${numberToString(end)}, length ${chars.length})`, s);
    }
    return chars.slice(start, end).join('');
  }),
  to_string: op(1, (a, s, n) => {
    const v = a[0]!.force();
    const out = valueToString(v);
    if (out === undefined) throw typeMismatch(n, 'String, Number, Bool, Enum or null', v, a[0]!.span ?? s);
    return out;
  }),
  'number/from_string': op(1, (a, s, n) => {
    const str = strArg(n, a, 0, s);
    const v = parseNumber(str.trim().replace(/^\+/, ''));
    if (v === undefined) throw otherError(`${n}: invalid number literal \`${str}\``, s);
    return v;
  }),
  'enum/from_string': op(1, (a, s, n) => new EnumValue(strArg(n, a, 0, s), undefined)),
};
