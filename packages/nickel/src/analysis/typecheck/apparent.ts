/**
 * Apparent types: the type a binding gets without inferring its value — its annotation, the type
 * of a literal, `Array Dyn` for an array, a variable's type, an import's apparent type — and
 * otherwise `Dyn` (approximated). Untyped code binds names with these.
 */
import type { Expr, FieldMeta, Type } from '../../ast/nodes.js';
import { Rat } from '../../number/num.js';
import { lookupType, type Ctx } from './context.js';
import { arrayOf, BOOL, DYN, fromType, hasWildcard, NUMBER, STRING, type UType } from './types.js';

export type Apparent = { readonly kind: 'Annotated'; readonly type: Type } | { readonly kind: 'Inferred' | 'FromEnv' | 'Approximated'; readonly utype: UType };

export const APPROXIMATED_DYN: Apparent = { kind: 'Approximated', utype: DYN };

/** An import's apparent type (the pipeline knows the imported files). */
export type ImportApparent = (e: Expr & { kind: 'Import' }) => Apparent;

export function apparentOfExpr(e: Expr, ctx: Ctx | undefined, imports: ImportApparent | undefined): Apparent {
  switch (e.kind) {
    case 'Annotated': {
      const first = e.type?.type ?? e.contracts[0]?.type;
      return first ? { kind: 'Annotated', type: first } : apparentOfExpr(e.expr, ctx, imports);
    }
    case 'Num':
      return { kind: 'Inferred', utype: NUMBER };
    case 'Bool':
      return { kind: 'Inferred', utype: BOOL };
    case 'Str':
      return { kind: 'Inferred', utype: STRING };
    case 'Array':
      return { kind: 'Approximated', utype: arrayOf(DYN) };
    case 'Data': {
      const v = e.value;
      if (typeof v === 'number' || v instanceof Rat) return { kind: 'Inferred', utype: NUMBER };
      if (typeof v === 'string') return { kind: 'Inferred', utype: STRING };
      if (typeof v === 'boolean') return { kind: 'Inferred', utype: BOOL };
      if (Array.isArray(v)) return { kind: 'Approximated', utype: arrayOf(DYN) };
      return APPROXIMATED_DYN;
    }
    case 'Var': {
      const t = ctx ? lookupType(ctx, e.name) : undefined;
      return t ? { kind: 'FromEnv', utype: t } : APPROXIMATED_DYN;
    }
    case 'Import':
      return imports ? imports(e) : APPROXIMATED_DYN;
    default:
      return APPROXIMATED_DYN;
  }
}

/** A binding's or field's apparent type: its first annotation, else its value's. */
export function apparentOfBinding(meta: FieldMeta, value: Expr | undefined, ctx: Ctx | undefined, imports: ImportApparent | undefined): Apparent {
  const first = meta.type?.type ?? meta.contracts[0]?.type;
  if (first) return { kind: 'Annotated', type: first };
  return value ? apparentOfExpr(value, ctx, imports) : APPROXIMATED_DYN;
}

/** The apparent type as a type of the typing environment (an annotation with `_` is `Dyn`). */
export function fromApparent(a: Apparent, ctx: Ctx): UType {
  if (a.kind !== 'Annotated') return a.utype;
  return hasWildcard(a.type) ? DYN : fromType(a.type, ctx.terms);
}
