/**
 * Pending contracts are deduplicated when they are combined (a merge, a record contract's fields,
 * `{_ | C}`), as the reference does: a contract already pending on a field is not applied again.
 * Without it a field of a record merged with the same contract library at every level of a
 * module system carries one more copy of each contract per level, and every copy re-applies a
 * record contract, itself a merge — work that grows with each layer instead of once.
 *
 * Equality is decided without forcing anything (forcing a contract may fail or diverge): the same
 * pending contract or contract thunk, the same annotation re-closed over the same record, two
 * annotations naming the same field of the record they are merged into, the same suspended
 * expression in the same scope, or the same evaluated contract value.
 */
import type { Expr, Import, TypeAnnot } from '../ast/nodes.js';
import { lookup, runtimeOf, type Env } from '../eval/env.js';
import { importValue } from '../eval/imports.js';
import type { Thunk } from '../eval/thunk.js';
import { CustomContract, TypeContract, type PendingContract } from '../eval/value.js';

export function sameContract(a: PendingContract, b: PendingContract): boolean {
  if (a === b) return true;
  const at = a.template;
  const bt = b.template;
  if (at !== undefined || bt !== undefined) {
    // Both are re-closed over every instance of the record they are merged into: the same
    // annotation of the same literal, or the same field of it (`config | Schema` in each module).
    if (at === undefined || bt === undefined) return false;
    if (at.annot === bt.annot && at.origin === bt.origin) return true;
    const name = fieldNamed(at.annot);
    return name !== undefined && name === fieldNamed(bt.annot) && at.origin.names.includes(name) && bt.origin.names.includes(name);
  }
  return sameContractThunk(a.contract, b.contract);
}

/** `X` when the annotation is `| X` alone. */
function fieldNamed(annot: TypeAnnot): string | undefined {
  return annot.type.kind === 'Contract' && annot.type.expr.kind === 'Var' ? annot.type.expr.name : undefined;
}

/** How many variables a comparison may follow (the reference's bound too): cycles end there. */
const GAS = 12;

function sameContractThunk(a: Thunk, b: Thunk, gas = { left: GAS }): boolean {
  if (a === b) return true;
  const ae = a.suspendedExpr;
  const be = b.suspendedExpr;
  if (ae !== undefined || be !== undefined) return ae !== undefined && be !== undefined && sameTerm(ae, a.env!, be, b.env!, gas);
  if (!a.isEvaluated || !b.isEvaluated) return false;
  const av = a.value;
  const bv = b.value;
  if (av === bv) return true;
  if (av instanceof TypeContract && bv instanceof TypeContract) return av.type === bv.type && av.env === bv.env && av.tyVars === bv.tyVars;
  if (av instanceof CustomContract && bv instanceof CustomContract) return av.fn === bv.fn;
  return false;
}

/**
 * Two contract expressions that denote the same contract: the same node in the same scope, or
 * alike in shape (`lib.Schema` in two modules that import the same `lib`), following variables to
 * what they are bound to. Only the forms annotations are made of; anything else is "different".
 */
function sameTerm(a: Expr, aEnv: Env, b: Expr, bEnv: Env, gas: { left: number }): boolean {
  if (a === b && aEnv === bEnv) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'Var': {
      const at = lookup(aEnv, a.name);
      const bt = lookup(bEnv, (b as typeof a).name);
      if (at === undefined || bt === undefined) return at === bt && a.name === (b as typeof a).name;
      if (--gas.left < 0) return false;
      return sameContractThunk(at, bt, gas);
    }
    case 'FieldAccess': {
      const bf = (b as typeof a).field;
      return a.field.kind === 'Static' && bf.kind === 'Static' && a.field.name === bf.name && sameTerm(a.record, aEnv, (b as typeof a).record, bEnv, gas);
    }
    case 'App':
      return sameTerm(a.fn, aEnv, (b as typeof a).fn, bEnv, gas) && sameTerm(a.arg, aEnv, (b as typeof a).arg, bEnv, gas);
    case 'Import':
      return sameImport(a, aEnv, b as typeof a, bEnv);
    case 'Str': {
      const bc = (b as typeof a).chunks;
      return (
        a.chunks.length <= 1 &&
        bc.length === a.chunks.length &&
        a.chunks.every((c, i) => {
          const other = bc[i];
          return c.kind === 'Lit' && other?.kind === 'Lit' && c.value === other.value;
        })
      );
    }
    case 'Num':
      return a.text === (b as typeof a).text;
    case 'Bool':
      return a.value === (b as typeof a).value;
    case 'Null':
      return true;
    case 'Enum':
      return a.arg === undefined && (b as typeof a).arg === undefined && a.tag === (b as typeof a).tag;
    default:
      return false;
  }
}

/** Two imports of the same file (already loaded: resolving one again costs a path lookup). */
function sameImport(a: Import, aEnv: Env, b: Import, bEnv: Env): boolean {
  if (a.package !== undefined || b.package !== undefined || a.format !== b.format) return false;
  try {
    return importValue(a, runtimeOf(aEnv)) === importValue(b, runtimeOf(bEnv));
  } catch {
    return false;
  }
}

/** `first` then the contracts of `second` not already in `first` (first's are kept: they blame first). */
export function combineContracts(first: readonly PendingContract[], second: readonly PendingContract[]): readonly PendingContract[] {
  if (second.length === 0) return first;
  if (first.length === 0) return second;
  let out: PendingContract[] | undefined;
  for (let i = 0; i < second.length; i++) {
    // biome-ignore lint/plugin: i < second.length
    const c = second[i]!;
    let dup = false;
    // biome-ignore lint/plugin: j < first.length
    for (let j = 0; j < first.length && !dup; j++) dup = sameContract(first[j]!, c);
    if (dup) {
      out ??= second.slice(0, i);
    } else if (out !== undefined) out.push(c);
  }
  if (out === undefined) return [...first, ...second];
  return out.length === 0 ? first : [...first, ...out];
}

/** `contracts` plus `c`, unless an equal contract is already pending. */
export function pushContract(contracts: readonly PendingContract[], c: PendingContract): readonly PendingContract[] {
  // biome-ignore lint/plugin: i < contracts.length (an indexed loop: this runs for every contract pushed)
  for (let i = 0; i < contracts.length; i++) if (sameContract(contracts[i]!, c)) return contracts;
  return [...contracts, c];
}
