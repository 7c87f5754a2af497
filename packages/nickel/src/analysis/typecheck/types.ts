/**
 * The typechecker's types: the syntax's types plus unification variables (`UVar`) and rigid
 * constants (`Const`, a skolemised `forall` variable), for types and for record and enum row
 * tails. A `Contract` keeps its term and the term environment it was written in, for the
 * reference's contract equality.
 */
import type { Expr, Type } from '../../ast/nodes.js';
import type { Span } from '../../source/span.js';
import type { TermEnv } from './term-env.js';

export type VarKind = 'Type' | 'RecordRows' | 'EnumRows';

export type UType =
  | { readonly tag: 'Dyn' | 'Number' | 'Bool' | 'String' | 'Symbol' | 'ForeignId' }
  | { readonly tag: 'Array'; readonly elem: UType }
  | { readonly tag: 'Arrow'; readonly dom: UType; readonly cod: UType }
  | { readonly tag: 'Dict'; readonly elem: UType; readonly contract: boolean }
  | { readonly tag: 'Record'; readonly rows: RRows }
  | { readonly tag: 'Enum'; readonly rows: ERows }
  /** `excluded`: the rows a row variable may not hold (those written beside it), as the parser computes. */
  | { readonly tag: 'Forall'; readonly name: string; readonly kind: VarKind; readonly excluded: ReadonlySet<string>; readonly body: UType }
  /** A `forall` variable not instantiated yet (or unbound, which is an error when unified, reported at `span`). */
  | { readonly tag: 'Var'; readonly name: string; readonly span?: Span }
  | { readonly tag: 'Contract'; readonly expr: Expr; readonly env: TermEnv | undefined }
  /** `_` in an annotation: stands for the unification variable the state associates with `node`. */
  | { readonly tag: 'Wildcard'; readonly node: Type }
  | { readonly tag: 'UVar'; readonly id: number }
  | { readonly tag: 'Const'; readonly id: number };

export type RRows =
  | { readonly tag: 'Extend'; readonly name: string; readonly type: UType; readonly tail: RRows }
  | { readonly tag: 'Empty' }
  | { readonly tag: 'TailDyn' }
  | { readonly tag: 'Var'; readonly name: string; readonly span?: Span }
  | { readonly tag: 'UVar'; readonly id: number }
  | { readonly tag: 'Const'; readonly id: number };

export type ERows =
  | { readonly tag: 'Extend'; readonly name: string; readonly arg: UType | undefined; readonly tail: ERows }
  | { readonly tag: 'Empty' }
  | { readonly tag: 'Var'; readonly name: string; readonly span?: Span }
  | { readonly tag: 'UVar'; readonly id: number }
  | { readonly tag: 'Const'; readonly id: number };

export const DYN: UType = { tag: 'Dyn' };
export const NUMBER: UType = { tag: 'Number' };
export const BOOL: UType = { tag: 'Bool' };
export const STRING: UType = { tag: 'String' };
export const EMPTY_RROWS: RRows = { tag: 'Empty' };
export const EMPTY_EROWS: ERows = { tag: 'Empty' };

export const arrow = (dom: UType, cod: UType): UType => ({ tag: 'Arrow', dom, cod });
export const arrayOf = (elem: UType): UType => ({ tag: 'Array', elem });
export const dictOf = (elem: UType): UType => ({ tag: 'Dict', elem, contract: false });
export const recordOf = (rows: RRows): UType => ({ tag: 'Record', rows });
export const enumOf = (rows: ERows): UType => ({ tag: 'Enum', rows });

export function rrow(name: string, type: UType, tail: RRows): RRows {
  return { tag: 'Extend', name, type, tail };
}
export function erow(name: string, arg: UType | undefined, tail: ERows): ERows {
  return { tag: 'Extend', name, arg, tail };
}

/** A closed enum of argument-less tags. */
export function tagsEnum(...tags: string[]): UType {
  return enumOf(tags.reduceRight<ERows>((tail, tag) => erow(tag, undefined, tail), EMPTY_EROWS));
}

/** A closed record type. */
export function recordType(fields: [string, UType][]): UType {
  return recordOf(fields.reduceRight<RRows>((tail, [name, type]) => rrow(name, type, tail), EMPTY_RROWS));
}

/** The syntax's type as a typechecker type; contracts close over `env`. */
export function fromType(t: Type, env: TermEnv | undefined): UType {
  switch (t.kind) {
    case 'Dyn':
    case 'Number':
    case 'Bool':
    case 'String':
    case 'Symbol':
    case 'ForeignId':
      return { tag: t.kind };
    case 'Array':
      return arrayOf(fromType(t.elem, env));
    case 'Arrow':
      return arrow(fromType(t.domain, env), fromType(t.codomain, env));
    case 'Dict':
      return { tag: 'Dict', elem: fromType(t.elem, env), contract: t.contract };
    case 'Wildcard':
      return { tag: 'Wildcard', node: t };
    case 'TypeVar':
      return { tag: 'Var', name: t.name, span: t.span };
    case 'Contract':
      return { tag: 'Contract', expr: t.expr, env };
    case 'RecordType': {
      const tail: RRows =
        t.tail.kind === 'Closed' ? EMPTY_RROWS : t.tail.kind === 'Dyn' ? { tag: 'TailDyn' } : { tag: 'Var', name: t.tail.name, span: t.tail.span };
      return recordOf(t.fields.reduceRight<RRows>((rest, f) => rrow(f.name, fromType(f.type, env), rest), tail));
    }
    case 'EnumType': {
      const tail: ERows = t.tail.kind === 'Var' ? { tag: 'Var', name: t.tail.name, span: t.tail.span } : EMPTY_EROWS;
      return enumOf(t.rows.reduceRight<ERows>((rest, r) => erow(r.tag, r.arg ? fromType(r.arg, env) : undefined, rest), tail));
    }
    case 'Forall': {
      return t.vars.reduceRight<UType>(
        (body, name) => {
          const { kind, excluded } = varUsage(t.body, name);
          return { tag: 'Forall', name, kind, excluded, body };
        },
        fromType(t.body, env),
      );
    }
  }
}

/** How a `forall` variable is used (type, record tail or enum tail) and the rows written beside it. */
function varUsage(t: Type, name: string): { kind: VarKind; excluded: Set<string> } {
  const excluded = new Set<string>();
  let kind: VarKind = 'Type';
  const visit = (t: Type): void => {
    switch (t.kind) {
      case 'Array':
        return visit(t.elem);
      case 'Dict':
        return visit(t.elem);
      case 'Arrow':
        visit(t.domain);
        return visit(t.codomain);
      case 'Forall':
        if (!t.vars.includes(name)) visit(t.body);
        return;
      case 'RecordType':
        for (const f of t.fields) visit(f.type);
        if (t.tail.kind === 'Var' && t.tail.name === name) {
          kind = 'RecordRows';
          for (const f of t.fields) excluded.add(f.name);
        }
        return;
      case 'EnumType':
        for (const r of t.rows) if (r.arg) visit(r.arg);
        if (t.tail.kind === 'Var' && t.tail.name === name) {
          kind = 'EnumRows';
          for (const r of t.rows) if (r.arg) excluded.add(r.tag);
        }
        return;
      default:
        return;
    }
  };
  visit(t);
  return { kind, excluded };
}

/** Replaces the free occurrences of the `forall` variable `name` (of kind `kind`) by `to`. */
export function subst(t: UType, name: string, kind: VarKind, to: UType | RRows | ERows): UType {
  switch (t.tag) {
    case 'Var':
      return kind === 'Type' && t.name === name ? (to as UType) : t;
    case 'Array':
      return arrayOf(subst(t.elem, name, kind, to));
    case 'Arrow':
      return arrow(subst(t.dom, name, kind, to), subst(t.cod, name, kind, to));
    case 'Dict':
      return { tag: 'Dict', elem: subst(t.elem, name, kind, to), contract: t.contract };
    case 'Record':
      return recordOf(substR(t.rows, name, kind, to));
    case 'Enum':
      return enumOf(substE(t.rows, name, kind, to));
    case 'Forall':
      // Not stopped by an inner `forall` of the same name: the reference's substitution is not.
      return { ...t, body: subst(t.body, name, kind, to) };
    default:
      return t;
  }
}

function substR(r: RRows, name: string, kind: VarKind, to: UType | RRows | ERows): RRows {
  switch (r.tag) {
    case 'Extend':
      return rrow(r.name, subst(r.type, name, kind, to), substR(r.tail, name, kind, to));
    case 'Var':
      return kind === 'RecordRows' && r.name === name ? (to as RRows) : r;
    default:
      return r;
  }
}

function substE(r: ERows, name: string, kind: VarKind, to: UType | RRows | ERows): ERows {
  switch (r.tag) {
    case 'Extend':
      return erow(r.name, r.arg ? subst(r.arg, name, kind, to) : undefined, substE(r.tail, name, kind, to));
    case 'Var':
      return kind === 'EnumRows' && r.name === name ? (to as ERows) : r;
    default:
      return r;
  }
}

/** Whether a syntactic type holds a `_` anywhere. */
export function hasWildcard(t: Type): boolean {
  switch (t.kind) {
    case 'Wildcard':
      return true;
    case 'Array':
    case 'Dict':
      return hasWildcard(t.elem);
    case 'Arrow':
      return hasWildcard(t.domain) || hasWildcard(t.codomain);
    case 'Forall':
      return hasWildcard(t.body);
    case 'RecordType':
      return t.fields.some((f) => hasWildcard(f.type));
    case 'EnumType':
      return t.rows.some((r) => r.arg !== undefined && hasWildcard(r.arg));
    default:
      return false;
  }
}

/** The first user-defined contract in a type, if any (a type holding one cannot be a term). */
export function findContract(t: Type): Expr | undefined {
  switch (t.kind) {
    case 'Contract':
      return t.expr;
    case 'Array':
      return findContract(t.elem);
    case 'Dict':
      return findContract(t.elem);
    case 'Arrow':
      return findContract(t.domain) ?? findContract(t.codomain);
    case 'Forall':
      return findContract(t.body);
    case 'RecordType':
      for (const f of t.fields) {
        const c = findContract(f.type);
        if (c) return c;
      }
      return undefined;
    case 'EnumType':
      for (const r of t.rows) {
        const c = r.arg ? findContract(r.arg) : undefined;
        if (c) return c;
      }
      return undefined;
    default:
      return undefined;
  }
}
