/**
 * The type a pattern matches and the types of the names it binds. Enum patterns produce open
 * enum rows whose tails are closed afterwards unless a wildcard at the same place in another
 * branch keeps them open (the reference's treatment of `match`).
 */
import type { Pattern, RecordPatternField } from '../../ast/nodes.js';
import * as tc from '../../diagnostics/typecheck.js';
import type { Typechecker as Checker } from './checker.js';
import type { Ctx } from './context.js';
import type { UnifState } from './state.js';
import { arrayOf, BOOL, DYN, enumOf, erow, fromType, NUMBER, recordOf, rrow, STRING, type ERows, type RRows, type UType } from './types.js';

export type Mode = 'Walk' | 'Enforce';

export interface PatternTypes {
  readonly type: UType;
  readonly bindings: [string, UType][];
  readonly enumTails: [string, ERows][];
  readonly wildcardPaths: Set<string>;
}

interface Acc {
  bindings: [string, UType][];
  enumTails: [string, ERows][];
  wildcardPaths: Set<string>;
}

export function patternTypes(c: Checker, p: Pattern, ctx: Ctx, mode: Mode): PatternTypes {
  const acc: Acc = { bindings: [], enumTails: [], wildcardPaths: new Set() };
  const type = visit(c, p, '', ctx, mode, acc);
  return { type, ...acc };
}

function anyType(c: Checker, ctx: Ctx, mode: Mode): UType {
  return mode === 'Walk' ? DYN : c.st.freshType(ctx.level);
}

function visit(c: Checker, p: Pattern, path: string, ctx: Ctx, mode: Mode, acc: Acc): UType {
  switch (p.kind) {
    case 'Wildcard':
      acc.wildcardPaths.add(path);
      return anyType(c, ctx, mode);
    case 'Bind': {
      acc.wildcardPaths.add(path);
      const t = anyType(c, ctx, mode);
      acc.bindings.push([p.name, t]);
      return t;
    }
    case 'Alias': {
      const t = visit(c, p.pattern, path, ctx, mode, acc);
      acc.bindings.push([p.name, t]);
      return t;
    }
    case 'Const': {
      const v = p.value;
      return v.kind === 'Num' ? NUMBER : v.kind === 'Str' ? STRING : v.kind === 'Bool' ? BOOL : DYN;
    }
    case 'Enum': {
      const arg = p.arg ? visit(c, p.arg, `${path}/v`, ctx, mode, acc) : undefined;
      const tail = c.st.freshERows(ctx.level);
      acc.enumTails.push([path, tail]);
      return enumOf(erow(p.tag, arg, tail));
    }
    case 'Record': {
      let rows: RRows = p.tail.kind === 'Closed' ? { tag: 'Empty' } : mode === 'Walk' ? { tag: 'TailDyn' } : c.st.freshRRows(ctx.level);
      if (p.tail.kind === 'Capture') acc.bindings.push([p.tail.name, recordOf(rows)]);
      for (const f of p.fields) rows = rrow(f.field, fieldType(c, f, `${path}/f:${f.field}`, ctx, mode, acc), rows);
      return recordOf(rows);
    }
    case 'Array': {
      const elem = anyType(c, ctx, mode);
      p.items.forEach((item, i) => {
        const t = visit(c, item, `${path}/a:${i}`, ctx, mode, acc);
        if (mode === 'Enforce') c.unifyAt(p.span, ctx, elem, t);
      });
      if (p.tail.kind === 'Capture') acc.bindings.push([p.tail.name, arrayOf(elem)]);
      return arrayOf(elem);
    }
    case 'Or':
      return visitOr(c, p, path, ctx, mode, acc);
  }
}

function fieldType(c: Checker, f: RecordPatternField, path: string, ctx: Ctx, mode: Mode, acc: Acc): UType {
  const annot = f.type;
  if (!annot) return visit(c, f.pattern, path, ctx, mode, acc);
  if (mode === 'Walk' && f.pattern.kind === 'Bind') {
    const t = fromType(annot.type, ctx.terms);
    acc.bindings.push([f.pattern.name, t]);
    return t;
  }
  if (mode === 'Walk' && f.pattern.kind === 'Wildcard') return fromType(annot.type, ctx.terms);
  const t = visit(c, f.pattern, path, ctx, mode, acc);
  c.unifyAt(annot.span, ctx, t, fromType(annot.type, ctx.terms));
  return t;
}

function visitOr(c: Checker, p: Pattern & { kind: 'Or' }, path: string, ctx: Ctx, mode: Mode, acc: Acc): UType {
  const branches = p.alternatives.map((alt) => {
    const local: Acc = { bindings: [], enumTails: acc.enumTails, wildcardPaths: acc.wildcardPaths };
    const type = visit(c, alt, path, ctx, mode, local);
    local.bindings.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { type, bindings: local.bindings, pattern: alt };
  });
  const [model, ...rest] = branches;
  if (!model) return c.st.freshType(ctx.level);
  for (const b of rest) {
    if (model.bindings.length !== b.bindings.length) {
      const longer = model.bindings.length > b.bindings.length ? model.bindings : b.bindings;
      const witness = longer.at(-1)?.[0] ?? '';
      throw tc.orPatternVarsMismatch(p.span, witness, p.span);
    }
    if (mode === 'Enforce') c.unifyAt(b.pattern.span, ctx, model.type, b.type);
    b.bindings.forEach(([name, t], i) => {
      const [modelName, modelType] = model.bindings[i] ?? ['', t];
      if (modelName !== name) throw tc.orPatternVarsMismatch(p.span, [modelName, name].sort()[0] ?? name, p.span);
      if (mode === 'Enforce') c.unifyAt(b.pattern.span, ctx, modelType, t);
    });
  }
  acc.bindings.push(...model.bindings);
  return model.type;
}

/** Closes the enum rows that patterns left open. */
export function closeAllEnums(st: UnifState, tails: [string, ERows][]): void {
  closeEnums(st, tails, new Set());
}

/** Closes the open enum rows, except where a wildcard pattern occurs at the same path. */
export function closeEnums(st: UnifState, tails: [string, ERows][], wildcards: Set<string>): void {
  for (const [path, tail] of tails) if (!wildcards.has(path)) closeEnum(st, tail);
}

function closeEnum(st: UnifState, tail: ERows): void {
  let r = st.rootE(tail);
  while (r.tag === 'Extend') r = st.rootE(r.tail);
  if (r.tag === 'UVar') st.assign(r.id, { tag: 'Empty' }, 'EnumRows');
}
