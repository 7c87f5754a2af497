/**
 * Records: building a literal (recursive fields, field paths, dynamic names, includes),
 * instantiating field templates over a record (the step a merge repeats to recompute fields that
 * depend on overridden ones), and field access.
 */
import type { Expr, FieldDef, FieldMeta, RecordLit, TypeAnnot } from '../ast/nodes.js';
import { mentionsAny } from '../ast/names.js';
import { plainMeta } from '../analysis/facts.js';
import { newLabel } from '../contracts/label.js';
import { contractFromAnnot, withContracts } from '../contracts/apply.js';
import { evalOther, fieldMissing, illegalPolymorphicTailAccess, missingFieldDef, unboundIdentifier } from '../diagnostics/eval-errors.js';
import { parseNumber } from '../number/num.js';
import type { Span } from '../source/span.js';
import { bindAll, lookup, runtimeOf, type Env } from './env.js';
import { wrongType } from './errors.js';
import { evalExpr, fieldNameOf, numLiteral } from './eval.js';
import { mergeFieldTemplates, mergeValues } from './merge.js';
import { Thunk } from './thunk.js';
import {
  priorityRank,
  RecordValue,
  type Field,
  type FieldDefn,
  type MergeDefn,
  type PendingContract,
  type RecDefn,
  type RecOrigin,
  type SealedTail,
  type Value,
} from './value.js';

/** Shared by every field without contracts (most of them): contract lists are never mutated. */
export const NO_CONTRACTS: readonly PendingContract[] = [];

function constantField(def: FieldDef): Field | undefined {
  const v = def.value!;
  let value: Value;
  switch (v.kind) {
    case 'Null':
      value = null;
      break;
    case 'Bool':
      value = v.value;
      break;
    case 'Num':
      value = numLiteral(v);
      break;
    case 'Str':
      if (v.chunks.length > 1 || (v.chunks.length === 1 && v.chunks[0]?.kind !== 'Lit')) return undefined;
      value = v.chunks[0]?.kind === 'Lit' ? v.chunks[0].value : '';
      break;
    default:
      return undefined;
  }
  const t = Thunk.literal(value, v);
  return makeField(def.meta.doc, 0, false, false, NO_CONTRACTS, { k: 'Fixed', thunk: t }, def.meta, def.span, t, t);
}

/** Builds a Field with one fixed property order (a single hidden class keeps access fast). */
export function makeField(
  doc: string | undefined,
  priority: number,
  optional: boolean,
  notExported: boolean,
  contracts: readonly PendingContract[],
  defn: FieldDefn | undefined,
  annot: FieldMeta | undefined,
  span: Span | undefined,
  raw: Thunk | undefined,
  value: Thunk | undefined,
): Field {
  return { doc, priority, optional, notExported, contracts, defn, annot, span, raw, value };
}

/**
 * A plain data literal (single-name fields, no duplicates, no annotations, no includes) built in
 * one pass; undefined when the literal is not plain. Constant fields get their value directly.
 */
function evalPlainLiteral(e: RecordLit, env: Env): RecordValue | undefined {
  if (e.includes.length > 0) return undefined;
  const fields = new Map<string, Field>();
  let frame: Map<string, Thunk> | undefined;
  let recEnv: Env | undefined;
  let origin: { names: string[]; env: Env } | undefined;
  for (const def of e.fields) {
    const head = def.path[0];
    if (head.kind !== 'Static' || def.path.length !== 1 || !def.value || !plainMeta(def.meta) || fields.has(head.name)) return undefined;
    const c = constantField(def);
    if (c !== undefined) {
      fields.set(head.name, c);
      continue;
    }
    if (origin === undefined) {
      origin = { names: [], env };
      frame = new Map();
      recEnv = bindAll(env, frame);
    }
    const t = Thunk.suspend(def.value, recEnv!);
    fields.set(head.name, makeField(def.meta.doc, 0, false, false, NO_CONTRACTS, { k: 'Rec', expr: def.value, origin, shared: t }, def.meta, def.span, t, t));
  }
  if (frame !== undefined) {
    const names = origin!.names;
    fields.forEach((f, n) => {
      frame.set(n, f.value!);
      names.push(n);
    });
  }
  return new RecordValue(fields, e.open, e.span);
}

export function evalRecordLiteral(e: RecordLit, env: Env): RecordValue {
  const shape = runtimeOf(env).facts.shape(e);
  if (shape.plain) {
    const plain = evalPlainLiteral(e, env);
    if (plain) return plain;
  }
  const origin: RecOrigin = { names: shape.names, env };
  // The literal's own frame: field annotations and dynamic names are evaluated in it too.
  const frame = new Map<string, Thunk>();
  const recEnv = bindAll(env, frame);
  const templates = new Map<string, Field>();
  let dynamic: FieldDef[] | undefined;
  for (const def of e.fields) {
    const head = def.path[0];
    if (head.kind === 'Dynamic') {
      (dynamic ??= []).push(def);
      continue;
    }
    addTemplate(templates, head.name, fieldTemplate(def, 1, origin, recEnv), e.span);
  }
  for (const inc of e.includes) {
    const t = lookup(env, inc.name);
    if (!t) throw unboundIdentifier(inc.name, inc.span);
    const field = metaField(inc.meta, { k: 'Fixed', thunk: t }, inc.name, inc.span, recEnv, undefined, origin);
    addTemplate(templates, inc.name, field, e.span);
  }
  if (!dynamic) return instantiate(templates, e.open, e.span, undefined, origin, frame);
  // Dynamic names may refer to the static fields: build those first, then add the rest.
  instantiate(templates, e.open, e.span, undefined, origin, frame);
  for (const def of dynamic) {
    const head = def.path[0];
    if (head.kind !== 'Dynamic') continue;
    const name = fieldNameOf(evalExpr(head.expr, recEnv), head.span);
    if (templates.has(name)) {
      throw evalOther(`record/insert_with_opts: tried to extend a record with the field ${name}, but it already exists`, head.span, {
        label: 'this dynamic field is already defined',
      });
    }
    addTemplate(templates, name, fieldTemplate(def, 1, origin, recEnv), e.span);
  }
  return instantiate(templates, e.open, e.span, undefined, origin, frame);
}

function addTemplate(templates: Map<string, Field>, name: string, field: Field, span: Span | undefined): void {
  const existing = templates.get(name);
  templates.set(name, existing ? mergeFieldTemplates(existing, field, span) : field);
}

/** The template of the field at `def.path[depth - 1]`. */
function fieldTemplate(def: FieldDef, depth: number, origin: RecOrigin, recEnv: Env): Field {
  // biome-ignore lint/plugin: 1 <= depth <= def.path.length (the recursion below stops at the last name)
  const head = def.path[depth - 1]!;
  const name = head.kind === 'Static' ? head.name : '';
  if (depth === def.path.length) {
    const defn: FieldDefn | undefined = def.value ? { k: 'Rec', expr: def.value, origin, shared: undefined } : undefined;
    return metaField(def.meta, defn, name, def.span, recEnv, def.value?.span, origin);
  }
  // biome-ignore lint/plugin: depth < def.path.length, checked above
  const next = def.path[depth]!;
  const subName = next.kind === 'Static' ? next.name : fieldNameOf(evalExpr(next.expr, recEnv), next.span);
  const sub = new Map<string, Field>([[subName, fieldTemplate(def, depth + 1, origin, recEnv)]]);
  return plainField({ k: 'Path', fields: sub, span: def.span }, def.span);
}

export function plainField(defn: FieldDefn | undefined, span: Span | undefined): Field {
  return {
    doc: undefined,
    priority: 0,
    optional: false,
    notExported: false,
    contracts: NO_CONTRACTS,
    defn,
    annot: undefined,
    span,
    raw: undefined,
    value: undefined,
  };
}

function metaField(
  meta: FieldMeta,
  defn: FieldDefn | undefined,
  name: string,
  span: Span | undefined,
  recEnv: Env,
  valueSpan: Span | undefined,
  origin: RecOrigin,
): Field {
  const annots: TypeAnnot[] = meta.type ? [meta.type, ...meta.contracts] : meta.contracts;
  const contracts: readonly PendingContract[] =
    annots.length === 0
      ? NO_CONTRACTS
      : annots.map((a) => ({
          contract: contractFromAnnot(a, recEnv),
          label: newLabel(a.span, valueSpan, name),
          // Re-closed over each new instance only if it may refer to the record's own fields; most
          // annotations (`| String`, `| Image`) cannot, and then one contract serves every instance.
          template: mentionsAny(runtimeOf(recEnv).facts.namesIn(a), origin.names) ? { annot: a, origin } : undefined,
        }));
  return {
    doc: meta.doc,
    priority: priorityRank(meta.priority, parseNumber),
    optional: meta.optional,
    notExported: meta.notExported,
    contracts,
    defn,
    annot: meta,
    span,
    raw: undefined,
    value: undefined,
  };
}

/** Field templates by name, in field order: a Map, or a merge of two records (eval/merge.ts). */
export interface FieldTemplates {
  forEach(visit: (template: Field, name: string) => void): void;
}

/**
 * The scopes of one instantiation: per literal a template came from (its origin), the frame of
 * the instance's fields and the scope built on it. An instantiation sees one to three origins,
 * so parallel arrays searched linearly are cheaper than Maps made for every record built.
 */
class OriginScopes {
  readonly origins: RecOrigin[] = [];
  readonly frames: Map<string, Thunk>[] = [];
  readonly envs: (Env | undefined)[] = [];

  /** The scope of a literal's fields in this instance: its outer scope plus the instance's fields. */
  env(origin: RecOrigin): Env {
    let i = this.origins.indexOf(origin);
    if (i < 0) i = this.add(origin, new Map());
    // biome-ignore lint/plugin: `add` grows origins, frames and envs together
    return (this.envs[i] ??= bindAll(origin.env, this.frames[i]!));
  }

  add(origin: RecOrigin, frame: Map<string, Thunk>): number {
    this.origins.push(origin);
    this.frames.push(frame);
    this.envs.push(undefined);
    return this.origins.length - 1;
  }
}

/**
 * Builds a record instance from field templates: every recursive definition is closed over this
 * instance's fields (with their contracts applied), as the reference re-closes revertible thunks.
 * `frame` is the frame already made for `origin` (a literal being evaluated: its dynamic field
 * names were computed in it).
 */
export function instantiate(
  templates: FieldTemplates,
  open: boolean,
  span: Span | undefined,
  sealedTail?: SealedTail,
  origin?: RecOrigin,
  frame?: Map<string, Thunk>,
): RecordValue {
  const fields = new Map<string, Field>();
  const scopes = new OriginScopes();
  if (origin !== undefined && frame !== undefined) scopes.add(origin, frame);
  // forEach: iterating with `for…of` allocates an entry array per field
  templates.forEach((t, name) => {
    const raw = t.defn ? instantiateDefn(t.defn, scopes) : undefined;
    let contracts = t.contracts;
    if (hasTemplate(contracts)) contracts = contracts.map((c) => (c.template ? reclosed(c, scopes, true) : c));
    const value = raw && contracts.length > 0 ? withContracts(raw, contracts) : raw;
    fields.set(name, makeField(t.doc, t.priority, t.optional, t.notExported, contracts, t.defn, t.annot, t.span, raw, value));
  });
  const { origins, frames } = scopes;
  for (let i = 0; i < origins.length; i++) {
    // biome-ignore lint/plugin: i < origins.length === frames.length (`add` grows them together)
    const names = origins[i]!.names;
    // biome-ignore lint/plugin: i < origins.length === frames.length (`add` grows them together)
    const frame = frames[i]!;
    for (let j = 0; j < names.length; j++) {
      // biome-ignore lint/plugin: j < names.length
      const n = names[j]!;
      const f = fields.get(n);
      if (!f) continue;
      frame.set(n, f.value ?? missingDefinition(n, f.span));
    }
  }
  return new RecordValue(fields, open, span, sealedTail);
}

function hasTemplate(contracts: readonly PendingContract[]): boolean {
  // biome-ignore lint/plugin: i < contracts.length (an indexed loop: this runs for every field of every instance)
  for (let i = 0; i < contracts.length; i++) if (contracts[i]!.template) return true;
  return false;
}

function instantiateDefn(defn: FieldDefn, scopes: OriginScopes): Thunk {
  switch (defn.k) {
    case 'Fixed':
      return defn.thunk;
    case 'Rec': {
      const shared = reusable(defn);
      if (shared !== undefined) return shared;
      const t = Thunk.suspend(defn.expr, scopes.env(defn.origin));
      if (defn.shared === undefined) defn.shared = t;
      return t;
    }
    case 'Merge': {
      const shared = reusable(defn);
      if (shared !== undefined) return shared;
      const l = instantiateDefn(defn.left, scopes);
      const r = instantiateDefn(defn.right, scopes);
      const span = defn.span;
      const t = Thunk.lazy(() => mergeValues(l.force(), r.force(), span, l.span, r.span));
      if (defn.shared === undefined) defn.shared = t;
      return t;
    }
    case 'Path': {
      const sub = new Map<string, Field>();
      defn.fields.forEach((f, n) => {
        // The sub-record's contracts that read the outer record are closed over this instance now.
        const contracts = hasTemplate(f.contracts) ? f.contracts.map((c) => (c.template ? reclosed(c, scopes, false) : c)) : f.contracts;
        sub.set(n, f.defn || contracts !== f.contracts ? { ...f, contracts, defn: f.defn && { k: 'Fixed', thunk: instantiateDefn(f.defn, scopes) } } : f);
      });
      const span = defn.span;
      return Thunk.lazy(() => instantiate(sub, false, span));
    }
  }
}

/**
 * The thunk of a definition's first instance, if the definition reads nothing of its record (then
 * every instance would compute the same value). Decided at the second instantiation, so a record
 * never merged pays nothing; a dependent definition then drops the thunk it kept.
 */
function reusable(defn: RecDefn | MergeDefn): Thunk | undefined {
  const shared = defn.shared;
  if (shared === undefined || shared === null) return undefined;
  if (independent(defn)) return shared;
  defn.shared = null;
  return undefined;
}

/** Whether an expression mentions a field name of its literal (through a set for a large literal). */
function readsAny(expr: Expr, origin: RecOrigin): boolean {
  const names = origin.names;
  const used = runtimeOf(origin.env).facts.namesIn(expr);
  if (names.length <= 16) return mentionsAny(used, names);
  const set = (origin.nameSet ??= new Set(names));
  // biome-ignore lint/plugin: i < used.length (an indexed loop: this runs for every field of a recursive record)
  for (let i = 0; i < used.length; i++) if (set.has(used[i]!)) return true;
  return false;
}

function independent(defn: FieldDefn): boolean {
  switch (defn.k) {
    case 'Fixed':
      return true;
    case 'Rec':
      return defn.shared !== null && !readsAny(defn.expr, defn.origin);
    case 'Merge':
      return defn.shared !== null && independent(defn.left) && independent(defn.right);
    case 'Path':
      return false;
  }
}

/**
 * A contract written in a record literal, closed over this instance's fields — lazily, since they
 * are bound last. It stays a template on the instance's own fields (the next merge re-closes it),
 * not on a field path's sub-record, whose contracts belong to this instance for good.
 */
function reclosed(c: PendingContract, scopes: OriginScopes, stays: boolean): PendingContract {
  const { annot, origin } = c.template!;
  const env = scopes.env(origin);
  return { contract: Thunk.lazy(() => contractFromAnnot(annot, env).force()), label: c.label, template: stays ? c.template : undefined };
}

function missingDefinition(name: string, span: Span | undefined): Thunk {
  return Thunk.lazy(() => {
    throw missingFieldDef(name, span, undefined);
  });
}

/** The templates of a record instance, ready to be re-instantiated (merge, contracts). */
export function templatesOf(r: RecordValue): Map<string, Field> {
  return r.fields;
}

/** Looks a field up for `r.name`: the thunk of its value, or the reference's errors. */
export function accessField(r: Value, name: string, recordSpan: Span | undefined, accessSpan: Span | undefined): Thunk {
  if (!(r instanceof RecordValue)) throw wrongType('Record', r, recordSpan, 'field access only makes sense for records');
  const f = r.fields.get(name);
  if (f === undefined) {
    if (r.sealedTail?.fields.has(name)) throw illegalPolymorphicTailAccess(name, accessSpan);
    throw fieldMissing(name, { record: recordSpan, access: accessSpan });
  }
  if (f.value === undefined) {
    // an optional field without a value is absent, as far as access goes
    if (f.optional) throw fieldMissing(name, { record: recordSpan, access: accessSpan });
    throw missingFieldDef(name, f.span, accessSpan, r.span);
  }
  return f.value;
}

/** A record of already-known values (primop results, imported data). */
export function recordOf(entries: Iterable<readonly [string, Thunk]>, span?: Span): RecordValue {
  const fields = new Map<string, Field>();
  for (const [name, thunk] of entries) {
    const f = plainField({ k: 'Fixed', thunk }, span);
    f.raw = thunk;
    f.value = thunk;
    fields.set(name, f);
  }
  return new RecordValue(fields, false, span);
}

/**
 * A copy of a field whose definition is fixed to its current value, contracts already applied and
 * no longer pending (`%record/freeze%`, record mapping).
 */
export function frozenField(f: Field): Field {
  if (!f.value) return f;
  if (f.defn?.k === 'Fixed' && f.contracts.length === 0) return f;
  return { ...f, contracts: NO_CONTRACTS, defn: { k: 'Fixed', thunk: f.value } };
}
