/** Record primops: field listing, insertion and removal, map, split, freeze. */
import { EXTRA_FIELDS_NOTES, extraFieldsMessage, fieldMissing, illegalPolymorphicTailAccess, missingFieldDef } from '../diagnostics/eval-errors.js';
import { applyContract, blame } from '../contracts/apply.js';
import { withMessage } from '../contracts/label.js';
import { applyN } from '../eval/eval.js';
import { otherError } from '../eval/errors.js';
import { frozenField, instantiate, NO_CONTRACTS, plainField, recordOf } from '../eval/record.js';
import { mergeRecords } from '../eval/merge.js';
import { Thunk } from '../eval/thunk.js';
import { ArrayValue, EnumValue, LabelValue, RecordValue, type Field, type Value } from '../eval/value.js';
import { funcArg, labelArg, nameArg, op, recArg, type PrimopTable } from './table.js';

/** Field is visible to the plain (non `_with_opts`) primops: it has a value or is required. */
function visible(f: Field, withOpts: boolean): boolean {
  return f.value !== undefined || withOpts || !f.optional;
}

function sortedNames(r: RecordValue, withOpts: boolean): string[] {
  const names: string[] = [];
  for (const [n, f] of r.fields) if (visible(f, withOpts)) names.push(n);
  return names.sort(compareNames);
}

export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function insert(withOpts: boolean) {
  return op(3, (a, s, n) => {
    const name = nameArg(n, a, 0, s);
    const r = recArg(n, a, 1, s);
    const existing = r.fields.get(name);
    if (existing && (existing.value !== undefined || withOpts || !existing.optional)) {
      if (existing.value !== undefined || withOpts) {
        throw otherError(`${n}: tried to extend a record with the field \`${name}\`, but it already exists`, s);
      }
    }
    const templates = new Map(r.fields);
    const field: Field = existing
      ? { ...existing, defn: { k: 'Fixed', thunk: a[2] }, raw: undefined, value: undefined }
      : plainField({ k: 'Fixed', thunk: a[2] }, s);
    templates.set(name, field);
    return instantiate(templates, r.open, r.span, r.sealedTail);
  });
}

function remove(withOpts: boolean) {
  return op(2, (a, s, n) => {
    const name = nameArg(n, a, 0, s);
    const r = recArg(n, a, 1, s);
    const f = r.fields.get(name);
    if (!f && r.sealedTail?.fields.has(name)) throw illegalPolymorphicTailAccess(name, s);
    if (!f || !(f.value !== undefined || withOpts)) {
      throw fieldMissing(name, { removedBy: n, at: s });
    }
    const templates = new Map(r.fields);
    templates.delete(name);
    return instantiate(templates, r.open, r.span, r.sealedTail);
  });
}

function hasField(withOpts: boolean) {
  return op(2, (a, s, n) => {
    const name = nameArg(n, a, 0, s);
    const f = recArg(n, a, 1, s).fields.get(name);
    return f !== undefined && visible(f, withOpts);
  });
}

function isDefined(withOpts: boolean) {
  return op(2, (a, s, n) => {
    const name = nameArg(n, a, 0, s);
    const f = recArg(n, a, 1, s).fields.get(name);
    if (!f) {
      if (withOpts) return false;
      throw fieldMissing(name, { record: a[1].span, access: s });
    }
    return f.value !== undefined;
  });
}

export const RECORD_PRIMOPS: PrimopTable = {
  'record/fields': op(1, (a, s, n) => new ArrayValue(sortedNames(recArg(n, a, 0, s), false).map((x) => Thunk.of(x)))),
  'record/fields_with_opts': op(1, (a, s, n) => new ArrayValue(sortedNames(recArg(n, a, 0, s), true).map((x) => Thunk.of(x)))),
  'record/values': op(1, (a, s, n) => {
    const r = recArg(n, a, 0, s);
    return new ArrayValue(sortedNames(r, false).map((x) => fieldValue(r, x)));
  }),
  'record/has_field': hasField(false),
  'record/has_field_with_opts': hasField(true),
  'record/field_is_defined': isDefined(false),
  'record/field_is_defined_with_opts': isDefined(true),
  'record/insert': insert(false),
  'record/insert_with_opts': insert(true),
  'record/remove': remove(false),
  'record/remove_with_opts': remove(true),
  'record/map': op(2, (a, s, n) => {
    const r = recArg(n, a, 0, s);
    if (r.sealedTail && r.sealedTail.fields.size > 0) throw illegalPolymorphicTailAccess(undefined, s);
    const f = funcArg(n, a, 1, s);
    const templates = new Map<string, Field>();
    for (const [name, field] of r.fields) {
      if (!field.value) {
        // The reference drops optional fields without a value, and fails on other ones.
        if (!field.optional) throw missingFieldDef(name, field.span, s, r.span);
        continue;
      }
      const v = field.value;
      const mapped = Thunk.lazy(() => applyN(f, [Thunk.of(name), v], s));
      templates.set(name, { ...field, contracts: NO_CONTRACTS, defn: { k: 'Fixed', thunk: mapped } });
    }
    return instantiate(templates, r.open, r.span, r.sealedTail);
  }),
  'record/split_pair': op(2, (a, s, n) => {
    const l = recArg(n, a, 0, s);
    const r = recArg(n, a, 1, s);
    const leftOnly = new Map<string, Field>();
    const leftCenter = new Map<string, Field>();
    const rightCenter = new Map<string, Field>();
    const rightOnly = new Map<string, Field>();
    for (const [k, f] of l.fields) (r.fields.has(k) ? leftCenter : leftOnly).set(k, f);
    for (const [k, f] of r.fields) (l.fields.has(k) ? rightCenter : rightOnly).set(k, f);
    const rec = (m: Map<string, Field>) => Thunk.of(new RecordValue(m, false, undefined));
    return recordOf([
      ['left_only', rec(leftOnly)],
      ['left_center', rec(leftCenter)],
      ['right_center', rec(rightCenter)],
      ['right_only', rec(rightOnly)],
    ]);
  }),
  'record/disjoint_merge': op(2, (a, s, n) => {
    const l = recArg(n, a, 0, s);
    const r = recArg(n, a, 1, s);
    const templates = new Map(l.fields);
    for (const [k, f] of r.fields) templates.set(k, f);
    return instantiate(templates, l.open || r.open, l.span, l.sealedTail ?? r.sealedTail);
  }),
  'record/merge_contract': op(3, (a, s, n) => {
    const label = labelArg(n, a, 0, s);
    const v = recArg(n, a, 1, s);
    const c = recArg(n, a, 2, s);
    if (!c.open) {
      const extra: string[] = [];
      for (const [k, f] of v.fields) if (!c.fields.has(k) && visible(f, false)) extra.push(k);
      if (extra.length > 0) {
        const notes = new ArrayValue(EXTRA_FIELDS_NOTES.map((note) => Thunk.of(note)));
        const error = recordOf([
          ['message', Thunk.of(extraFieldsMessage(extra, 'contract'))],
          ['notes', Thunk.of(notes)],
        ]);
        return new EnumValue('Error', Thunk.of(error));
      }
    }
    void label;
    return new EnumValue('Ok', Thunk.of(mergeRecords(v, c, s)));
  }),
  'record/freeze': op(1, (a, s, n) => {
    const r = recArg(n, a, 0, s);
    const templates = new Map<string, Field>();
    for (const [k, f] of r.fields) templates.set(k, frozenField(f));
    const out = instantiate(templates, r.open, r.span, r.sealedTail);
    return out;
  }),
  'record/empty_with_tail': op(1, (a, s, n) => {
    const r = recArg(n, a, 0, s);
    return new RecordValue(new Map(), false, r.span, r.sealedTail);
  }),
  'record/seal_tail': op(4, (a, s, n) => {
    // key label record tail: hides the tail's fields inside the record.
    const key = a[0].force();
    const label = labelArg(n, a, 1, s);
    const r = recArg(n, a, 2, s);
    const tail = recArg(n, a, 3, s);
    return new RecordValue(r.fields, r.open, r.span, { key: typeof key === 'number' ? key : 0, fields: tail.fields, label });
  }),
  'record/unseal_tail': op(3, (a, s, n) => {
    const key = a[0].force();
    const label = labelArg(n, a, 1, s);
    const r = recArg(n, a, 2, s);
    if (!r.sealedTail || r.sealedTail.key !== key) throw blame(label, a[2]);
    return new RecordValue(r.sealedTail.fields, false, r.span);
  }),
  'record/contract_merge': op(3, (a, s, n) => {
    const label = labelArg(n, a, 0, s);
    return applyContract(a[2].force(), label, a[1]);
  }),
};

function fieldValue(r: RecordValue, name: string): Thunk {
  return (
    r.fields.get(name)!.value ??
    Thunk.lazy(() => {
      throw missingFieldDef(name, undefined, undefined);
    })
  );
}

export { LabelValue, withMessage };
export type { Value };
