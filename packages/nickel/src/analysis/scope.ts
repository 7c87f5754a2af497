/**
 * Scope resolution, the first static pass over a parsed file: every variable must be bound. The
 * reference reports an unbound identifier while typechecking, before anything runs, even in code
 * that would never be evaluated; so do we. The walk also collects the file's imports.
 */
import type { Expr, FieldMeta, Import, Pattern, RecordLit, Type, TypeAnnot } from '../ast/nodes.js';
import { unboundIdentifier } from '../diagnostics/typecheck.js';
import { patternNames } from './pattern-names.js';

/** Names bound in a scope: a persistent list (scopes are shallow, lookups rare enough). */
interface Scope {
  /** A set of names, or a record literal whose static fields and includes are in scope. */
  readonly names: ReadonlySet<string> | RecordLit;
  readonly parent: Scope | undefined;
}

/**
 * Large literals' names as sets, made at their first lookup: a scan per variable would make a
 * record of n fields that reads outer names n² (a generated contract library has thousands).
 */
type LiteralNames = Map<RecordLit, ReadonlySet<string>>;

function binds(names: ReadonlySet<string> | RecordLit, name: string, large: LiteralNames): boolean {
  if (names instanceof Set) return names.has(name);
  const r = names as RecordLit;
  if (r.fields.length > 16) {
    let set = large.get(r);
    if (set === undefined) large.set(r, (set = literalNames(r)));
    return set.has(name);
  }
  for (const f of r.fields) {
    const head = f.path[0];
    if (head.kind === 'Static' && head.name === name) return true;
  }
  for (const inc of r.includes) if (inc.name === name) return true;
  return false;
}

function literalNames(r: RecordLit): ReadonlySet<string> {
  const set = new Set<string>();
  for (const f of r.fields) {
    const head = f.path[0];
    if (head.kind === 'Static') set.add(head.name);
  }
  for (const inc of r.includes) set.add(inc.name);
  return set;
}

/**
 * Checks that every variable of a file is bound, in its own scopes or among `globals` (the names
 * every file starts with: `std`); returns the file's imports, in source order.
 */
export function resolveScope(expr: Expr, globals: ReadonlySet<string>): Import[] {
  const checker = new ScopeChecker(globals);
  checker.expr(expr, undefined);
  return checker.imports;
}

class ScopeChecker {
  /** The imports met on the way (the walk visits everything anyway). */
  readonly imports: Import[] = [];
  private readonly large: LiteralNames = new Map();

  constructor(readonly globals: ReadonlySet<string>) {}

  private has(s: Scope | undefined, name: string): boolean {
    for (let x = s; x; x = x.parent) if (binds(x.names, name, this.large)) return true;
    return this.globals.has(name);
  }

  expr(e: Expr, s: Scope | undefined): void {
    // Long chains (`a |> f |> g …`, let sequences) recurse on the left and loop on the right.
    for (;;) {
      switch (e.kind) {
        case 'Null':
        case 'Bool':
        case 'Num':
        case 'Data':
          return;
        case 'Import':
          this.imports.push(e);
          return;
        case 'Str':
          for (const c of e.chunks) if (c.kind === 'Interp') this.expr(c.expr, s);
          return;
        case 'Var':
          if (!this.has(s, e.name)) {
            throw unboundIdentifier(e.span, e.name);
          }
          return;
        case 'Enum':
          if (e.arg) this.expr(e.arg, s);
          return;
        case 'Array':
          // indexed loops: `for…of` allocates an iterator result per step until the JIT warms up
          // biome-ignore lint/plugin: i < e.items.length
          for (let i = 0; i < e.items.length; i++) this.expr(e.items[i]!, s);
          return;
        case 'Record': {
          for (const inc of e.includes) {
            if (!this.has(s, inc.name)) this.expr({ kind: 'Var', name: inc.name, span: inc.span }, s);
          }
          // The literal itself is the scope (no set built: data files have many literals).
          const inner: Scope = { names: e, parent: s };
          for (let i = 0; i < e.fields.length; i++) {
            // biome-ignore lint/plugin: i < e.fields.length
            const f = e.fields[i]!;
            for (let j = 0; j < f.path.length; j++) {
              // biome-ignore lint/plugin: j < f.path.length
              const p = f.path[j]!;
              if (p.kind === 'Dynamic') this.expr(p.expr, inner);
            }
            this.meta(f.meta, inner);
            if (f.value) this.expr(f.value, inner);
          }
          for (const inc of e.includes) this.meta(inc.meta, inner);
          return;
        }
        case 'Let': {
          const names = new Set<string>();
          for (const b of e.bindings) patternNames(b.pattern, names);
          const inner: Scope = { names, parent: s };
          for (const b of e.bindings) {
            const at = e.rec ? inner : s;
            this.meta(b.meta, at);
            this.pattern(b.pattern, at);
            this.expr(b.value, at);
          }
          s = inner;
          e = e.body;
          continue;
        }
        case 'Fun': {
          let inner = s;
          for (const p of e.params) {
            this.pattern(p, inner);
            const names = new Set<string>();
            patternNames(p, names);
            inner = { names, parent: inner };
          }
          s = inner;
          e = e.body;
          continue;
        }
        case 'App':
          this.expr(e.fn, s);
          e = e.arg;
          continue;
        case 'Unary':
          e = e.operand;
          continue;
        case 'Binary':
          this.expr(e.left, s);
          e = e.right;
          continue;
        case 'PrimOp':
          // `%enum/embed% tag x` takes a bare identifier as its tag.
          // biome-ignore lint/plugin: i < e.args.length
          for (let i = e.name === 'enum/embed' ? 1 : 0; i < e.args.length; i++) this.expr(e.args[i]!, s);
          return;
        case 'If':
          this.expr(e.cond, s);
          this.expr(e.then, s);
          e = e.else;
          continue;
        case 'Match':
          for (const b of e.branches) {
            this.pattern(b.pattern, s);
            const names = new Set<string>();
            patternNames(b.pattern, names);
            const inner: Scope = { names, parent: s };
            if (b.guard) this.expr(b.guard, inner);
            this.expr(b.body, inner);
          }
          return;
        case 'FieldAccess':
          if (e.field.kind === 'Dynamic') this.expr(e.field.expr, s);
          e = e.record;
          continue;
        case 'Annotated':
          if (e.type) this.type(e.type.type, s);
          for (const c of e.contracts) this.type(c.type, s);
          e = e.expr;
          continue;
        case 'Type':
          this.type(e.type, s);
          return;
      }
    }
  }

  meta(m: FieldMeta, s: Scope | undefined): void {
    if (m.type) this.type(m.type.type, s);
    // biome-ignore lint/plugin: i < m.contracts.length
    for (let i = 0; i < m.contracts.length; i++) this.type(m.contracts[i]!.type, s);
  }

  annots(type: TypeAnnot | undefined, contracts: readonly TypeAnnot[], s: Scope | undefined): void {
    if (type) this.type(type.type, s);
    for (const c of contracts) this.type(c.type, s);
  }

  type(t: Type, s: Scope | undefined): void {
    switch (t.kind) {
      case 'Array':
        return this.type(t.elem, s);
      case 'Arrow':
        this.type(t.domain, s);
        return this.type(t.codomain, s);
      case 'Forall':
        return this.type(t.body, s);
      case 'RecordType':
        for (const f of t.fields) this.type(f.type, s);
        return;
      case 'EnumType':
        for (const r of t.rows) if (r.arg) this.type(r.arg, s);
        return;
      case 'Dict':
        return this.type(t.elem, s);
      case 'Contract':
        return this.expr(t.expr, s);
      default:
        return;
    }
  }

  /** Defaults and annotations inside a pattern. */
  pattern(p: Pattern, s: Scope | undefined): void {
    switch (p.kind) {
      case 'Alias':
        return this.pattern(p.pattern, s);
      case 'Enum':
        if (p.arg) this.pattern(p.arg, s);
        return;
      case 'Record':
        for (const f of p.fields) {
          if (f.default) this.expr(f.default, s);
          this.annots(f.type, f.contracts, s);
          this.pattern(f.pattern, s);
        }
        return;
      case 'Array':
        for (const i of p.items) this.pattern(i, s);
        return;
      case 'Or':
        for (const a of p.alternatives) this.pattern(a, s);
        return;
      default:
        return;
    }
  }
}
