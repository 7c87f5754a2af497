/** The table of every primitive operation (`%name%`), and how an application calls one. */
import { evalOther } from '../diagnostics/eval-errors.js';
import type { Span } from '../source/span.js';
import type { Thunk } from '../eval/thunk.js';
import { applyN } from '../eval/eval.js';
import { NativeFunc, type Value } from '../eval/value.js';
import { ARRAY_PRIMOPS } from './array.js';
import { CONTRACT_PRIMOPS } from './contract.js';
import { ENUM_PRIMOPS } from './enum.js';
import { MISC_PRIMOPS } from './misc.js';
import { RECORD_PRIMOPS } from './record.js';
import { STRING_PRIMOPS } from './string.js';
import type { Primop } from './table.js';

const PRIMOPS: ReadonlyMap<string, Primop> = new Map(
  Object.entries({ ...MISC_PRIMOPS, ...ARRAY_PRIMOPS, ...RECORD_PRIMOPS, ...STRING_PRIMOPS, ...ENUM_PRIMOPS, ...CONTRACT_PRIMOPS }),
);

export function isPrimop(name: string): boolean {
  return PRIMOPS.has(name);
}

/** `%name% args…`: a partial application is a function awaiting the remaining arguments. */
export function callPrimop(name: string, args: readonly Thunk[], span: Span | undefined): Value {
  const p = PRIMOPS.get(name);
  if (!p) {
    throw evalOther(`unknown primitive operation \`%${name}%\``, span);
  }
  if (args.length < p.arity) {
    // The reference evaluates the strict argument of a partially applied sequencing primop.
    if ((name === 'seq' || name === 'deep_seq') && args.length > 0) args[0]!.force();
    return new NativeFunc(name, p.arity, args, (all, s) => p.impl(all, s ?? span, name));
  }
  if (args.length > p.arity) return applyN(p.impl(args.slice(0, p.arity), span, name), args.slice(p.arity), span);
  return p.impl(args, span, name);
}
