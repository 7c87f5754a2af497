/**
 * Unification of types and of record and enum rows, `expected` (from annotations and context)
 * against `inferred` (from the term's shape). Failures are thrown as `UnifFailure` carrying the
 * reference's unification error, which the caller turns into a diagnostic at its own span.
 */
import { contractsEqual } from './contract-eq.js';
import type { Span } from '../../source/span.js';
import type { UnifState } from './state.js';
import { enumOf, erow, recordOf, rrow, subst, type ERows, type RRows, type UType, type VarKind } from './types.js';

export type UnifError =
  | { k: 'TypeMismatch'; expected: UType; inferred: UType }
  | { k: 'RecordRowMismatch'; id: string; expected: UType; inferred: UType; cause: UnifError }
  | { k: 'EnumRowMismatch'; id: string; expected: UType; inferred: UType; cause: UnifError | undefined }
  | { k: 'ConstMismatch'; kind: VarKind; expectedConst: number; inferredConst: number }
  | { k: 'MissingRow'; id: string; row: 'Record' | 'Enum'; expected: UType; inferred: UType }
  | { k: 'ExtraRow'; id: string; expected: UType; inferred: UType }
  | { k: 'MissingDynTail'; expected: UType; inferred: UType }
  | { k: 'ExtraDynTail'; expected: UType; inferred: UType }
  | { k: 'RecordRowConflict'; id: string; type: UType; expected: UType; inferred: UType }
  | { k: 'EnumRowConflict'; id: string; arg: UType | undefined; expected: UType; inferred: UType }
  | { k: 'WithConst'; kind: VarKind; constId: number; inferred: UType }
  | { k: 'UnboundTypeVariable'; name: string; span: Span | undefined }
  | { k: 'DomainMismatch' | 'CodomainMismatch'; expected: UType; inferred: UType; cause: UnifError }
  | { k: 'VarLevelMismatch'; constId: number; kind: VarKind }
  | { k: 'InhomogeneousRecord'; rowA: UType; rowB: UType };

/** A row error: the same, before the enclosing record or enum types are known. */
export type RowError =
  | { k: 'MissingRecordRow' | 'MissingEnumRow' | 'ExtraRow'; id: string }
  | { k: 'MissingDynTail' | 'ExtraDynTail' }
  | { k: 'RecordRowMismatch'; id: string; cause: UnifError }
  | { k: 'EnumRowMismatch'; id: string; cause: UnifError | undefined }
  | { k: 'RecordRowConflict'; id: string; type: UType }
  | { k: 'EnumRowConflict'; id: string; arg: UType | undefined }
  | { k: 'WithConst'; kind: VarKind; constId: number; inferred: UType }
  | { k: 'ConstMismatch'; kind: VarKind; expectedConst: number; inferredConst: number }
  | { k: 'UnboundTypeVariable'; name: string; span: Span | undefined }
  | { k: 'VarLevelMismatch'; constId: number; kind: VarKind };

export class UnifFailure {
  constructor(readonly error: UnifError) {}
}
export class RowFailure {
  constructor(readonly error: RowError) {}
}

export function rowToUnif(e: RowError, expected: UType, inferred: UType): UnifError {
  switch (e.k) {
    case 'MissingRecordRow':
      return { k: 'MissingRow', id: e.id, row: 'Record', expected, inferred };
    case 'MissingEnumRow':
      return { k: 'MissingRow', id: e.id, row: 'Enum', expected, inferred };
    case 'ExtraRow':
      return { k: 'ExtraRow', id: e.id, expected, inferred };
    case 'MissingDynTail':
    case 'ExtraDynTail':
      return { k: e.k, expected, inferred };
    case 'RecordRowMismatch':
      return { k: 'RecordRowMismatch', id: e.id, expected, inferred, cause: e.cause };
    case 'EnumRowMismatch':
      return { k: 'EnumRowMismatch', id: e.id, expected, inferred, cause: e.cause };
    case 'RecordRowConflict':
      return { k: 'RecordRowConflict', id: e.id, type: e.type, expected, inferred };
    case 'EnumRowConflict':
      return { k: 'EnumRowConflict', id: e.id, arg: e.arg, expected, inferred };
    default:
      return e;
  }
}

const fail = (e: UnifError): never => {
  throw new UnifFailure(e);
};
const rowFail = (e: RowError): never => {
  throw new RowFailure(e);
};

/** Runs `fn`, turning a row failure into a unification failure about the two enclosing types. */
export function wrapRows(fn: () => void, expected: UType, inferred: UType): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof RowFailure) throw new UnifFailure(rowToUnif(e.error, expected, inferred));
    throw e;
  }
}

export function unify(st: UnifState, level: number, expected: UType, inferred: UType): void {
  let t1 = st.root(expected);
  let t2 = st.root(inferred);
  if (t1.tag === 'Wildcard') t1 = st.root(st.wildcard(t1.node, level));
  if (t2.tag === 'Wildcard') t2 = st.root(st.wildcard(t2.node, level));
  if (t1.tag === 'UVar' || t2.tag === 'UVar') {
    const [v, other] = t1.tag === 'UVar' ? [t1, t2] : [t2 as { tag: 'UVar'; id: number }, t1];
    if (other.tag === 'Const' && st.level(v.id) < st.level(other.id)) {
      fail({ k: 'VarLevelMismatch', constId: other.id, kind: 'Type' });
    }
    if (!st.assign(v.id, other, 'Type')) fail({ k: 'TypeMismatch', expected: t1, inferred: t2 });
    return;
  }
  if (t1.tag === 'Const' || t2.tag === 'Const') {
    if (t1.tag === 'Const' && t2.tag === 'Const') {
      if (t1.id === t2.id) return;
      fail({ k: 'ConstMismatch', kind: 'Type', expectedConst: t1.id, inferredConst: t2.id });
    }
    const [c, other] = t1.tag === 'Const' ? [t1, t2] : [t2 as { tag: 'Const'; id: number }, t1];
    fail({ k: 'WithConst', kind: 'Type', constId: c.id, inferred: other });
  }
  switch (t1.tag) {
    case 'Dyn':
    case 'Number':
    case 'Bool':
    case 'String':
    case 'Symbol':
    case 'ForeignId':
      if (t2.tag === t1.tag) return;
      break;
    case 'Array':
      if (t2.tag === 'Array') return unify(st, level, t1.elem, t2.elem);
      break;
    case 'Arrow':
      if (t2.tag === 'Arrow') {
        try {
          unify(st, level, t1.dom, t2.dom);
        } catch (e) {
          if (e instanceof UnifFailure) fail({ k: 'DomainMismatch', expected: t1, inferred: t2, cause: e.error });
          throw e;
        }
        try {
          unify(st, level, t1.cod, t2.cod);
        } catch (e) {
          if (e instanceof UnifFailure) fail({ k: 'CodomainMismatch', expected: t1, inferred: t2, cause: e.error });
          throw e;
        }
        return;
      }
      break;
    case 'Contract':
      if (t2.tag === 'Contract' && contractsEqual(t1.expr, t1.env, t2.expr, t2.env)) return;
      break;
    case 'Enum':
      if (t2.tag === 'Enum') {
        const [a, b] = [t1, t2];
        return wrapRows(() => unifyE(st, level, a.rows, b.rows), a, b);
      }
      break;
    case 'Record':
      if (t2.tag === 'Record') {
        const [a, b] = [t1, t2];
        return wrapRows(() => unifyR(st, level, a.rows, b.rows), a, b);
      }
      break;
    case 'Dict':
      if (t2.tag === 'Dict') return unify(st, level, t1.elem, t2.elem);
      break;
    case 'Forall':
      if (t2.tag === 'Forall' && t1.kind === t2.kind) {
        const c = st.freshConstId(level);
        const to = { tag: 'Const', id: c } as const;
        return unify(st, level, subst(t1.body, t1.name, t1.kind, to), subst(t2.body, t2.name, t2.kind, to));
      }
      break;
    case 'Var':
      fail({ k: 'UnboundTypeVariable', name: t1.name, span: t1.span });
  }
  if (t2.tag === 'Var') fail({ k: 'UnboundTypeVariable', name: t2.name, span: t2.span });
  fail({ k: 'TypeMismatch', expected: t1, inferred: t2 });
}

export function unifyR(st: UnifState, level: number, expected: RRows, inferred: RRows): void {
  const r1 = st.rootR(expected);
  const r2 = st.rootR(inferred);
  if (r1.tag === 'UVar' || r2.tag === 'UVar') {
    const [v, other] = r1.tag === 'UVar' ? [r1, r2] : [r2 as { tag: 'UVar'; id: number }, r1];
    if (other.tag === 'Const' && st.level(v.id) < st.level(other.id)) {
      rowFail({ k: 'VarLevelMismatch', constId: other.id, kind: 'RecordRows' });
    }
    propagateR(st, other, v.id);
    st.assign(v.id, other, 'RecordRows');
    return;
  }
  if (r1.tag === 'Const' || r2.tag === 'Const') {
    if (r1.tag === 'Const' && r2.tag === 'Const') {
      if (r1.id === r2.id) return;
      rowFail({ k: 'ConstMismatch', kind: 'RecordRows', expectedConst: r1.id, inferredConst: r2.id });
    }
    const [c, other] = r1.tag === 'Const' ? [r1, r2] : [r2 as { tag: 'Const'; id: number }, r1];
    rowFail({ k: 'WithConst', kind: 'RecordRows', constId: c.id, inferred: recordOf(other) });
  }
  if (r1.tag === 'Var') rowFail({ k: 'UnboundTypeVariable', name: r1.name, span: r1.span });
  if (r2.tag === 'Var') rowFail({ k: 'UnboundTypeVariable', name: r2.name, span: r2.span });
  if (r1.tag === 'Extend') {
    if (r2.tag !== 'Extend') rowFail({ k: 'MissingRecordRow', id: r1.name });
    const [found, rest] = removeRowR(st, level, r2, r1.name, r1.type);
    if (found) {
      try {
        unify(st, level, r1.type, found);
      } catch (e) {
        if (e instanceof UnifFailure) rowFail({ k: 'RecordRowMismatch', id: r1.name, cause: e.error });
        throw e;
      }
    }
    return unifyR(st, level, r1.tail, rest);
  }
  if (r2.tag === 'Extend') rowFail({ k: 'ExtraRow', id: r2.name });
  if (r1.tag === r2.tag) return;
  rowFail({ k: r1.tag === 'Empty' ? 'ExtraDynTail' : 'MissingDynTail' });
}

export function unifyE(st: UnifState, level: number, expected: ERows, inferred: ERows): void {
  const r1 = st.rootE(expected);
  const r2 = st.rootE(inferred);
  if (r1.tag === 'UVar' || r2.tag === 'UVar') {
    const [v, other] = r1.tag === 'UVar' ? [r1, r2] : [r2 as { tag: 'UVar'; id: number }, r1];
    if (other.tag === 'Const' && st.level(v.id) < st.level(other.id)) {
      rowFail({ k: 'VarLevelMismatch', constId: other.id, kind: 'EnumRows' });
    }
    propagateE(st, other, v.id);
    st.assign(v.id, other, 'EnumRows');
    return;
  }
  if (r1.tag === 'Const' || r2.tag === 'Const') {
    if (r1.tag === 'Const' && r2.tag === 'Const') {
      if (r1.id === r2.id) return;
      rowFail({ k: 'ConstMismatch', kind: 'EnumRows', expectedConst: r1.id, inferredConst: r2.id });
    }
    const [c, other] = r1.tag === 'Const' ? [r1, r2] : [r2 as { tag: 'Const'; id: number }, r1];
    rowFail({ k: 'WithConst', kind: 'EnumRows', constId: c.id, inferred: enumOf(other) });
  }
  if (r1.tag === 'Var') rowFail({ k: 'UnboundTypeVariable', name: r1.name, span: r1.span });
  if (r2.tag === 'Var') rowFail({ k: 'UnboundTypeVariable', name: r2.name, span: r2.span });
  if (r1.tag === 'Extend') {
    if (r2.tag !== 'Extend') rowFail({ k: 'MissingEnumRow', id: r1.name });
    const [found, rest] = removeRowE(st, level, r2, r1.name, r1.arg);
    if (found) {
      const arg = found.arg;
      if (r1.arg && arg) {
        try {
          unify(st, level, r1.arg, arg);
        } catch (e) {
          if (e instanceof UnifFailure) rowFail({ k: 'EnumRowMismatch', id: r1.name, cause: e.error });
          throw e;
        }
      } else if (r1.arg || arg) rowFail({ k: 'EnumRowMismatch', id: r1.name, cause: undefined });
    }
    return unifyE(st, level, r1.tail, rest);
  }
  if (r2.tag === 'Extend') rowFail({ k: 'ExtraRow', id: r2.name });
}

/**
 * Takes the row `name` out of `rows`: its type (undefined when the rows were extensible and got
 * extended with `content`) and the remaining rows. Throws a missing row or a row conflict.
 */
export function removeRowR(st: UnifState, level: number, rows: RRows, name: string, content: UType): [UType | undefined, RRows] {
  const r = st.rootR(rows);
  switch (r.tag) {
    case 'Extend': {
      if (r.name === name) return [r.type, r.tail];
      const [found, rest] = removeRowR(st, level, r.tail, name, content);
      return [found, rrow(r.name, r.type, rest)];
    }
    case 'UVar': {
      const tailId = st.freshVarId(level);
      st.constraints.set(tailId, new Set([name]));
      const tail: RRows = { tag: 'UVar', id: tailId };
      const extended = rrow(name, content, tail);
      try {
        propagateR(st, extended, r.id);
      } catch (e) {
        if (e instanceof RowFailure) rowFail({ k: 'RecordRowConflict', id: name, type: content });
        throw e;
      }
      st.assign(r.id, extended, 'RecordRows');
      return [undefined, tail];
    }
    default:
      return rowFail({ k: 'MissingRecordRow', id: name });
  }
}

export function removeRowE(
  st: UnifState,
  level: number,
  rows: ERows,
  name: string,
  content: UType | undefined,
): [{ arg: UType | undefined } | undefined, ERows] {
  const r = st.rootE(rows);
  switch (r.tag) {
    case 'Extend': {
      // a tag and a variant of the same name are different rows
      if (r.name === name && (r.arg === undefined) === (content === undefined)) return [{ arg: r.arg }, r.tail];
      const [found, rest] = removeRowE(st, level, r.tail, name, content);
      return [found, erow(r.name, r.arg, rest)];
    }
    case 'UVar': {
      const tailId = st.freshVarId(level);
      if (content) st.constraints.set(tailId, new Set([name]));
      const tail: ERows = { tag: 'UVar', id: tailId };
      const extended = erow(name, content, tail);
      try {
        propagateE(st, extended, r.id);
      } catch (e) {
        if (e instanceof RowFailure) rowFail({ k: 'EnumRowConflict', id: name, arg: content });
        throw e;
      }
      st.assign(r.id, extended, 'EnumRows');
      return [undefined, tail];
    }
    default:
      return rowFail({ k: 'MissingEnumRow', id: name });
  }
}

/** A row variable's constraints hold for what it is unified with, and pass on to its tail variable. */
function propagateR(st: UnifState, rows: RRows, varId: number): void {
  const constr = st.constraints.get(varId);
  if (!constr) return;
  st.constraints.delete(varId);
  for (let r = st.rootR(rows); ; r = st.rootR(r.tail)) {
    if (r.tag === 'Extend') {
      if (constr.has(r.name)) rowFail({ k: 'RecordRowConflict', id: r.name, type: r.type });
      continue;
    }
    if (r.tag === 'UVar' && r.id !== varId) addConstraints(st, r.id, constr);
    return;
  }
}

function propagateE(st: UnifState, rows: ERows, varId: number): void {
  const constr = st.constraints.get(varId);
  if (!constr) return;
  st.constraints.delete(varId);
  for (let r = st.rootE(rows); ; r = st.rootE(r.tail)) {
    if (r.tag === 'Extend') {
      if (r.arg && constr.has(r.name)) rowFail({ k: 'EnumRowConflict', id: r.name, arg: r.arg });
      continue;
    }
    if (r.tag === 'UVar' && r.id !== varId) addConstraints(st, r.id, constr);
    return;
  }
}

function addConstraints(st: UnifState, id: number, constr: Set<string>): void {
  const existing = st.constraints.get(id);
  if (existing) for (const c of constr) existing.add(c);
  else st.constraints.set(id, new Set(constr));
}
