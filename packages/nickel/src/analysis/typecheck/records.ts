/**
 * Record literals. Field paths are first resolved into nested records (`a.b = 1, a.c = 2` is
 * `a = {b = 1, c = 2}`), then the record is walked, or checked against a record type (its fields
 * in a recursive scope) or, when it has dynamic fields or a dictionary is expected, against a
 * dictionary type.
 */
import type { Expr, FieldDef, Include, RecordLit, StrLit, TypeAnnot } from '../../ast/nodes.js';
import type { Span } from '../../source/span.js';
import { apparentOfBinding, APPROXIMATED_DYN, fromApparent, type Apparent } from './apparent.js';
import type { Typechecker } from './checker.js';
import { bindFields, bindMany, lookupType, type Binding, type Ctx, type FieldScope } from './context.js';
import { instantiate, subsumedBy } from './subsume.js';
import { DYN, fromType, recordOf, rrow, STRING, type RRows, type UType } from './types.js';

export type Checker = Typechecker;

interface ShallowRecord {
  readonly stat: Map<string, ResolvedField>;
  readonly dyn: { key: StrLit; field: ResolvedField }[];
  readonly span: Span;
}

interface ResolvedField {
  resolved: ShallowRecord | undefined;
  defs: FieldDef[];
}

function resolve(r: RecordLit): ShallowRecord {
  const rec: ShallowRecord = { stat: new Map(), dyn: [], span: r.span };
  for (const def of r.fields) {
    const head = def.path[0];
    if (!head) continue;
    const field = resolveDef(def);
    if (head.kind === 'Static') insertStatic(rec.stat, head.name, field);
    else rec.dyn.push({ key: head.expr, field });
  }
  return rec;
}

function resolveDef(def: FieldDef): ResolvedField {
  let acc: ResolvedField = { resolved: undefined, defs: [def] };
  for (const elem of def.path.slice(1).reverse()) {
    const rec: ShallowRecord = { stat: new Map(), dyn: [], span: def.span };
    if (elem.kind === 'Static') rec.stat.set(elem.name, acc);
    else rec.dyn.push({ key: elem.expr, field: acc });
    acc = { resolved: rec, defs: [] };
  }
  return acc;
}

function insertStatic(stat: Map<string, ResolvedField>, name: string, field: ResolvedField): void {
  const prev = stat.get(name);
  stat.set(name, prev ? combineFields(prev, field) : field);
}

function combineFields(a: ResolvedField, b: ResolvedField): ResolvedField {
  return { resolved: combineRecords(a.resolved, b.resolved), defs: [...a.defs, ...b.defs] };
}

function combineRecords(a: ShallowRecord | undefined, b: ShallowRecord | undefined): ShallowRecord | undefined {
  if (!a) return b;
  if (!b) return a;
  // the reference's merge order: fields only on the left, only on the right, then common ones
  const stat = new Map<string, ResolvedField>();
  for (const [k, v] of a.stat) if (!b.stat.has(k)) stat.set(k, v);
  for (const [k, v] of b.stat) if (!a.stat.has(k)) stat.set(k, v);
  for (const [k, v] of a.stat) {
    const w = b.stat.get(k);
    if (w) stat.set(k, combineFields(v, w));
  }
  return { stat, dyn: [...a.dyn, ...b.dyn], span: a.span };
}

const isEmpty = (r: ShallowRecord | undefined): boolean => !r || (r.stat.size === 0 && r.dyn.length === 0);

/** The annotations of a piecewise-defined field, as one. */
interface Annots {
  type: TypeAnnot | undefined;
  contracts: TypeAnnot[];
}

function combinedAnnots(defs: FieldDef[]): Annots {
  let type: TypeAnnot | undefined;
  const contracts: TypeAnnot[] = [];
  const extraTypes: TypeAnnot[] = [];
  for (const d of defs) {
    if (d.meta.type) {
      if (!type) type = d.meta.type;
      else extraTypes.push(d.meta.type);
    }
  }
  for (const d of defs) contracts.push(...d.meta.contracts);
  return { type, contracts: [...extraTypes, ...contracts] };
}

function fieldApparent(c: Checker, f: ResolvedField, ctx: Ctx): Apparent {
  if (!isEmpty(f.resolved) || f.defs.length === 0) return APPROXIMATED_DYN;
  const annots = combinedAnnots(f.defs);
  const first = annots.type ?? f.defs.flatMap((d) => d.meta.contracts)[0];
  if (first) return { kind: 'Annotated', type: first.type };
  const values = f.defs.filter((d) => d.value !== undefined);
  const only = values[0];
  if (values.length === 1 && only) return apparentOfBinding(only.meta, only.value, ctx, c.imports);
  return APPROXIMATED_DYN;
}

// ---------------------------------------------------------------------------------------------
// walk mode

export function walkRecord(c: Checker, r: RecordLit, ctx: Ctx): void {
  for (const incl of r.includes) c.lookup(ctx, incl.name, incl.span);
  if (r.includes.length === 0 && isFlat(r)) {
    // the common case, one definition per field: no resolution needed
    const inner = bindFields(ctx, new LiteralFields(c, r, ctx));
    for (const f of r.fields) {
      const head = f.path[0];
      if (head?.kind === 'Dynamic') c.walk(head.expr, ctx);
      c.walkAnnotated(inner, f.meta.type, f.meta.contracts, f.value);
    }
    return;
  }
  const rec = resolve(r);
  if (r.includes.length === 0) return walkShallow(c, rec, ctx);
  const names = new Map<string, Binding>();
  for (const [name, f] of rec.stat) names.set(name, fromApparent(fieldApparent(c, f, ctx), ctx));
  for (const incl of r.includes) {
    const annot = incl.meta.type ?? incl.meta.contracts[0];
    names.set(incl.name, annot ? fromType(annot.type, ctx.terms) : c.lookup(ctx, incl.name, incl.span));
  }
  const inner = bindMany(ctx, names);
  for (const incl of r.includes) {
    c.walkAnnotated(inner, incl.meta.type, incl.meta.contracts, undefined);
    if (incl.meta.type) {
      const outerType = c.lookup(ctx, incl.name, incl.span);
      const t = fromType(incl.meta.type.type, ctx.terms);
      c.at(incl.span, () => subsumedBy(c.st, ctx.level, outerType, t));
    }
  }
  walkFields(c, rec, ctx, inner);
}

/** Whether every field is defined once, by a one-element path. */
function isFlat(r: RecordLit): boolean {
  const fields = r.fields;
  for (const f of fields) if (f.path.length !== 1) return false;
  if (fields.length > 8) return distinctNames(fields);
  // few fields: comparing pairs allocates nothing
  for (let i = 0; i < fields.length; i++) {
    const a = fields[i]?.path[0];
    if (a?.kind !== 'Static') continue;
    for (let j = i + 1; j < fields.length; j++) {
      const b = fields[j]?.path[0];
      if (b?.kind === 'Static' && b.name === a.name) return false;
    }
  }
  return true;
}

function distinctNames(fields: FieldDef[]): boolean {
  const seen = new Set<string>();
  for (const f of fields) {
    const head = f.path[0];
    if (head?.kind !== 'Static') continue;
    if (seen.has(head.name)) return false;
    seen.add(head.name);
  }
  return true;
}

/** The fields of a flat record literal as a scope: each typed by its apparent type when asked. */
class LiteralFields implements FieldScope {
  private names: Map<string, FieldDef> | undefined;
  private readonly types = new Map<string, UType>();

  constructor(
    private readonly c: Checker,
    private readonly lit: RecordLit,
    private readonly outer: Ctx,
  ) {}

  private def(name: string): FieldDef | undefined {
    const fields = this.lit.fields;
    if (fields.length <= 16) {
      for (const f of fields) {
        const head = f.path[0];
        if (head?.kind === 'Static' && head.name === name) return f;
      }
      return undefined;
    }
    if (!this.names) {
      this.names = new Map();
      for (const f of fields) {
        const head = f.path[0];
        if (head?.kind === 'Static') this.names.set(head.name, f);
      }
    }
    return this.names.get(name);
  }

  has(name: string): boolean {
    return this.def(name) !== undefined;
  }

  type(name: string): UType {
    let t = this.types.get(name);
    if (!t) {
      const f = this.def(name);
      t = f ? fromApparent(apparentOfBinding(f.meta, f.value, this.outer, this.c.imports), this.outer) : DYN;
      this.types.set(name, t);
    }
    return t;
  }
}

function walkFields(c: Checker, rec: ShallowRecord, outer: Ctx, inner: Ctx): void {
  for (const { key, field } of rec.dyn) {
    c.walk(key, outer);
    walkField(c, field, inner);
  }
  for (const field of rec.stat.values()) walkField(c, field, inner);
}

function walkShallow(c: Checker, rec: ShallowRecord, ctx: Ctx): void {
  walkFields(c, rec, ctx, bindFields(ctx, new ResolvedFields(c, rec, ctx)));
}

/** A resolved record's fields as a scope, each typed by its apparent type when asked. */
class ResolvedFields implements FieldScope {
  private readonly types = new Map<string, UType>();

  constructor(
    private readonly c: Checker,
    private readonly rec: ShallowRecord,
    private readonly outer: Ctx,
  ) {}

  has(name: string): boolean {
    return this.rec.stat.has(name);
  }

  type(name: string): UType {
    let t = this.types.get(name);
    if (!t) {
      const f = this.rec.stat.get(name);
      t = f ? fromApparent(fieldApparent(this.c, f, this.outer), this.outer) : DYN;
      this.types.set(name, t);
    }
    return t;
  }
}

function walkField(c: Checker, f: ResolvedField, ctx: Ctx): void {
  const defs = f.defs;
  if (defs.length === 0) {
    if (f.resolved) walkShallow(c, f.resolved, ctx);
    return;
  }
  if (isEmpty(f.resolved) && defs.filter((d) => d.value).length <= 1) {
    const annots = combinedAnnots(defs);
    return c.walkAnnotated(ctx, annots.type, annots.contracts, defs.find((d) => d.value)?.value);
  }
  for (const d of defs) c.walkAnnotated(ctx, d.meta.type, d.meta.contracts, d.value);
  if (f.resolved) walkShallow(c, f.resolved, ctx);
}

// ---------------------------------------------------------------------------------------------
// enforce mode

export function checkRecord(c: Checker, r: RecordLit, ctx: Ctx, ty: UType): void {
  const rec = resolve(r);
  if (rec.dyn.length > 0) checkDyn(c, rec, r.includes, ctx, ty);
  else checkStat(c, rec, r.includes, ctx, ty);
}

function checkDyn(c: Checker, rec: ShallowRecord, includes: Include[], ctx: Ctx, ty: UType): void {
  const elem = c.fresh(ctx);
  c.unifyAt(rec.span, ctx, ty, { tag: 'Dict', elem, contract: false });
  const names = new Map<string, Binding>();
  for (const name of rec.stat.keys()) names.set(name, elem);
  for (const incl of includes) names.set(incl.name, elem);
  const inner = bindMany(ctx, names);
  for (const { key, field } of rec.dyn) {
    c.check(key, ctx, STRING);
    checkField(c, field, inner, elem);
  }
  for (const field of rec.stat.values()) checkField(c, field, inner, elem);
  for (const incl of includes) checkInclude(c, incl, ctx, inner, elem);
}

function checkStat(c: Checker, rec: ShallowRecord, includes: Include[], ctx: Ctx, ty: UType): void {
  const root = c.st.root(ty);
  if (root.tag === 'Dict') {
    for (const field of rec.stat.values()) checkField(c, field, ctx, root.elem);
    for (const incl of includes) checkInclude(c, incl, ctx, ctx, root.elem);
    return;
  }
  const names = new Map<string, Binding>();
  const approximated = new Set<string>();
  for (const [name, f] of rec.stat) {
    const a = fieldApparent(c, f, ctx);
    if (a.kind === 'Approximated') approximated.add(name);
    names.set(name, c.bindingType(a, ctx));
  }
  for (const incl of includes) {
    const outerType = c.lookup(ctx, incl.name, incl.span);
    const annot = incl.meta.type ?? incl.meta.contracts[0];
    if (!annot) {
      names.set(incl.name, outerType);
      continue;
    }
    const annotType = fromType(annot.type, ctx.terms);
    if (incl.meta.type) subsumedInstantiated(c, incl.span, ctx, outerType, annotType);
    names.set(incl.name, annotType);
  }
  const inner = bindMany(ctx, names);
  const fieldTypes = [...rec.stat].map(([name, field]) => ({ name, field, type: c.fresh(ctx) }));
  let rows = fieldTypes.reduceRight<RRows>((tail, f) => rrow(f.name, f.type, tail), { tag: 'Empty' });
  rows = includes.reduceRight<RRows>((tail, incl) => rrow(incl.name, lookupType(inner, incl.name) ?? DYN, tail), rows);
  c.unifyAt(rec.span, ctx, ty, recordOf(rows));
  for (const { name, field, type: fieldType } of fieldTypes) {
    if (approximated.has(name)) {
      const bound = lookupType(inner, name) ?? DYN;
      c.unifyAt(fieldSpan(field) ?? rec.span, ctx, fieldType, bound);
    }
    checkField(c, field, inner, fieldType);
  }
  for (const incl of includes) {
    if (incl.meta.type) c.walkType(incl.meta.type.type, inner);
    for (const k of incl.meta.contracts) c.walkType(k.type, inner);
  }
}

function subsumedInstantiated(c: Checker, span: Span, ctx: Ctx, inferred: UType, annot: UType): void {
  const [inst, level] = instantiate(c.st, ctx.level, annot, 'Constant');
  c.at(span, () => subsumedBy(c.st, level, inferred, inst));
}

function checkInclude(c: Checker, incl: Include, outer: Ctx, inner: Ctx, ty: UType): void {
  const outerType = c.lookup(outer, incl.name, incl.span);
  const annot = incl.meta.type ?? incl.meta.contracts[0];
  if (incl.meta.type) c.walkType(incl.meta.type.type, inner);
  for (const k of incl.meta.contracts) c.walkType(k.type, inner);
  if (!annot) {
    c.at(incl.span, () => subsumedBy(c.st, outer.level, outerType, ty));
    return;
  }
  const annotType = fromType(annot.type, inner.terms);
  if (incl.meta.type) subsumedInstantiated(c, incl.span, outer, outerType, annotType);
  c.at(incl.span, () => subsumedBy(c.st, outer.level, annotType, ty));
}

function fieldSpan(f: ResolvedField): Span | undefined {
  return f.defs[0]?.span ?? f.resolved?.span;
}

function checkShallow(c: Checker, rec: ShallowRecord, ctx: Ctx, ty: UType): void {
  if (rec.dyn.length > 0) checkDyn(c, rec, [], ctx, ty);
  else checkStat(c, rec, [], ctx, ty);
}

function checkField(c: Checker, f: ResolvedField, ctx: Ctx, ty: UType): void {
  const defs = f.defs;
  if (defs.length === 0) {
    if (f.resolved) checkShallow(c, f.resolved, ctx, ty);
    return;
  }
  if (isEmpty(f.resolved) && defs.filter((d) => d.value).length <= 1) {
    const value = defs.find((d) => d.value)?.value;
    const annots = combinedAnnots(defs);
    const first = defs[0];
    const idSpan = first?.path.at(-1)?.span ?? first?.span ?? f.resolved?.span;
    return checkFieldView(c, annots, value, idSpan, ctx, ty);
  }
  for (const d of defs) checkFieldView(c, { type: d.meta.type, contracts: d.meta.contracts }, d.value, d.span, ctx, DYN);
  if (!isEmpty(f.resolved) && f.resolved) checkShallow(c, f.resolved, ctx, DYN);
}

function checkFieldView(c: Checker, annots: Annots, value: Expr | undefined, idSpan: Span | undefined, ctx: Ctx, ty: UType): void {
  if (!annots.type && annots.contracts.length === 0) {
    if (value) return c.check(value, ctx, ty);
    return c.unifyAt(idSpan, ctx, ty, DYN);
  }
  const inferred = c.inferAnnotated(ctx, annots.type, annots.contracts, value);
  c.at(value?.span ?? idSpan, () => subsumedBy(c.st, ctx.level, inferred, ty));
}
