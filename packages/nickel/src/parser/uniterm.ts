/**
 * Nickel has one syntax for terms and types ("uniterm"). Most constructs are clearly one or the
 * other, but a variable and a record literal stay ambiguous until their use decides: `{a : T}`
 * is a record type in `x : {a : T}` and a record literal elsewhere, `a` is a type variable under a
 * `forall` and a term variable otherwise. The parser carries such half-decided results as `Uni`
 * and converts them with `toTerm`/`toType` where the grammar fixes their nature.
 */
import type { Expr, FieldDef, Include, RowTail, Type } from '../ast/nodes.js';
import type { Span } from '../source/span.js';
import { invalidContract } from '../diagnostics/parse-errors.js';
import { fixTypeVars } from './type-vars.js';
import { recordToTerm, recordToType } from './record-kind.js';

/** A record literal before we know if it is a record type. Field types are not fixed yet. */
export interface UniRecord {
  fields: FieldDef[];
  includes: Include[];
  open: boolean;
  /** The `..`, when open. */
  openSpan: Span | undefined;
  /** `; r` or `; Dyn`: only record types have it. */
  tail: RowTail | undefined;
  tailSpan: Span | undefined;
  span: Span;
}

export type Uni =
  /** Decided: a term (most results are, so they are not wrapped). */
  | Expr
  | { u: 'Var'; name: string; span: Span }
  | { u: 'Record'; record: UniRecord; span: Span }
  /** A type whose variables are not fixed yet: every identifier in it is a `TypeVar`. */
  | { u: 'Type'; type: Type; span: Span };

type Undecided = Exclude<Uni, Expr>;

function undecided(x: Uni): x is Undecided {
  return 'u' in x;
}

export function uniTerm(expr: Expr): Uni {
  return expr;
}

export function uniType(type: Type): Uni {
  return { u: 'Type', type, span: type.span };
}

/** Re-spans a result to its parenthesised extent, as the reference does for `(e)`. */
export function withSpan(x: Uni, span: Span): Uni {
  if (!undecided(x)) return { ...x, span } as Expr;
  switch (x.u) {
    case 'Var':
      return { ...x, span };
    case 'Record':
      // the record keeps its own span for its diagnostics, as in the reference
      return { u: 'Record', record: x.record, span };
    case 'Type':
      return { u: 'Type', type: { ...x.type, span } as Type, span };
  }
}

export function toTerm(x: Uni): Expr {
  if (!undecided(x)) return x;
  switch (x.u) {
    case 'Var':
      return { kind: 'Var', name: x.name, span: x.span };
    case 'Record':
      return recordToTerm(x.record);
    case 'Type': {
      const t = fixTypeVars(x.type);
      if (t.kind === 'Contract') return t.expr;
      return { kind: 'Type', type: t, span: x.span };
    }
  }
}

/** The contract or type a term denotes in type position. Variables stay unfixed. */
export function toType(x: Uni): Type {
  if (!undecided(x)) {
    const e = x;
    if (
      e.kind === 'Null' ||
      e.kind === 'Bool' ||
      e.kind === 'Num' ||
      e.kind === 'Str' ||
      e.kind === 'Array' ||
      e.kind === 'Enum' ||
      (e.kind === 'Data' && Array.isArray(e.value))
    ) {
      throw invalidContract(e.span);
    }
    return { kind: 'Contract', expr: e, span: e.span };
  }
  switch (x.u) {
    case 'Var':
      return { kind: 'TypeVar', name: x.name, span: x.span };
    case 'Record':
      return recordToType(x.record);
    case 'Type':
      return x.type;
  }
}

/** A type in annotation position, its variables fixed (the reference's `FixedType`). */
export function toFixedType(x: Uni): Type {
  return fixTypeVars(toType(x));
}
