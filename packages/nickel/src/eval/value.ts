/**
 * The one runtime value representation. Primitive Nickel values are JS primitives (null, boolean,
 * string) and numbers are `Num` (a safe integer or an exact `Rat`); everything else is a small
 * class so `instanceof` dispatch is cheap. Values are in weak head normal form: their components
 * (array elements, field values, enum arguments) are thunks.
 */
import type { Expr, FieldMeta, Match, Pattern, Type, TypeAnnot } from '../ast/nodes.js';
import { Rat, type Num } from '../number/num.js';
import type { Span } from '../source/span.js';
import type { Env } from './env.js';
import type { Label } from '../contracts/label.js';
import type { Thunk } from './thunk.js';
import type { Plain, PlainRecord } from '../export/plain.js';

export type Value = null | boolean | Num | string | EnumValue | ArrayValue | RecordValue | FuncValue | LabelValue | ContractValue | SealedValue | ForeignValue;

export class EnumValue {
  constructor(
    readonly tag: string,
    readonly arg: Thunk | undefined,
  ) {}
}

export class ArrayValue {
  constructor(
    readonly items: Thunk[],
    /** The plain data the array was made from (eval/from-plain.ts), if it was. */
    readonly data?: Plain[],
  ) {}
}

/** Priority as a number: `default` is -Infinity, normal 0, `force` +Infinity. */
export type PriorityRank = number;

/**
 * How a field's value is (re)built. A record literal's fields are templates closed over the
 * record itself (`Rec`): every merge rebuilds them over the merged record, which is how
 * overriding recomputes dependent fields (the reference's revertible thunks). A definition that
 * reads none of its record's fields is not rebuilt: its first instance's thunk (`shared`) serves
 * every merged record, so it is evaluated once however many merges it goes through.
 */
export type FieldDefn = RecDefn | PathDefn | FixedDefn | MergeDefn;

/** `shared`: undefined until first instantiated; null once known to depend on the record. */
export interface RecDefn {
  readonly k: 'Rec';
  readonly expr: Expr;
  readonly origin: RecOrigin;
  shared: Thunk | null | undefined;
}
/** A field path `a.b = e`: the sub-record, its own fields closed over the outer record. */
export interface PathDefn {
  readonly k: 'Path';
  readonly fields: ReadonlyMap<string, Field>;
  readonly span: Span | undefined;
}
export interface FixedDefn {
  readonly k: 'Fixed';
  readonly thunk: Thunk;
}
export interface MergeDefn {
  readonly k: 'Merge';
  readonly left: FieldDefn;
  readonly right: FieldDefn;
  readonly span: Span | undefined;
  shared: Thunk | null | undefined;
}

/** One evaluation of a record literal: its field names and the scope around it. */
export interface RecOrigin {
  readonly names: readonly string[];
  readonly env: Env;
  /** `names` as a set, made when a large literal is first merged (eval/record.ts `independent`). */
  nameSet?: ReadonlySet<string>;
}

export interface PendingContract {
  readonly contract: Thunk;
  readonly label: Label;
  /**
   * For an annotation written in a record literal: the annotation and that literal, so the
   * contract is re-closed over each new instance (`{C = .., f | C}` with `C` overridden).
   */
  readonly template?: { readonly annot: TypeAnnot; readonly origin: RecOrigin };
}

export interface Field {
  readonly doc: string | undefined;
  readonly priority: PriorityRank;
  readonly optional: boolean;
  readonly notExported: boolean;
  readonly contracts: readonly PendingContract[];
  readonly defn: FieldDefn | undefined;
  /** The annotations as written, for `query` and printing (undefined for generated fields). */
  readonly annot: FieldMeta | undefined;
  readonly span: Span | undefined;
  /** This record instance's value before contracts (undefined in templates). */
  raw: Thunk | undefined;
  /** The effective value for this record instance: the definition with contracts applied. */
  value: Thunk | undefined;
}

export class RecordValue {
  constructor(
    readonly fields: Map<string, Field>,
    /** `..` in a record literal: only meaningful when the record is used as a contract. */
    readonly open: boolean,
    readonly span: Span | undefined,
    /** A sealed polymorphic tail (`forall r. {a : T; r}`): fields hidden from the function. */
    readonly sealedTail?: SealedTail,
    /** The plain data the record was made from (eval/from-plain.ts), if it was. */
    readonly data?: PlainRecord,
  ) {}
}

export interface SealedTail {
  readonly key: number;
  readonly fields: Map<string, Field>;
  readonly label: Label;
}

/** A function: a `fun` with its remaining parameters, a `match`, or a native primop closure. */
export type FuncValue = Closure | MatchClosure | NativeFunc;

export class Closure {
  constructor(
    readonly params: readonly Pattern[],
    /** Index of the next parameter to bind. */
    readonly index: number,
    readonly body: Expr,
    readonly env: Env,
    readonly span: Span,
  ) {}
}

export class MatchClosure {
  constructor(
    readonly match: Match,
    readonly env: Env,
  ) {}
}

export class NativeFunc {
  constructor(
    readonly name: string,
    readonly arity: number,
    readonly args: readonly Thunk[],
    readonly impl: (args: readonly Thunk[], span: Span | undefined) => Value | TailCall,
  ) {}
}

/**
 * What a native function returns when its result is a Nickel function's: `fn` applied to `args`,
 * then passed to `then` if given. The evaluation machine makes that call on its own stack, so a
 * recursion through a native (a std loop, a function contract) does not nest on the JS stack.
 */
export class TailCall {
  constructor(
    readonly fn: Value,
    readonly args: readonly Thunk[],
    readonly span: Span | undefined,
    readonly then: ((v: Value) => Value | TailCall) | undefined,
  ) {}
}

export class LabelValue {
  constructor(readonly label: Label) {}
}

/**
 * A contract that is not a plain function or record: a type used as a term (`Number`,
 * `Array String`, `{a : Number}`), or a custom contract built by `%contract/custom%`.
 */
export type ContractValue = TypeContract | CustomContract;

export class TypeContract {
  constructor(
    readonly type: Type,
    /** Scope of the contract expressions inside the type. */
    readonly env: Env,
    /** Type variables bound by enclosing foralls. */
    readonly tyVars: TyVarScope | undefined,
  ) {}
}

/** Binding of forall-bound type variables to sealing keys, with the polarity of their forall. */
export interface TyVarScope {
  readonly name: string;
  readonly key: number;
  readonly polarity: boolean;
  readonly kind: 'Type' | 'Row';
  readonly parent: TyVarScope | undefined;
}

export class CustomContract {
  constructor(readonly fn: Thunk) {}
}

export class SealedValue {
  constructor(
    readonly key: number,
    readonly inner: Thunk,
    readonly label: Label,
  ) {}
}

export class ForeignValue {
  constructor(readonly payload: unknown) {}
}

export function isNum(v: Value): v is Num {
  return typeof v === 'number' || v instanceof Rat;
}

export function isFunc(v: Value): v is FuncValue {
  return v instanceof Closure || v instanceof MatchClosure || v instanceof NativeFunc;
}

/** The reference's type names, as used in "expected X, got Y" and `%typeof%`. */
export function typeName(v: Value): string {
  if (v === null) return 'Null';
  switch (typeof v) {
    case 'boolean':
      return 'Bool';
    case 'number':
      return 'Number';
    case 'string':
      return 'String';
  }
  if (v instanceof Rat) return 'Number';
  if (v instanceof RecordValue) return 'Record';
  if (v instanceof ArrayValue) return 'Array';
  if (v instanceof EnumValue) return v.arg ? 'EnumVariant' : 'EnumTag';
  if (isFunc(v)) return 'Function';
  if (v instanceof LabelValue) return 'Label';
  if (v instanceof TypeContract) return 'Type';
  if (v instanceof CustomContract) return 'CustomContract';
  if (v instanceof SealedValue) return 'Sealed';
  if (v instanceof ForeignValue) return 'ForeignId';
  return 'Other';
}

export function priorityRank(p: FieldMeta['priority'], parse: (text: string) => Num | undefined): PriorityRank {
  if (!p) return 0;
  if (p.kind === 'Default') return -Infinity;
  if (p.kind === 'Force') return Infinity;
  const n = parse(p.text);
  return n === undefined ? 0 : typeof n === 'number' ? n : Number(n.n) / Number(n.d);
}
