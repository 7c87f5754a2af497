/**
 * Deciding what a `{ … }` literal is. In term position it is a record type when it has a row tail
 * or when every field is `name : Type` without a value; otherwise it is a record literal, where a
 * field with a type annotation must have a definition somewhere. In type position it is a record
 * type when it can be one, and otherwise a record contract (a literal used as a contract).
 */
import type { Expr, FieldDef, FieldMeta, RecordTypeField, Type } from '../ast/nodes.js';
import { joinSpans, type Span } from '../source/span.js';
import { invalidRecordType, typedFieldWithoutDefinition, type RecordTypeProblem } from '../diagnostics/parse-errors.js';
import { fixTypeVars } from './type-vars.js';
import type { UniRecord } from './uniterm.js';

class InvalidRecordType {
  constructor(readonly problem: RecordTypeProblem) {}
}

function isPlainTyped(meta: FieldMeta): boolean {
  return meta.type !== undefined && meta.doc === undefined && meta.contracts.length === 0 && !meta.optional && !meta.notExported && meta.priority === undefined;
}

function isRecordType(r: UniRecord): boolean {
  return r.includes.length === 0 && r.fields.every((f) => f.path.length === 1 && f.value === undefined && isPlainTyped(f.meta));
}

/** The record as a record type, or why it can't be one. Field types are left unfixed. */
function intoTypeStrict(r: UniRecord): Type | InvalidRecordType {
  if (r.open) return new InvalidRecordType({ kind: 'IsOpen', at: r.openSpan ?? r.span });
  if (r.includes.length > 0) {
    return new InvalidRecordType({ kind: 'HasInclude', at: r.includes[0]!.span });
  }
  const seen = new Map<string, Span>();
  const fields: RecordTypeField[] = [];
  for (const f of r.fields) {
    if (f.path.length > 1) {
      const span = f.path.map((p) => p.span).reduce(joinSpans);
      return new InvalidRecordType({ kind: 'InvalidField', at: span });
    }
    const elem = f.path[0]!;
    if (elem.kind === 'Dynamic') {
      return new InvalidRecordType({ kind: 'InterpolatedField', at: f.span });
    }
    const prev = seen.get(elem.name);
    if (prev) {
      return new InvalidRecordType({ kind: 'RepeatedField', at: prev, again: elem.span });
    }
    seen.set(elem.name, elem.span);
    if (f.value !== undefined || !isPlainTyped(f.meta)) {
      return new InvalidRecordType({ kind: 'InvalidField', at: joinSpans(elem.span, f.span) });
    }
    fields.push({ name: elem.name, type: f.meta.type!.type, span: f.span });
  }
  return { kind: 'RecordType', fields, tail: r.tail ?? { kind: 'Closed' }, span: r.span };
}

function strictOrThrow(r: UniRecord): Type {
  const t = intoTypeStrict(r);
  if (t instanceof InvalidRecordType) throw invalidRecordType(r.span, t.problem, r.tailSpan);
  return t;
}

export function recordToTerm(r: UniRecord): Expr {
  if (r.tail !== undefined || (r.fields.length > 0 && isRecordType(r))) {
    return { kind: 'Type', type: fixTypeVars(strictOrThrow(r)), span: r.span };
  }
  checkTypedFieldWithoutDef(r.fields);
  // most fields carry no type or contract: keep the parsed array unless one needs its types fixed
  const fields = r.fields.some((f) => f.meta.type || f.meta.contracts.length > 0) ? r.fields.map(fixField) : r.fields;
  return { kind: 'Record', fields, includes: r.includes, open: r.open, span: r.span };
}

export function recordToType(r: UniRecord): Type {
  if (r.tail !== undefined) return strictOrThrow(r);
  const t = intoTypeStrict(r);
  if (!(t instanceof InvalidRecordType)) return t;
  return { kind: 'Contract', expr: recordToTerm(r), span: r.span };
}

function fixField(f: FieldDef): FieldDef {
  const m = f.meta;
  if (!m.type && m.contracts.length === 0) return f;
  return {
    ...f,
    meta: {
      ...m,
      type: m.type && { ...m.type, type: fixTypeVars(m.type.type) },
      contracts: m.contracts.map((c) => ({ ...c, type: fixTypeVars(c.type) })),
    },
  };
}

/**
 * `{ a : Number }` used as a value would be a field without value whose type is never checked:
 * the reference rejects a typed field unless some piece of the record defines it.
 */
function checkTypedFieldWithoutDef(fields: FieldDef[]): void {
  if (!fields.some((f) => f.value === undefined && f.meta.type)) return; // the usual case: nothing to check
  const candidates = new Map<string, { field: Span; annot: Span } | 'defined'>();
  let first: { field: Span; annot: Span } | undefined;
  for (const f of fields) {
    const single = f.path.length === 1 && f.path[0]!.kind === 'Static' ? f.path[0]! : undefined;
    const name = single?.kind === 'Static' ? single.name : undefined;
    if (f.value === undefined && f.meta.type) {
      if (name === undefined) {
        first = { field: f.span, annot: f.meta.type.span };
        break;
      }
      if (!candidates.has(name)) candidates.set(name, { field: single!.span, annot: f.meta.type.span });
    } else if (name !== undefined && f.value !== undefined) {
      candidates.set(name, 'defined');
    }
  }
  if (!first) {
    for (const state of candidates.values()) {
      if (state !== 'defined') {
        first = state;
        break;
      }
    }
  }
  if (first) {
    throw typedFieldWithoutDefinition(first.field, first.annot);
  }
}
