/**
 * Shared shape of primitive operations and the typed argument extractors: the only place primops
 * get "expected X, got Y" errors from.
 */
import type { Label } from '../contracts/label.js';
import type { Num } from '../number/num.js';
import type { Span } from '../source/span.js';
import { typeMismatch } from '../eval/errors.js';
import type { Runtime } from '../eval/runtime.js';
import type { Thunk } from '../eval/thunk.js';
import { ArrayValue, EnumValue, isFunc, isNum, LabelValue, RecordValue, type FuncValue, type Value } from '../eval/value.js';

export interface Primop {
  readonly arity: number;
  /** `rt` is the runtime of the code that applies the primop. */
  readonly impl: (args: readonly Thunk[], span: Span | undefined, name: string, rt: Runtime) => Value;
}

export type PrimopTable = Record<string, Primop>;

/** The arguments an implementation of arity N receives: exactly N (`callPrimop` waits for them all). */
type Args<N extends number, Given extends Thunk[] = []> = Given['length'] extends N ? Readonly<Given> : Args<N, [...Given, Thunk]>;

export function op<N extends 1 | 2 | 3 | 4>(arity: N, impl: (args: Args<N>, span: Span | undefined, name: string, rt: Runtime) => Value): Primop {
  // callPrimop applies an implementation to exactly `arity` arguments, the length its type claims
  return { arity, impl: impl as unknown as Primop['impl'] };
}

// biome-ignore-start lint/plugin: `i` is below the primop's arity, so `args[i]` is there (see `op`)
function argError(name: string, expected: string, v: Value, args: readonly Thunk[], i: number, span: Span | undefined) {
  return typeMismatch(name, expected, v, args[i]!.span ?? span, args.length > 1 ? { arg: i + 1, opSpan: span } : { opSpan: span });
}

/** Typed extractors: `arg(args, i, …)` forces argument i and checks its type. */
export function numArg(name: string, args: readonly Thunk[], i: number, span: Span | undefined): Num {
  const v = args[i]!.force();
  if (!isNum(v)) throw argError(name, 'Number', v, args, i, span);
  return v;
}
export function strArg(name: string, args: readonly Thunk[], i: number, span: Span | undefined): string {
  const v = args[i]!.force();
  if (typeof v !== 'string') throw argError(name, 'String', v, args, i, span);
  return v;
}
export function boolArg(name: string, args: readonly Thunk[], i: number, span: Span | undefined): boolean {
  const v = args[i]!.force();
  if (typeof v !== 'boolean') throw argError(name, 'Bool', v, args, i, span);
  return v;
}
export function arrArg(name: string, args: readonly Thunk[], i: number, span: Span | undefined): ArrayValue {
  const v = args[i]!.force();
  if (!(v instanceof ArrayValue)) throw argError(name, 'Array', v, args, i, span);
  return v;
}
export function recArg(name: string, args: readonly Thunk[], i: number, span: Span | undefined): RecordValue {
  const v = args[i]!.force();
  if (!(v instanceof RecordValue)) throw argError(name, 'Record', v, args, i, span);
  return v;
}
export function funcArg(name: string, args: readonly Thunk[], i: number, span: Span | undefined): FuncValue {
  const v = args[i]!.force();
  if (!isFunc(v)) throw argError(name, 'Function', v, args, i, span);
  return v;
}
export function enumArg(name: string, args: readonly Thunk[], i: number, span: Span | undefined): EnumValue {
  const v = args[i]!.force();
  if (!(v instanceof EnumValue)) throw argError(name, 'Enum', v, args, i, span);
  return v;
}
export function labelArg(name: string, args: readonly Thunk[], i: number, span: Span | undefined): Label {
  const v = args[i]!.force();
  if (!(v instanceof LabelValue)) throw argError(name, 'Label', v, args, i, span);
  return v.label;
}
/** A string or an enum tag (field names may be given either way). */
export function nameArg(name: string, args: readonly Thunk[], i: number, span: Span | undefined): string {
  const v = args[i]!.force();
  if (typeof v === 'string') return v;
  if (v instanceof EnumValue && !v.arg) return v.tag;
  throw argError(name, 'String', v, args, i, span);
}
// biome-ignore-end lint/plugin: `i` is below the primop's arity, so `args[i]` is there (see `op`)
/** A non-negative safe integer, or an `EvalError::Other` worded by the caller. */
export function intArg(name: string, args: readonly Thunk[], i: number, span: Span | undefined): number | undefined {
  const n = numArg(name, args, i, span);
  return typeof n === 'number' ? n : undefined;
}
