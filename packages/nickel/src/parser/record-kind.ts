/**
 * Deciding what a `{ … }` literal is. In term position it is a record type when it has a row tail
 * or when every field is `name : Type` without a value; otherwise it is a record literal, where a
 * field with a type annotation must have a definition somewhere. In type position it is a record
 * type when it can be one, and otherwise a record contract (a literal used as a contract).
 */
import type { Expr, FieldDef, FieldMeta, RecordTypeField, Type } from '../ast/nodes.js';
import { joinSpans, type Span } from '../source/span.js';
import { parseError } from './errors.js';
import { fixTypeVars } from './type-vars.js';
import type { UniRecord } from './uniterm.js';

class InvalidRecordType {
  constructor(
    readonly span: Span,
    readonly label: string,
    readonly note: string | undefined,
    readonly more: { span: Span; message: string }[] = [],
  ) {}
}

function isPlainTyped(meta: FieldMeta): boolean {
  return meta.type !== undefined && meta.doc === undefined && meta.contracts.length === 0 && !meta.optional && !meta.notExported && meta.priority === undefined;
}

function isRecordType(r: UniRecord): boolean {
  return r.includes.length === 0 && r.fields.every((f) => f.path.length === 1 && f.value === undefined && isPlainTyped(f.meta));
}

/** The record as a record type, or why it can't be one. Field types are left unfixed. */
function intoTypeStrict(r: UniRecord): Type | InvalidRecordType {
  if (r.open) return new InvalidRecordType(r.openSpan ?? r.span, 'cannot have ellipsis in a record type literal', undefined);
  const [include] = r.includes;
  if (include !== undefined) {
    return new InvalidRecordType(include.span, 'cannot have `include` statements in a record type', undefined);
  }
  const seen = new Map<string, Span>();
  const fields: RecordTypeField[] = [];
  for (const f of r.fields) {
    if (f.path.length > 1) {
      const span = f.path.map((p) => p.span).reduce(joinSpans);
      return new InvalidRecordType(span, 'invalid field for a record type literal', FIELD_NOTE);
    }
    const elem = f.path[0];
    if (elem.kind === 'Dynamic') {
      return new InvalidRecordType(f.span, 'this field uses interpolation', 'String interpolation in field names is forbidden in record types');
    }
    const prev = seen.get(elem.name);
    if (prev) {
      return new InvalidRecordType(prev, 'first occurrence', 'Repeated field names are forbidden', [{ span: elem.span, message: 'second occurrence' }]);
    }
    seen.set(elem.name, elem.span);
    if (f.value !== undefined || !isPlainTyped(f.meta)) {
      return new InvalidRecordType(joinSpans(elem.span, f.span), 'invalid field for a record type literal', FIELD_NOTE);
    }
    fields.push({ name: elem.name, type: f.meta.type!.type, span: f.span });
  }
  return { kind: 'RecordType', fields, tail: r.tail ?? { kind: 'Closed' }, span: r.span };
}

const FIELD_NOTE = 'Value assignments such as `<field> = <expr>`, and metadata annotation (annotation, documentation, etc.) are forbidden.';

function strictOrThrow(r: UniRecord): Type {
  const t = intoTypeStrict(r);
  if (t instanceof InvalidRecordType) {
    const notes = t.note ? [t.note] : [];
    throw parseError('ParseError::InvalidRecordType', 'invalid record literal', r.span, '', notes, [
      { span: t.span, message: t.label },
      ...t.more,
      ...(r.tailSpan ? [{ span: r.tailSpan, message: 'this record has a row tail, so it must be a record type' }] : []),
    ]);
  }
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
    const single = f.path.length === 1 && f.path[0].kind === 'Static' ? f.path[0] : undefined;
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
    throw parseError(
      'ParseError::TypedFieldWithoutDefinition',
      'statically typed field without a definition',
      first.field,
      "this field doesn't have a definition",
      [
        'A `:` annotation is a static type, which needs a value to check; this field has none.',
        'To declare a field that a later merge must define, annotate it with a contract (`|`) instead of a type (`:`).',
        'A record made only of `name : Type` declarations is read as a record type; this one is not, because of its other fields or metadata.',
      ],
      [{ span: first.annot, message: 'but it has a type annotation' }],
    );
  }
}
