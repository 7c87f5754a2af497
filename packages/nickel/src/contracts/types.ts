/**
 * Types as contracts: the run-time check a type annotation stands for. Arrays, records and
 * functions are checked lazily (element by element, field by field, call by call); polymorphic
 * type variables seal values so a function cannot inspect them.
 */
import type { RecordTypeField, Type } from '../ast/nodes.js';
import { extraFieldsMessage } from '../diagnostics/eval-errors.js';
import { freshKey } from '../eval/runtime.js';
import type { Env } from '../eval/env.js';
import { evalExpr } from '../eval/eval.js';
import { instantiate, NO_CONTRACTS } from '../eval/record.js';
import { Thunk } from '../eval/thunk.js';
import {
  ArrayValue,
  EnumValue,
  ForeignValue,
  isFunc,
  isNum,
  NativeFunc,
  RecordValue,
  SealedValue,
  TailCall,
  TypeContract,
  typeName,
  type Field,
  type SealedTail,
  type TyVarScope,
  type Value,
} from '../eval/value.js';
import { applyContract, blame } from './apply.js';
import { pushContract } from './dedup.js';
import { codomainLabel, domainLabel, withMessage, withPath, type Label } from './label.js';

function lookupVar(scope: TyVarScope | undefined, name: string): TyVarScope | undefined {
  for (let s = scope; s; s = s.parent) if (s.name === name) return s;
  return undefined;
}

function mismatch(label: Label, expected: string, v: Value, value: Thunk): never {
  throw blame(withMessage(label, label.diag.message ?? `expected ${expected}, got ${article(typeName(v))}`), value);
}

function article(t: string): string {
  return /^[AEIOU]/.test(t) ? `an ${t}` : `a ${t}`;
}

export function applyType(t: Type, env: Env, vars: TyVarScope | undefined, label: Label, value: Thunk): Value {
  switch (t.kind) {
    case 'Dyn':
    case 'Wildcard':
    case 'Symbol':
      return value.force();
    case 'Number': {
      const v = value.force();
      if (!isNum(v)) mismatch(label, 'a Number', v, value);
      return v;
    }
    case 'Bool': {
      const v = value.force();
      if (typeof v !== 'boolean') mismatch(label, 'a Bool', v, value);
      return v;
    }
    case 'String': {
      const v = value.force();
      if (typeof v !== 'string') mismatch(label, 'a String', v, value);
      return v;
    }
    case 'ForeignId': {
      const v = value.force();
      if (!(v instanceof ForeignValue)) mismatch(label, 'a ForeignId', v, value);
      return v;
    }
    case 'Array': {
      const v = value.force();
      if (!(v instanceof ArrayValue)) mismatch(label, 'an Array', v, value);
      if (t.elem.kind === 'Dyn') return v;
      const elemLabel = withPath(label, 'Array');
      const elem = t.elem;
      // Items already known to pass (evaluated strings for `Array String`…) need no guard; an
      // array of only those is returned as it is rather than copied.
      const items = v.items;
      let guarded: Thunk[] | undefined;
      for (let i = 0; i < items.length; i++) {
        // biome-ignore lint/plugin: i < items.length
        const item = items[i]!;
        const checked = lazyType(elem, env, vars, elemLabel, item);
        if (guarded !== undefined) guarded[i] = checked;
        else if (checked !== item) {
          guarded = items.slice(0, i);
          guarded[i] = checked;
        }
      }
      return guarded === undefined ? v : new ArrayValue(guarded);
    }
    case 'Arrow': {
      const v = value.force();
      if (!isFunc(v)) mismatch(label, 'a Function', v, value);
      // `Dyn -> Dyn` only checks that the value is a function: no wrapper needed.
      if (isDynLike(t.domain) && isDynLike(t.codomain)) return v;
      const { domain, codomain } = t;
      const domLabel = isDynLike(domain) ? undefined : domainLabel(label);
      const codLabel = isDynLike(codomain) ? undefined : codomainLabel(label);
      return new NativeFunc('contract', 1, [], (args, span) => {
        // biome-ignore lint/plugin: a NativeFunc of arity 1 is called with its one argument
        const arg = domLabel === undefined ? args[0]! : lazyType(domain, env, vars, domLabel, args[0]!);
        const check = codLabel === undefined ? undefined : (result: Value) => applyType(codomain, env, vars, codLabel, Thunk.of(result));
        return new TailCall(v, [arg], span, check);
      });
    }
    case 'Forall': {
      let scope = vars;
      for (const name of t.vars) {
        scope = { name, key: freshKey(), polarity: label.polarity, kind: 'Type', parent: scope };
      }
      return applyType(t.body, env, scope, label, value);
    }
    case 'TypeVar': {
      const b = lookupVar(vars, t.name);
      if (!b) return value.force();
      // At the forall's own polarity the value comes back out (unseal); elsewhere it goes in.
      if (b.polarity !== label.polarity) return new SealedValue(b.key, value, label);
      const v = value.force();
      if (v instanceof SealedValue && v.key === b.key) return v.inner.force();
      throw blame(
        withMessage(label, label.diag.message ?? 'a polymorphic function returned a value it was not given (or tried to inspect a sealed one)'),
        value,
      );
    }
    case 'RecordType':
      return applyRecordType(t, env, vars, label, value);
    case 'EnumType': {
      const v = value.force();
      if (!(v instanceof EnumValue)) mismatch(label, 'an enum', v, value);
      // `'Foo` and `'Foo T` are different rows.
      const row = t.rows.find((r) => r.tag === v.tag && (r.arg !== undefined) === (v.arg !== undefined));
      if (!row) {
        if (t.tail.kind !== 'Closed') return v;
        throw blame(withMessage(label, label.diag.message ?? `tag \`'${v.tag}\` is not allowed by this enum type`), value);
      }
      if (row.arg === undefined) {
        if (v.arg) throw blame(withMessage(label, `expected the enum tag \`'${v.tag}\`, got an enum variant`), value);
        return v;
      }
      if (!v.arg) throw blame(withMessage(label, `expected an enum variant \`'${v.tag}\` with an argument`), value);
      return new EnumValue(v.tag, lazyType(row.arg, env, vars, label, v.arg));
    }
    case 'Dict': {
      const v = value.force();
      if (!(v instanceof RecordValue)) mismatch(label, 'a Record', v, value);
      const elemLabel = withPath(label, 'Dict');
      const contract = Thunk.of(new TypeContract(t.elem, env, vars));
      const templates = new Map<string, Field>();
      v.fields.forEach((f, n) => {
        const fieldLabel = { ...elemLabel, field: n };
        // `{_ | C}` stays pending on the fields (it follows merges); `{_ : T}` is applied now.
        templates.set(
          n,
          t.contract ? { ...f, contracts: pushContract(f.contracts, { contract, label: fieldLabel }) } : typedField(f, t.elem, env, vars, fieldLabel),
        );
      });
      return instantiate(templates, v.open, v.span, v.sealedTail);
    }
    case 'Contract':
      return applyContract(evalExpr(t.expr, env), label, value);
  }
}

/** The field with its value checked against a type; like the reference's record mapping, it freezes it. */
function typedField(f: Field, t: Type, env: Env, vars: TyVarScope | undefined, label: Label): Field {
  if (!f.value) return f;
  return { ...f, contracts: NO_CONTRACTS, defn: { k: 'Fixed', thunk: lazyType(t, env, vars, label, f.value) } };
}

/** Whether `v` passes the flat type `t` (Number, Bool, String); false for every other type. */
function hasFlatType(t: Type, v: Value): boolean {
  switch (t.kind) {
    case 'Number':
      return isNum(v);
    case 'Bool':
      return typeof v === 'boolean';
    case 'String':
      return typeof v === 'string';
    default:
      return false;
  }
}

/** Types whose contract accepts every value (or, for arrows of such, every function). */
function isDynLike(t: Type): boolean {
  return t.kind === 'Dyn' || t.kind === 'Wildcard';
}

function lazyType(t: Type, env: Env, vars: TyVarScope | undefined, label: Label, value: Thunk): Thunk {
  // A value already known to have a flat type needs no guard: the guard would only check it when
  // forced, and return it unchanged. (A failing check stays lazy: it blames only if forced.)
  if (value.isEvaluated && hasFlatType(t, value.force())) return value;
  const out = Thunk.lazy(() => applyType(t, env, vars, label, value));
  out.expr = value.expr;
  return out;
}

function applyRecordType(t: Extract<Type, { kind: 'RecordType' }>, env: Env, vars: TyVarScope | undefined, label: Label, value: Thunk): Value {
  const forced = value.force();
  if (!(forced instanceof RecordValue)) mismatch(label, 'a Record', forced, value);
  let v: RecordValue = forced as RecordValue;
  const tailVar = t.tail.kind === 'Var' ? lookupVar(vars, t.tail.name) : undefined;
  let fields = v.fields;
  let sealedTail: SealedTail | undefined = v.sealedTail;
  // Unsealing a tail this contract sealed earlier restores the hidden fields.
  const unsealing = tailVar !== undefined && tailVar.polarity === label.polarity;
  if (unsealing) {
    if (v.sealedTail?.key !== tailVar.key) {
      throw blame(withMessage(label, label.diag.message ?? 'the record lacks the polymorphic tail it was given'), value);
    }
    for (const n of v.sealedTail.fields.keys()) {
      if (fields.has(n)) throw blame(withMessage(label, label.diag.message ?? `field \`${n}\` conflicts with the polymorphic tail`), value);
    }
    fields = new Map([...fields, ...v.sealedTail.fields]);
    sealedTail = undefined;
  }
  const typed = new Map<string, RecordTypeField>();
  for (const f of t.fields) typed.set(f.name, f);
  for (const f of t.fields) {
    const field = fields.get(f.name);
    if (!field || (!field.value && field.optional)) {
      throw blame(withMessage(label, label.diag.message ?? `missing field \`${f.name}\``), value);
    }
  }
  const templates = new Map<string, Field>();
  const hidden = new Map<string, Field>();
  const extra: string[] = [];
  fields.forEach((f, n) => {
    const ft = typed.get(n);
    if (ft) {
      templates.set(n, typedField(f, ft.type, env, vars, { ...withPath(label, { field: n }), field: n }));
      return;
    }
    if (t.tail.kind === 'Closed' || (unsealing && !v.sealedTail!.fields.has(n))) {
      if (!f.value && f.optional) return;
      extra.push(n);
      return;
    }
    if (tailVar && tailVar.polarity !== label.polarity) hidden.set(n, f);
    else templates.set(n, f);
  });
  // the reference names every extra field at once
  if (extra.length > 0) throw blame(withMessage(label, label.diag.message ?? extraFieldsMessage(extra, 'type')), value);
  if (tailVar && !unsealing) sealedTail = { key: tailVar.key, fields: hidden, label };
  v = instantiate(templates, v.open, v.span, sealedTail);
  return v;
}

/**
 * The immediate part of a type contract, for `%contract/check%`: a message when the value's
 * shape is wrong, undefined when the (possibly delayed) contract may hold.
 */
export function immediateTypeCheck(t: Type, env: Env, value: Thunk): string | undefined {
  const expect = (ok: boolean, what: string): string | undefined => {
    if (ok) return undefined;
    return `expected ${what}, got ${article(typeName(value.force()))}`;
  };
  switch (t.kind) {
    case 'Number':
      return expect(isNum(value.force()), 'a Number');
    case 'Bool':
      return expect(typeof value.force() === 'boolean', 'a Bool');
    case 'String':
      return expect(typeof value.force() === 'string', 'a String');
    case 'Array':
      return expect(value.force() instanceof ArrayValue, 'an Array');
    case 'Arrow':
      return expect(isFunc(value.force()), 'a Function');
    case 'RecordType':
    case 'Dict':
      return expect(value.force() instanceof RecordValue, 'a Record');
    case 'EnumType': {
      const v = value.force();
      if (!(v instanceof EnumValue)) return expect(false, 'an enum');
      if (t.tail.kind === 'Closed' && !t.rows.some((r) => r.tag === v.tag && (r.arg !== undefined) === (v.arg !== undefined))) {
        return `tag \`'${v.tag}\` is not allowed`;
      }
      return undefined;
    }
    default:
      void env;
      return undefined;
  }
}
