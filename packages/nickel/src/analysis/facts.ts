/**
 * The static facts about a program's syntax that the evaluator and export use: a table per
 * runtime, made by the pipeline and handed to the evaluator with the runtime, instead of facts
 * remembered on the nodes. The syntax tree stays as the parser made it.
 *
 * - Primop spines: `%op% a b` parses as applications of a partial primop (`App(App(PrimOp(op,
 *   [a]), b), c)`); the evaluator calls it as the single application `%op% a b c`.
 * - Record shapes: a literal's static field names, and whether it is plain data.
 * - The names a field definition or an annotation reads (ast/names.ts).
 * - The syntax tree of a data literal, and which literals are constant data (constant-data.ts).
 *
 * Each is found when first asked for and kept: most literals are exported without being
 * evaluated, most fields are never merged, and primop applications are a few nodes of std, so a
 * walk finding them all up front costs more than the evaluator saves (bench/nickel/FINDINGS.md).
 */
import { namesIn } from '../ast/names.js';
import type { App, DataLit, Expr, FieldMeta, PrimOpApp, RecordLit, TypeAnnot } from '../ast/nodes.js';
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
  private readonly spines = new Map<App, PrimOpApp | null>();
  private readonly shapes = new Map<RecordLit, LiteralShape>();
  private readonly names = new Map<Expr | TypeAnnot, readonly string[]>();
  private readonly expansions = new Map<DataLit, Expr>();
  private readonly variable = new Set<Expr>();

  /** The saturated primop application an `App` node is, if it is one. */
  spine(app: App): PrimOpApp | undefined {
    let spine = this.spines.get(app);
    if (spine === undefined) this.spines.set(app, (spine = spineOf(app)));
    return spine ?? undefined;
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
      this.expansions.set(node, expr);
    }
    return expr;
  }
}

/** `App(App(PrimOp(op, [a]), b), c)` gathered into `%op% a b c`; null when no primop is at the bottom. */
function spineOf(app: App): PrimOpApp | null {
  const extra: Expr[] = [];
  let e: Expr = app;
  while (e.kind === 'App') {
    extra.push(e.arg);
    e = e.fn;
  }
  return e.kind === 'PrimOp' ? { kind: 'PrimOp', name: e.name, args: [...e.args, ...extra.reverse()], span: app.span } : null;
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
