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
      // biome-ignore lint/plugin: the lengths are equal, checked above
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
  // The merged templates, visited in the reference's field order (mergedOrder) without
  // building a Map of them: instantiate makes the record's own.
  const lf = l.fields;
  const rf = r.fields;
  const templates: FieldTemplates = {
    forEach(visit) {
      const common = commonFields(lf, rf);
      if (common === undefined) {
        lf.forEach(visit);
        rf.forEach(visit);
        return;
      }
      for (const name of mergedOrder(lf, rf, common)) {
        const f = lf.get(name);
        const g = rf.get(name);
        const template = f && g ? mergeFieldTemplates(f, g, span) : (f ?? g);
        if (template) visit(template, name);
      }
    },
  };
  return instantiate(templates, l.open || r.open, l.span ?? r.span, l.sealedTail ?? r.sealedTail);
}

/** The fields both records have, in the smaller record's order; undefined when there are none. */
function commonFields(lf: ReadonlyMap<string, Field>, rf: ReadonlyMap<string, Field>): string[] | undefined {
  const [small, large] = lf.size < rf.size ? [lf, rf] : [rf, lf];
  let common: string[] | undefined;
  small.forEach((_, name) => {
    if (large.has(name)) (common ??= []).push(name);
  });
  return common;
}

/**
 * The order of a merged record's fields, as the reference builds it (merge.rs, split_ref): the
 * left record's own fields, then the right's own, then the common ones. It finds the common
 * fields by walking the larger record (the left one on a tie) and taking each out of a copy of
 * the smaller with a swap-remove (the last field moves into the hole), so the smaller side's own
 * fields come in that shuffled order. The order is observable: a record's fields are forced
 * last first, so it decides which of several errors is reported.
 */
function mergedOrder(lf: ReadonlyMap<string, Field>, rf: ReadonlyMap<string, Field>, common: readonly string[]): string[] {
  const leftSmaller = lf.size < rf.size;
  const [small, large] = leftSmaller ? [lf, rf] : [rf, lf];
  const rest = Array.from(small.keys());
  const at = new Map<string, number>();
  rest.forEach((name, i) => at.set(name, i));
  const isCommon = new Set(common);
  const largeOwn: string[] = [];
  const center: string[] = [];
  large.forEach((_, name) => {
    if (!isCommon.has(name)) {
      largeOwn.push(name);
      return;
    }
    center.push(name);
    const i = at.get(name);
    const last = rest.pop();
    if (i !== undefined && last !== undefined && i < rest.length) {
      rest[i] = last;
      at.set(last, i);
    }
  });
  return leftSmaller ? [...rest, ...largeOwn, ...center] : [...largeOwn, ...rest, ...center];
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
