/**
 * The typing context: what each variable in scope is typed as (some lazily: an import's or
 * `std`'s type is only worked out if a typed block uses it), the term environment of contract
 * equality, and the current variable level.
 */
import type { Expr } from '../../ast/nodes.js';
import { bindTerm, type TermEnv } from './term-env.js';
import type { UType } from './types.js';

export type Binding = UType | (() => UType);

/** A record literal's fields in scope, typed only when a typed block asks. */
export interface FieldScope {
  has(name: string): boolean;
  type(name: string): UType;
}

/** One binding, or many at once (a record's fields), in front of the enclosing scope. */
interface Scope {
  readonly name: string;
  binding: Binding;
  readonly many: Map<string, Binding> | undefined;
  readonly fields?: FieldScope;
  readonly parent: Scope | undefined;
}

export interface Ctx {
  readonly scope: Scope | undefined;
  readonly terms: TermEnv | undefined;
  readonly level: number;
}

export const EMPTY_CTX: Ctx = { scope: undefined, terms: undefined, level: 1 };

export function bindType(ctx: Ctx, name: string, binding: Binding): Ctx {
  return { ...ctx, scope: { name, binding, many: undefined, parent: ctx.scope } };
}

/** Binds many names at once (a record's fields): one lookup, however many fields. */
export function bindMany(ctx: Ctx, names: Map<string, Binding>): Ctx {
  return { ...ctx, scope: { name: '', binding: DYN_BINDING, many: names, parent: ctx.scope } };
}

/** Binds the fields of a record literal (walk mode). */
export function bindFields(ctx: Ctx, fields: FieldScope): Ctx {
  return { ...ctx, scope: { name: '', binding: DYN_BINDING, many: undefined, fields, parent: ctx.scope } };
}

const DYN_BINDING: Binding = { tag: 'Dyn' };

/** Whether `name` is in scope (walk mode needs no more). */
export function isBound(ctx: Ctx, name: string): boolean {
  for (let s = ctx.scope; s; s = s.parent) {
    if (s.fields ? s.fields.has(name) : s.many ? s.many.has(name) : s.name === name) return true;
  }
  return false;
}

export function bindTypeAndTerm(ctx: Ctx, name: string, binding: Binding, expr: Expr, exprEnv: TermEnv | undefined): Ctx {
  return { scope: { name, binding, many: undefined, parent: ctx.scope }, terms: bindTerm(ctx.terms, name, expr, exprEnv), level: ctx.level };
}

export function withLevel(ctx: Ctx, level: number): Ctx {
  return level === ctx.level ? ctx : { ...ctx, level };
}

/** The type of `name`, or undefined when it is unbound. */
export function lookupType(ctx: Ctx, name: string): UType | undefined {
  for (let s = ctx.scope; s; s = s.parent) {
    if (s.fields) {
      if (s.fields.has(name)) return s.fields.type(name);
      continue;
    }
    if (s.many) {
      const b = s.many.get(name);
      if (b === undefined) continue;
      if (typeof b !== 'function') return b;
      const t = b();
      s.many.set(name, t);
      return t;
    }
    if (s.name === name) {
      if (typeof s.binding === 'function') s.binding = s.binding();
      return s.binding;
    }
  }
  return undefined;
}

/** Whether `name` refers to the binding `root` (not shadowed by a local one). */
export function refersToRoot(ctx: Ctx, name: string, root: Ctx): boolean {
  for (let s = ctx.scope; s; s = s.parent) {
    if (s.fields ? s.fields.has(name) : s.many ? s.many.has(name) : s.name === name) return s === root.scope;
  }
  return false;
}
