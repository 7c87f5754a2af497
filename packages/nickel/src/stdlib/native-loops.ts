/**
 * The index loops of traverse.ncl, run as JavaScript loops. Every array function of std that
 * visits elements (`all`, `any`, `filter`, `fold_left`, `flat_map`, `elem`, …) goes through
 * them, and in Nickel each visited index costs about ten evaluation steps (a comparison, an
 * addition, a closure call, a `%seq%`): in a catalog whose contracts check arrays, the loops were
 * a third of all evaluation. traverse.ncl stays the definition — it is what std runs on the
 * reference evaluator (verify/) — and this module overrides its loops with `force` priority, so
 * the helpers written in Nickel on top of them (`record_from_indices`, `join`) use these.
 *
 * Each loop calls the Nickel function on the same indices, in the same order, forcing the same
 * results as the Nickel definition; indices are integers from `%array/length%`.
 */
import { otherError, typeMismatch, wrongType } from '../eval/errors.js';
import { applyValue } from '../eval/eval.js';
import { mergeValues } from '../eval/merge.js';
import { makeField } from '../eval/record.js';
import { Thunk } from '../eval/thunk.js';
import { ArrayValue, NativeFunc, RecordValue, TailCall, type Field, type Value } from '../eval/value.js';
import type { Span } from '../source/span.js';

function index(t: Thunk, span: Span | undefined): number {
  const v = t.force();
  if (typeof v !== 'number' || !Number.isInteger(v)) throw otherError('std loop: expected an integer index', span);
  return v;
}

/** The result of `pred i` where traverse.ncl uses it: as `&&`/`||`'s left operand, or an `if` condition (same errors). */
function bool(v: Value, use: '(&&)' | '(||)' | 'if', span: Span | undefined): boolean {
  if (typeof v === 'boolean') return v;
  if (use === 'if') throw wrongType('Bool', v, span, 'the condition of an `if` must be a Bool');
  throw typeMismatch(use, 'Bool', v, span, { arg: 1, opSpan: span });
}

/** The binary search of `first_true`: the same midpoints, so `pred` sees the same indices. */
function midpoint(lo: number, hi: number): number {
  return lo + (hi - lo - ((hi - lo) % 2)) / 2;
}

const LOOPS: Record<string, NativeFunc> = {
  // step (… (step (step acc lo) (lo + 1)) …) (hi - 1), each intermediate accumulator forced
  // (each step a TailCall, so a step that recurses into another fold does not nest on the JS stack)
  fold_indices: new NativeFunc('fold_indices', 4, [], ([step, acc, lo, hi], span) => {
    const f = step!.force();
    const end = index(hi!, span);
    let i = index(lo!, span);
    const from = (current: Thunk): Value | TailCall => (i < end ? new TailCall(f, [current, Thunk.of(i++)], span, (v) => from(Thunk.of(v))) : current.force());
    return from(acc!);
  }),
  // part lo @ part (lo + 1) @ … @ part (hi - 1), each part forced in turn
  concat_indices: new NativeFunc('concat_indices', 3, [], ([part, lo, hi], span) => {
    const f = part!.force();
    const end = index(hi!, span);
    const items: Thunk[] = [];
    for (let i = index(lo!, span); i < end; i++) {
      const piece = applyValue(f, Thunk.of(i), span);
      if (!(piece instanceof ArrayValue)) throw typeMismatch('(@)', 'Array', piece, span, { arg: 1, opSpan: span });
      for (const item of piece.items) items.push(item);
    }
    return new ArrayValue(items);
  }),
  all_indices: new NativeFunc('all_indices', 3, [], ([pred, lo, hi], span) => {
    const f = pred!.force();
    const end = index(hi!, span);
    for (let i = index(lo!, span); i < end; i++) if (!bool(applyValue(f, Thunk.of(i), span), '(&&)', span)) return false;
    return true;
  }),
  any_indices: new NativeFunc('any_indices', 3, [], ([pred, lo, hi], span) => {
    const f = pred!.force();
    const end = index(hi!, span);
    for (let i = index(lo!, span); i < end; i++) if (bool(applyValue(f, Thunk.of(i), span), '(||)', span)) return true;
    return false;
  }),
  // the first index where `pred` holds, `pred` being false on a prefix and true on the rest
  first_true: new NativeFunc('first_true', 3, [], ([pred, lo, hi], span) => {
    const f = pred!.force();
    let l = index(lo!, span);
    let h = index(hi!, span);
    while (l < h) {
      const mid = midpoint(l, h);
      if (bool(applyValue(f, Thunk.of(mid), span), 'if', span)) h = mid;
      else l = mid + 1;
    }
    return l;
  }),
  // the first index where `pred` holds, scanning left to right, or -1
  find_first: new NativeFunc('find_first', 3, [], ([pred, lo, hi], span) => {
    const f = pred!.force();
    const end = index(hi!, span);
    for (let i = index(lo!, span); i < end; i++) if (bool(applyValue(f, Thunk.of(i), span), 'if', span)) return i;
    return -1;
  }),
};

/** traverse.ncl's record (`loops`) with the loops above in place of their Nickel definitions. */
export function withNativeLoops(loops: Value): Value {
  const fields = new Map<string, Field>();
  for (const [name, fn] of Object.entries(LOOPS)) {
    const t = Thunk.of(fn);
    fields.set(name, makeField(undefined, Infinity, false, false, [], { k: 'Fixed', thunk: t }, undefined, undefined, t, t));
  }
  return mergeValues(loops, new RecordValue(fields, false, undefined), undefined);
}
