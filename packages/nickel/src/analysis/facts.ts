/**
 * What the evaluator knows about a program's syntax before running it: facts computed once per
 * file by the analysis pass and handed to the evaluator through its runtime, instead of being
 * found out, and remembered on the nodes, while evaluating.
 *
 * - Primop spines, found by the walk over each file: `%op% a b` parses as applications of a
 *   partial primop (`App(App(PrimOp(op, [a]), b), c)`); the evaluator calls it as the single
 *   application `%op% a b c`.
 * - Record shapes (a literal's static field names, and whether it is plain data), the names read
 *   by a field definition or an annotation, the syntax tree of a data literal, and which literals
 *   are constant data (analysis/constant-data.ts, for export): each found on
 *   first use and kept, because most literals are exported without being evaluated, most fields
 *   are never merged and most data literals are only exported (finding them all up front costs
 *   more than the evaluator saves: bench/nickel/FINDINGS.md).
 */
import { namesIn } from '../ast/names.js';
import type { DataLit, Expr, FieldMeta, Pattern, PrimOpApp, RecordLit, Type, TypeAnnot } from '../ast/nodes.js';
import type { Plain } from '../export/plain.js';
import { expandData } from '../parser/data-literal.js';
import { constantPlain, type NOT_CONSTANT } from './constant-data.js';
import type { Source } from '../source/registry.js';

/** A record literal's static field names, and whether it is plain data (see eval/record.ts). */
export interface LiteralShape {
  readonly names: string[];
  /** Single-name fields, no duplicates, no annotations, no includes. */
  readonly plain: boolean;
}

export class ProgramFacts {
  private readonly spines = new Map<Expr, PrimOpApp>();
  private readonly shapes = new Map<RecordLit, LiteralShape>();
  private readonly names = new Map<Expr | TypeAnnot, readonly string[]>();
  private readonly expansions = new Map<DataLit, Expr>();
  private readonly variable = new Set<Expr>();

  /** Records the facts of a parsed file (or of a data literal's syntax tree). */
  add(expr: Expr): void {
    new FactsWalk(this.spines).expr(expr);
  }

  /** The saturated primop application an `App` node is, if it is one. */
  spine(app: Expr): PrimOpApp | undefined {
    return this.spines.get(app);
  }

  shape(e: RecordLit): LiteralShape {
    let shape = this.shapes.get(e);
    if (shape === undefined) this.shapes.set(e, (shape = shapeOf(e)));
    return shape;
  }

  /** Every variable and type variable an annotation or expression mentions (ast/names.ts). */
  namesIn(node: Expr | TypeAnnot): readonly string[] {
    let names = this.names.get(node);
    if (names === undefined) this.names.set(node, (names = namesIn(node)));
    return names;
  }

  /** A literal's exported value when it is constant data (constant-data.ts), else NOT_CONSTANT. */
  constantData(e: Expr): Plain | typeof NOT_CONSTANT {
    return constantPlain(e, this.variable);
  }

  /** The ordinary syntax tree of a data literal, for when more than its value is needed. */
  expansion(node: DataLit, source: Source): Expr {
    let expr = this.expansions.get(node);
    if (expr === undefined) {
      expr = expandData(node, source);
      this.add(expr);
      this.expansions.set(node, expr);
    }
    return expr;
  }
}

function shapeOf(e: RecordLit): LiteralShape {
  const set = new Set<string>();
  let plain = e.includes.length === 0;
  for (const f of e.fields) {
    const head = f.path[0];
    if (head === undefined) continue;
    if (head.kind !== 'Static' || f.path.length !== 1 || set.has(head.name) || !f.value || !plainMeta(f.meta)) plain = false;
    if (head.kind === 'Static') set.add(head.name);
  }
  for (const inc of e.includes) set.add(inc.name);
  return { names: [...set], plain };
}

/** Metadata that makes no difference to a field's value (a doc string at most). */
export function plainMeta(m: FieldMeta): boolean {
  return !m.type && m.contracts.length === 0 && !m.priority && !m.optional && !m.notExported;
}

/** One walk over a file, visiting every expression (in types, patterns and metadata too). */
class FactsWalk {
  constructor(readonly spines: Map<Expr, PrimOpApp>) {}

  expr(e: Expr): void {
    // Long chains (`a |> f |> g …`, let sequences) recurse on one side and loop on the other.
    for (;;) {
      switch (e.kind) {
        case 'Null':
        case 'Bool':
        case 'Num':
        case 'Data':
        case 'Import':
        case 'Var':
          return;
        case 'Str':
          for (const c of e.chunks) if (c.kind === 'Interp') this.expr(c.expr);
          return;
        case 'Enum':
          if (e.arg) this.expr(e.arg);
          return;
        case 'Array':
          for (let i = 0; i < e.items.length; i++) this.expr(e.items[i]!);
          return;
        case 'Record':
          for (let i = 0; i < e.fields.length; i++) {
            const f = e.fields[i]!;
            for (const p of f.path) if (p.kind === 'Dynamic') this.expr(p.expr);
            this.meta(f.meta);
            if (f.value) this.expr(f.value);
          }
          for (const inc of e.includes) this.meta(inc.meta);
          return;
        case 'Let':
          for (const b of e.bindings) {
            this.meta(b.meta);
            this.pattern(b.pattern);
            this.expr(b.value);
          }
          e = e.body;
          continue;
        case 'Fun':
          for (const p of e.params) this.pattern(p);
          e = e.body;
          continue;
        case 'App':
          this.spine(e);
          this.expr(e.fn);
          e = e.arg;
          continue;
        case 'Unary':
          e = e.operand;
          continue;
        case 'Binary':
          this.expr(e.left);
          e = e.right;
          continue;
        case 'PrimOp':
          for (let i = 0; i < e.args.length; i++) this.expr(e.args[i]!);
          return;
        case 'If':
          this.expr(e.cond);
          this.expr(e.then);
          e = e.else;
          continue;
        case 'Match':
          for (const b of e.branches) {
            this.pattern(b.pattern);
            if (b.guard) this.expr(b.guard);
            this.expr(b.body);
          }
          return;
        case 'FieldAccess':
          if (e.field.kind === 'Dynamic') this.expr(e.field.expr);
          e = e.record;
          continue;
        case 'Annotated':
          if (e.type) this.type(e.type.type);
          for (const c of e.contracts) this.type(c.type);
          e = e.expr;
          continue;
        case 'Type':
          this.type(e.type);
          return;
      }
    }
  }

  /** `App(App(PrimOp(op, [a]), b), c)`: gathers the arguments of the primop at the bottom, if any. */
  spine(app: Expr & { kind: 'App' }): void {
    const extra: Expr[] = [];
    let e: Expr = app;
    while (e.kind === 'App') {
      extra.push(e.arg);
      e = e.fn;
    }
    if (e.kind === 'PrimOp') this.spines.set(app, { kind: 'PrimOp', name: e.name, args: [...e.args, ...extra.reverse()], span: app.span });
  }

  meta(m: FieldMeta): void {
    if (m.type) this.type(m.type.type);
    for (const c of m.contracts) this.type(c.type);
  }

  type(t: Type): void {
    switch (t.kind) {
      case 'Array':
      case 'Dict':
        return this.type(t.elem);
      case 'Arrow':
        this.type(t.domain);
        return this.type(t.codomain);
      case 'Forall':
        return this.type(t.body);
      case 'RecordType':
        for (const f of t.fields) this.type(f.type);
        return;
      case 'EnumType':
        for (const r of t.rows) if (r.arg) this.type(r.arg);
        return;
      case 'Contract':
        return this.expr(t.expr);
      default:
        return;
    }
  }

  pattern(p: Pattern): void {
    switch (p.kind) {
      case 'Alias':
        return this.pattern(p.pattern);
      case 'Enum':
        if (p.arg) this.pattern(p.arg);
        return;
      case 'Record':
        for (const f of p.fields) {
          if (f.default) this.expr(f.default);
          if (f.type) this.type(f.type.type);
          for (const c of f.contracts) this.type(c.type);
          this.pattern(f.pattern);
        }
        return;
      case 'Array':
        for (const i of p.items) this.pattern(i);
        return;
      case 'Or':
        for (const a of p.alternatives) this.pattern(a);
        return;
      default:
        return;
    }
  }
}
