/**
 * Instantiation of `forall`s and the subsumption rule: where an inferred type meets the type it
 * is checked against, heading `forall`s become unification variables, a record type may be used
 * as a dictionary whose fields all have one type, and arrays and dictionaries are covariant.
 */
import type { UnifState } from './state.js';
import { recordOf, subst, type RRows, type UType } from './types.js';
import { RowFailure, rowToUnif, UnifFailure, removeRowR, unify, unifyR, type RowError } from './unify.js';

export type Instantiation = 'Constant' | 'UnifVar';

/**
 * Replaces the heading `forall`s of `t` by fresh constants (checking against a polymorphic type)
 * or unification variables (using a polymorphic value), one level up. Returns the new level.
 */
export function instantiate(st: UnifState, level: number, t: UType, how: Instantiation): [UType, number] {
  t = st.root(t);
  if (t.tag !== 'Forall') return [t, level];
  level++;
  while (t.tag === 'Forall') {
    const id = how === 'Constant' ? st.freshConstId(level) : st.freshVarId(level);
    st.names.set(id, t.name);
    const to = how === 'Constant' ? ({ tag: 'Const', id } as const) : ({ tag: 'UVar', id } as const);
    if (how === 'UnifVar' && t.kind !== 'Type') st.constraints.set(id, new Set(t.excluded));
    t = subst(t.body, t.name, t.kind, to);
  }
  return [t, level];
}

/** `inferred` can be used where `checked` is expected. */
export function subsumedBy(st: UnifState, level: number, inferredPoly: UType, checkedType: UType): void {
  const [inferred, lvl] = instantiate(st, level, inferredPoly, 'UnifVar');
  const checked = st.root(checkedType);
  if (inferred.tag === 'Record' && checked.tag === 'Dict') {
    let previous: UType | undefined;
    let r: RRows = st.rootR(inferred.rows);
    for (; r.tag === 'Extend'; r = st.rootR(r.tail)) {
      try {
        subsumedBy(st, lvl, r.type, checked.elem);
      } catch (e) {
        if (e instanceof UnifFailure && previous) throw new UnifFailure({ k: 'InhomogeneousRecord', rowA: previous, rowB: r.type });
        throw e;
      }
      previous = r.type;
    }
    if (r.tag === 'UVar') st.assign(r.id, { tag: 'Empty' }, 'RecordRows');
    else if (r.tag === 'Const') throw new UnifFailure({ k: 'WithConst', kind: 'RecordRows', constId: r.id, inferred: checked });
    return;
  }
  if ((inferred.tag === 'Array' && checked.tag === 'Array') || (inferred.tag === 'Dict' && checked.tag === 'Dict')) {
    return subsumedBy(st, lvl, inferred.elem, checked.elem);
  }
  if (inferred.tag === 'Record' && checked.tag === 'Record') {
    try {
      subsumedRows(st, lvl, inferred.rows, checked.rows);
    } catch (e) {
      if (e instanceof RowFailure) throw new UnifFailure(rowToUnif(e.error, recordOf(checked.rows), recordOf(inferred.rows)));
      throw e;
    }
    return;
  }
  unify(st, lvl, checked, inferred);
}

const rowFail = (e: RowError): never => {
  throw new RowFailure(e);
};

function subsumedRows(st: UnifState, level: number, inferredRows: RRows, checkedRows: RRows): void {
  const r1 = st.rootR(inferredRows);
  const r2 = st.rootR(checkedRows);
  if (r1.tag === 'Extend' && r2.tag === 'Extend') {
    const [found, rest] = removeRowR(st, level, r1, r2.name, r2.type);
    if (found) {
      try {
        subsumedBy(st, level, found, r2.type);
      } catch (e) {
        if (e instanceof UnifFailure) rowFail({ k: 'RecordRowMismatch', id: r2.name, cause: e.error });
        throw e;
      }
    }
    return subsumedRows(st, level, rest, r2.tail);
  }
  if (r1.tag === 'UVar' || r2.tag === 'UVar' || r1.tag === 'Const' || r2.tag === 'Const') {
    // the reference's rules coincide with unification's from here
    return unifyR(st, level, r2, r1);
  }
  if (r1.tag === 'Var') rowFail({ k: 'UnboundTypeVariable', name: r1.name, span: r1.span });
  if (r2.tag === 'Var') rowFail({ k: 'UnboundTypeVariable', name: r2.name, span: r2.span });
  if (r1.tag === r2.tag) return;
  if (r1.tag === 'Extend') rowFail({ k: 'ExtraRow', id: r1.name });
  if (r2.tag === 'Extend') rowFail({ k: 'MissingRecordRow', id: r2.name });
  rowFail({ k: 'ExtraDynTail' });
}
