/**
 * Applying a contract to a value: the dispatch over what a contract can be (a type, a custom
 * contract from `%contract/custom%`, a record used as a contract, a legacy function contract),
 * and the blame error a broken contract raises.
 */
import type { Type, TypeAnnot } from '../ast/nodes.js';
import { NickelError } from '../diagnostics/error.js';
import { contractBroken, dynamicTypeError, EXTRA_FIELDS_NOTES, extraFieldsMessage } from '../diagnostics/eval-errors.js';
import { unboundIdentifier } from '../diagnostics/typecheck.js';
import type { Span } from '../source/span.js';
import { EMPTY_ENV, runtimeOf, type Env } from '../eval/env.js';
import { applyN, evalExpr, thunkOf } from '../eval/eval.js';
import { mergeRecords } from '../eval/merge.js';
import { recordOf } from '../eval/record.js';
import { Thunk } from '../eval/thunk.js';
import {
  ArrayValue,
  CustomContract,
  EnumValue,
  ForeignValue,
  isFunc,
  LabelValue,
  RecordValue,
  TypeContract,
  typeName,
  type PendingContract,
  type Value,
} from '../eval/value.js';
import { describePath, newLabel, withMessage, withNotes, type Label } from './label.js';
import { applyType, immediateTypeCheck } from './types.js';

/**
 * The contract an annotation denotes, as a thunk (evaluated when first applied). An annotation
 * whose type needs no scope (only builtin types) denotes one contract, kept by the runtime.
 */
export function contractFromAnnot(a: TypeAnnot, env: Env): Thunk {
  if (a.type.kind === 'Contract') return thunkOf(a.type.expr, env);
  const known = runtimeOf(env).closedContracts;
  let closed = known.get(a);
  if (closed === undefined) {
    const tail = unboundRowTail(a.type, []);
    // The reference fails to build the contract of such a type, when the annotated value is first
    // used; its diagnostic (and the golden corpus's kind for it) is an unbound identifier.
    if (tail !== undefined) closed = unboundIdentifier(tail.span, tail.name);
    else closed = needsScope(a.type) ? null : Thunk.of(new TypeContract(a.type, EMPTY_ENV, undefined));
    known.set(a, closed);
  }
  if (closed instanceof NickelError) {
    const error = closed;
    return Thunk.lazy(() => {
      throw error;
    });
  }
  return closed ?? Thunk.of(new TypeContract(a.type, env, undefined));
}

/** A record or enum row tail no `forall` of the type binds (contracts inside are annotations of their own). */
function unboundRowTail(t: Type, bound: readonly string[]): { name: string; span: Span } | undefined {
  switch (t.kind) {
    case 'Array':
    case 'Dict':
      return unboundRowTail(t.elem, bound);
    case 'Arrow':
      return unboundRowTail(t.domain, bound) ?? unboundRowTail(t.codomain, bound);
    case 'Forall':
      return unboundRowTail(t.body, [...bound, ...t.vars]);
    case 'RecordType':
      for (const f of t.fields) {
        const found = unboundRowTail(f.type, bound);
        if (found !== undefined) return found;
      }
      return t.tail.kind === 'Var' && !bound.includes(t.tail.name) ? t.tail : undefined;
    case 'EnumType':
      for (const r of t.rows) {
        const found = r.arg === undefined ? undefined : unboundRowTail(r.arg, bound);
        if (found !== undefined) return found;
      }
      return t.tail.kind === 'Var' && !bound.includes(t.tail.name) ? t.tail : undefined;
    default:
      return undefined;
  }
}

/** Whether a type refers to terms (contract expressions), whose meaning depends on the scope. */
function needsScope(t: Type): boolean {
  switch (t.kind) {
    case 'Contract':
      return true;
    case 'Array':
    case 'Dict':
      return needsScope(t.elem);
    case 'Arrow':
      return needsScope(t.domain) || needsScope(t.codomain);
    case 'Forall':
      return needsScope(t.body);
    case 'RecordType':
      return t.fields.some((f) => needsScope(f.type));
    case 'EnumType':
      return t.rows.some((r) => r.arg !== undefined && needsScope(r.arg));
    default:
      return false;
  }
}

/** `raw` with the contracts applied, lazily, in order. */
export function withContracts(raw: Thunk, contracts: readonly PendingContract[]): Thunk {
  let t = raw;
  for (const c of contracts) {
    const inner = t;
    t = Thunk.lazy(() => applyContract(c.contract.force(), c.label, inner));
    // Keep the span of the guarded expression for diagnostics.
    t.expr = raw.expr;
  }
  return t;
}

/** `e : T | C1 | C2` as a lazy value. */
export function applyContractAnnots(
  inner: Thunk,
  type: TypeAnnot | undefined,
  contracts: readonly TypeAnnot[],
  env: Env,
  valueSpan: Span | undefined,
  field: string | undefined,
): Thunk {
  const annots = type ? [type, ...contracts] : contracts;
  if (annots.length === 0) return inner;
  return withContracts(
    inner,
    annots.map((a) => ({ contract: contractFromAnnot(a, env), label: newLabel(a.span, valueSpan, field) })),
  );
}

export function applyContract(contract: Value, label: Label, value: Thunk): Value {
  if (contract instanceof TypeContract) return applyType(contract.type, contract.env, contract.tyVars, label, value);
  if (contract instanceof CustomContract) {
    const result = applyN(contract.fn.force(), [Thunk.of(new LabelValue(label)), value], label.span);
    return customResult(result, label, value);
  }
  if (contract instanceof RecordValue) return applyRecordContract(contract, label, value);
  if (isFunc(contract)) return applyN(contract, [Thunk.of(new LabelValue(label)), value], label.span);
  throw dynamicTypeError({ kind: 'notAContract' }, typeName(contract), label.span);
}

/** What `%contract/check%` returns: `'Ok value` or `'Error {message, notes}` without blaming. */
export function checkContract(contract: Value, label: Label, value: Thunk): Value {
  return withBlameLocation(checkContractRaw(contract, label, value), value);
}

/** A location value: where a failed check points (`blame_location` of the error data). */
export class BlameLocation {
  constructor(readonly span: Span | undefined) {}
}

/** Like the reference, `'Error` data gets a `blame_location` (the checked value) when it has none. */
function withBlameLocation(result: Value, value: Thunk): Value {
  if (!(result instanceof EnumValue) || result.tag !== 'Error' || !result.arg) return result;
  const data = result.arg.force();
  if (!(data instanceof RecordValue) || data.fields.has('blame_location')) return result;
  const loc = Thunk.of(new ForeignValue(new BlameLocation(value.span)));
  return new EnumValue('Error', Thunk.of(mergeRecords(data, recordOf([['blame_location', loc]]), undefined)));
}

function checkContractRaw(contract: Value, label: Label, value: Thunk): Value {
  if (contract instanceof CustomContract) {
    return applyN(contract.fn.force(), [Thunk.of(new LabelValue(label)), value], label.span);
  }
  if (contract instanceof TypeContract) {
    const problem = immediateTypeCheck(contract.type, contract.env, value);
    if (problem !== undefined) return errorResult(problem);
  } else if (contract instanceof RecordValue) {
    const v = value.force();
    if (!(v instanceof RecordValue)) return errorResult(`expected a Record, got ${typeName(v)}`);
    const extra = extraFields(contract, v);
    if (extra.length > 0) return errorResult(extraFieldsMessage(extra, 'contract'));
  }
  return new EnumValue(
    'Ok',
    Thunk.lazy(() => applyContract(contract, label, value)),
  );
}

function errorResult(message: string | undefined): EnumValue {
  const entries: [string, Thunk][] = message === undefined ? [] : [['message', Thunk.of(message)]];
  return new EnumValue('Error', Thunk.of(recordOf(entries)));
}

function customResult(result: Value, label: Label, value: Thunk): Value {
  if (result instanceof EnumValue && result.arg) {
    if (result.tag === 'Ok') return result.arg.force();
    if (result.tag === 'Error') {
      const info = result.arg.force();
      let l = label;
      let at: Span | undefined;
      if (info instanceof RecordValue) {
        const loc = info.fields.get('blame_location')?.value?.force();
        if (loc instanceof ForeignValue && loc.payload instanceof BlameLocation) at = loc.payload.span;
        const m = info.fields.get('message')?.value?.force();
        if (typeof m === 'string') l = withMessage(l, m);
        const notes = info.fields.get('notes')?.value?.force();
        if (notes instanceof ArrayValue) {
          l = withNotes(
            l,
            notes.items.map((n) => n.force()).filter((n): n is string => typeof n === 'string'),
          );
        }
      }
      throw blame(l, value, at);
    }
  }
  throw dynamicTypeError({ kind: 'customContractResult' }, typeName(result), label.span);
}

function applyRecordContract(contract: RecordValue, label: Label, value: Thunk): Value {
  const v = value.force();
  if (!(v instanceof RecordValue)) throw blame(withMessage(label, `expected a record, got a ${typeName(v)}`), value);
  const extra = extraFields(contract, v);
  if (extra.length > 0) {
    const broken = withNotes(withMessage(label, extraFieldsMessage(extra, 'contract')), [...label.diag.notes, ...EXTRA_FIELDS_NOTES]);
    // one extra field is also pointed at; several are named in the message
    throw blame(broken, value, extra.length === 1 && extra[0] !== undefined ? v.fields.get(extra[0])?.span : undefined);
  }
  return mergeRecords(v, contract, label.span);
}

/** The fields of `v` that a closed record contract does not allow, in `v`'s order. */
function extraFields(contract: RecordValue, v: RecordValue): string[] {
  const extra: string[] = [];
  if (contract.open) return extra;
  // Every field counts, an optional one without a value too, as for the reference's merge.
  // forEach: a `for…of` over a Map allocates an entry array per field
  v.fields.forEach((_, n) => {
    if (!contract.fields.has(n)) extra.push(n);
  });
  return extra;
}

/** The error for a broken contract: what the label knows, worded by diagnostics/eval-errors.ts. */
export function blame(label: Label, value: Thunk | undefined, valueSpan?: Span): NickelError {
  const notes = [...label.diag.notes];
  for (const d of [...label.pushed].reverse()) {
    if (d.message) notes.push(d.message);
    notes.push(...d.notes);
  }
  return contractBroken({
    kind: 'label',
    party: !label.polarity ? 'caller' : label.path.includes('Codomain') ? 'function' : 'value',
    field: label.field,
    message: label.diag.message,
    notes,
    failingPart: label.path.length > 0 ? describePath(label.path) : undefined,
    contract: label.span,
    applied: label.applied,
    evaluated: value?.span,
    blameLocation: valueSpan,
  });
}

export { evalExpr };
