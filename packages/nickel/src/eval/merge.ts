/**
 * The merge operator `&`: records merge field by field (recursively, by priority), everything
 * else merges only with an equal value. A merged record is re-instantiated, so fields that depend
 * on an overridden field are recomputed.
 */
import { contractBroken, illegalPolymorphicTailAccess, mergeIncompatibleArgs } from '../diagnostics/eval-errors.js';
import type { Span } from '../source/span.js';
import { combineContracts } from '../contracts/dedup.js';
import { valuesEqual } from './equality.js';
import { instantiate, type FieldTemplates } from './record.js';
import { Thunk } from './thunk.js';
import { ArrayValue, EnumValue, RecordValue, typeName, isNum, type Field, type FieldDefn, type Value } from './value.js';
import { eq } from '../number/num.js';

export function mergeValues(l: Value, r: Value, span: Span | undefined, lSpan?: Span, rSpan?: Span): Value {
  if (l instanceof RecordValue && r instanceof RecordValue) return mergeRecords(l, r, span);
  if (l === r && (l === null || typeof l === 'boolean' || typeof l === 'string' || typeof l === 'number')) return l;
  if (isNum(l) && isNum(r) && eq(l, r)) return l;
  if (l instanceof ArrayValue && r instanceof ArrayValue) return mergeArrays(l, r, rSpan ?? span);
  if (l instanceof EnumValue && r instanceof EnumValue && l.tag === r.tag && l.arg && r.arg) {
    const la = l.arg;
    const ra = r.arg;
    return new EnumValue(
      l.tag,
      Thunk.lazy(() => mergeValues(la.force(), ra.force(), span, la.span, ra.span)),
    );
  }
  if (typeName(l) === 'EnumTag' && typeName(r) === 'EnumTag' && valuesEqual(l, r, span)) return l;
  throw mergeIncompatibleArgs({ kind: 'values', left: lSpan ?? span, right: rSpan });
}

/**
 * Two arrays merge when they are equal, checked as the reference does with an equality contract:
 * the lengths at once, each element when it is used (`std.array.length ([1, 2] & [1, 3])` is 2).
 */
function mergeArrays(l: ArrayValue, r: ArrayValue, rSpan: Span | undefined): ArrayValue {
  if (l.items.length !== r.items.length) {
    throw contractBroken({ kind: 'unequalArrays', lengths: [l.items.length, r.items.length], at: rSpan });
  }
  return new ArrayValue(
    l.items.map((li, i) => {
      const ri = r.items[i]!;
      return Thunk.lazy(() => {
        const a = li.force();
        if (valuesEqual(a, ri.force(), ri.span ?? rSpan)) return a;
        throw contractBroken({ kind: 'unequalArrays', lengths: undefined, at: ri.span ?? rSpan });
      });
    }),
  );
}

export function mergeRecords(l: RecordValue, r: RecordValue, span: Span | undefined): RecordValue {
  if ((l.sealedTail && l.sealedTail.fields.size > 0) || (r.sealedTail && r.sealedTail.fields.size > 0)) {
    throw illegalPolymorphicTailAccess(undefined, span);
  }
  // The merged templates, visited in field order (the left record's, then the right's new ones)
  // without building a Map of them: instantiate makes the record's own.
  const lf = l.fields;
  const rf = r.fields;
  const templates: FieldTemplates = {
    forEach(visit) {
      lf.forEach((f, name) => {
        const g = rf.get(name);
        visit(g ? mergeFieldTemplates(f, g, span) : f, name);
      });
      rf.forEach((g, name) => {
        if (!lf.has(name)) visit(g, name);
      });
    },
  };
  return instantiate(templates, l.open || r.open, l.span ?? r.span, l.sealedTail ?? r.sealedTail);
}

export function mergeFieldTemplates(a: Field, b: Field, span: Span | undefined): Field {
  let defn: FieldDefn | undefined;
  let priority: number;
  if (!a.defn) {
    defn = b.defn;
    priority = b.defn ? b.priority : Math.max(a.priority, b.priority);
  } else if (!b.defn) {
    defn = a.defn;
    priority = a.priority;
  } else if (a.priority > b.priority) {
    defn = a.defn;
    priority = a.priority;
  } else if (b.priority > a.priority) {
    defn = b.defn;
    priority = b.priority;
  } else {
    defn = { k: 'Merge', left: a.defn, right: b.defn, span, shared: undefined };
    priority = a.priority;
  }
  return {
    doc: a.doc ?? b.doc,
    priority,
    optional: a.optional && b.optional,
    notExported: a.notExported || b.notExported,
    contracts: combineContracts(a.contracts, b.contracts),
    defn,
    annot: a.annot ?? b.annot,
    span: a.span ?? b.span,
    raw: undefined,
    value: undefined,
  };
}
