/** Array primops: length, indexing, slicing, map and generate. */
import type { Span } from '../source/span.js';
import { applyValue } from '../eval/eval.js';
import { otherError } from '../eval/errors.js';
import { Thunk } from '../eval/thunk.js';
import { ArrayValue, type Value } from '../eval/value.js';
import { arrArg, funcArg, numArg, op, type PrimopTable } from './table.js';
import type { Num } from '../number/num.js';

function index(name: string, n: Num, what: string, span: Span | undefined): number {
  if (typeof n !== 'number') throw otherError(`${name}: expected the ${what} to be an integer, got ${n.n}/${n.d}`, span);
  return n;
}

/** `f x` as a lazy thunk. */
export function lazyApply(f: Value, x: Thunk, span: Span | undefined): Thunk {
  return Thunk.lazy(() => applyValue(f, x, span));
}

/** The item `%array/at%` returns, unevaluated (the evaluation machine forces it on its own stack). */
export function arrayItem(a: readonly Thunk[], s: Span | undefined, n: string): Thunk {
  const arr = arrArg(n, a, 0, s);
  const i = index(n, numArg(n, a, 1, s), 'index', s);
  if (arr.items.length === 0) throw otherError(`${n}: index out of bounds. Can't index into an empty array.`, s);
  const item = arr.items[i];
  if (item === undefined) {
    throw otherError(`${n}: index out of bounds. Expected an index between 0 and ${arr.items.length - 1}, got ${i}`, s);
  }
  return item;
}

export const ARRAY_PRIMOPS: PrimopTable = {
  'array/length': op(1, (a, s, n) => arrArg(n, a, 0, s).items.length),
  'array/at': op(2, (a, s, n) => arrayItem(a, s, n).force()),
  'array/slice': op(3, (a, s, n) => {
    const start = index(n, numArg(n, a, 0, s), 'start index', s);
    const end = index(n, numArg(n, a, 1, s), 'end index', s);
    const arr = arrArg(n, a, 2, s);
    if (start < 0 || end > arr.items.length || start > end) {
      throw otherError(`${n}: invalid slice [${start}, ${end}) of an array of length ${arr.items.length}`, s);
    }
    if (start === 0 && end === arr.items.length) return arr;
    return new ArrayValue(arr.items.slice(start, end));
  }),
  'array/map': op(2, (a, s, n) => {
    const arr = arrArg(n, a, 0, s);
    const f = funcArg(n, a, 1, s);
    return new ArrayValue(arr.items.map((x) => lazyApply(f, x, s)));
  }),
  'array/generate': op(2, (a, s, n) => {
    const len = index(n, numArg(n, a, 0, s), 'length', s);
    if (len < 0) throw otherError(`${n}: expected a non-negative length, got ${len}`, s);
    const f = funcArg(n, a, 1, s);
    const items = new Array<Thunk>(len);
    for (let i = 0; i < len; i++) items[i] = lazyApply(f, Thunk.of(i), s);
    return new ArrayValue(items);
  }),
};
