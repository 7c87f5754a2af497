/**
 * Fixing type variables: inside a type, an identifier is a type variable only when an enclosing
 * `forall` binds it; otherwise it is a term (a contract) after all. A `forall` variable must be
 * used consistently as a type, a record row tail or an enum row tail.
 */
import type { Type } from '../ast/nodes.js';
import type { Span } from '../source/span.js';
import { typeVariableKindMismatch } from '../diagnostics/parse-errors.js';

type VarKind = 'Type' | 'RecordRows' | 'EnumRows';
interface Binder {
  name: string;
  kind: VarKind | undefined;
}

export function fixTypeVars(t: Type): Type {
  return fix(t, [], t.span);
}

function lookup(bound: Binder[], name: string): Binder | undefined {
  for (let i = bound.length - 1; i >= 0; i--) if (bound[i]!.name === name) return bound[i];
  return undefined;
}

function use(b: Binder, kind: VarKind, root: Span): void {
  if (b.kind === undefined) b.kind = kind;
  else if (b.kind !== kind) {
    throw typeVariableKindMismatch(b.name, b.kind, kind, root);
  }
}

function fix(t: Type, bound: Binder[], root: Span): Type {
  switch (t.kind) {
    case 'TypeVar': {
      const b = lookup(bound, t.name);
      if (b) {
        use(b, 'Type', root);
        return t;
      }
      return { kind: 'Contract', expr: { kind: 'Var', name: t.name, span: t.span }, span: t.span };
    }
    case 'Arrow':
      return { ...t, domain: fix(t.domain, bound, root), codomain: fix(t.codomain, bound, root) };
    case 'Array':
      return { ...t, elem: fix(t.elem, bound, root) };
    case 'Dict':
      // A contract dictionary's element was fixed on its own (`{_ | T}` takes a fixed type).
      return t.contract ? t : { ...t, elem: fix(t.elem, bound, root) };
    case 'Forall': {
      const binders = t.vars.map((name) => ({ name, kind: undefined }) as Binder);
      const body = fix(t.body, [...bound, ...binders], root);
      return { ...t, body };
    }
    case 'RecordType': {
      const fields = t.fields.map((f) => ({ ...f, type: fix(f.type, bound, root) }));
      if (t.tail.kind === 'Var') {
        const b = lookup(bound, t.tail.name);
        if (b) use(b, 'RecordRows', root);
      }
      return { ...t, fields };
    }
    case 'EnumType': {
      const rows = t.rows.map((r) => (r.arg ? { ...r, arg: fix(r.arg, bound, root) } : r));
      if (t.tail.kind === 'Var') {
        const b = lookup(bound, t.tail.name);
        if (b) use(b, 'EnumRows', root);
      }
      return { ...t, rows };
    }
    default:
      return t;
  }
}
