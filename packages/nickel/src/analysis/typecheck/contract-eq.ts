/**
 * When two contracts used as types are the same type: the reference compares their terms
 * structurally, following let-bound variables to what they stand for (with a bounded amount of
 * gas, so cycles end), and treats everything it cannot compare (functions, …) as different.
 */
import type { Expr, FieldName, StrChunk, Type } from '../../ast/nodes.js';
import { lookupTerm, type TermEnv } from './term-env.js';

const MAX_GAS = 12;

export function contractsEqual(a: Expr, envA: TermEnv | undefined, b: Expr, envB: TermEnv | undefined): boolean {
  return new ContractEq().expr(a, envA, b, envB);
}

class ContractEq {
  gas = MAX_GAS;

  expr(a: Expr, ea: TermEnv | undefined, b: Expr, eb: TermEnv | undefined): boolean {
    if (a === b && ea === eb) return true;
    if (a.kind === 'Var' && b.kind === 'Var') {
      const ba = lookupTerm(ea, a.name);
      const bb = lookupTerm(eb, b.name);
      if (!ba && !bb) return a.name === b.name;
      if (ba === bb) return true;
    }
    if (a.kind === 'Var') {
      const ba = lookupTerm(ea, a.name);
      return this.useGas() && ba !== undefined && this.expr(ba.expr, ba.env, b, eb);
    }
    if (b.kind === 'Var') {
      const bb = lookupTerm(eb, b.name);
      return this.useGas() && bb !== undefined && this.expr(a, ea, bb.expr, bb.env);
    }
    switch (a.kind) {
      case 'Null':
        return b.kind === 'Null';
      case 'Bool':
        return b.kind === 'Bool' && a.value === b.value;
      case 'Num':
        return b.kind === 'Num' && Number(a.text) === Number(b.text);
      case 'Str':
        return b.kind === 'Str' && a.chunks.length === b.chunks.length && a.chunks.every((c, i) => literalChunkEq(c, b.chunks[i]));
      case 'Enum':
        return b.kind === 'Enum' && a.tag === b.tag && (a.arg === undefined ? b.arg === undefined : b.arg !== undefined && this.expr(a.arg, ea, b.arg, eb));
      case 'App':
        return b.kind === 'App' && this.expr(a.fn, ea, b.fn, eb) && this.expr(a.arg, ea, b.arg, eb);
      case 'Array':
        return b.kind === 'Array' && a.items.length === b.items.length && a.items.every((x, i) => this.exprAt(x, ea, b.items[i], eb));
      case 'FieldAccess':
        return b.kind === 'FieldAccess' && fieldNameEq(a.field, b.field) && this.expr(a.record, ea, b.record, eb);
      case 'Type':
        return b.kind === 'Type' && this.type(a.type, ea, b.type, eb);
      case 'Record':
        return (
          b.kind === 'Record' &&
          a.includes.length === 0 &&
          b.includes.length === 0 &&
          a.open === b.open &&
          a.fields.length === b.fields.length &&
          // fields are compared by name, in any order, as the reference's record terms are maps
          a.fields.every((f) => {
            const g = b.fields.find((x) => x.path.length === f.path.length && f.path.every((p, j) => fieldNameEq(p, x.path[j])));
            return (
              g !== undefined &&
              (f.value === undefined ? g.value === undefined : g.value !== undefined && this.expr(f.value, ea, g.value, eb)) &&
              f.meta.optional === g.meta.optional &&
              f.meta.notExported === g.meta.notExported &&
              (f.meta.type === undefined ? g.meta.type === undefined : g.meta.type !== undefined && this.type(f.meta.type.type, ea, g.meta.type.type, eb)) &&
              f.meta.contracts.length === g.meta.contracts.length &&
              f.meta.contracts.every((c, k) => this.typeAt(c.type, ea, g.meta.contracts[k]?.type, eb))
            );
          })
        );
      default:
        return false;
    }
  }

  type(a: Type, ea: TermEnv | undefined, b: Type, eb: TermEnv | undefined): boolean {
    switch (a.kind) {
      case 'Contract':
        return b.kind === 'Contract' && this.expr(a.expr, ea, b.expr, eb);
      case 'Array':
        return b.kind === 'Array' && this.type(a.elem, ea, b.elem, eb);
      case 'Dict':
        return b.kind === 'Dict' && a.contract === b.contract && this.type(a.elem, ea, b.elem, eb);
      case 'Arrow':
        return b.kind === 'Arrow' && this.type(a.domain, ea, b.domain, eb) && this.type(a.codomain, ea, b.codomain, eb);
      case 'TypeVar':
        return b.kind === 'TypeVar' && a.name === b.name;
      case 'Forall':
        return b.kind === 'Forall' && a.vars.join(' ') === b.vars.join(' ') && this.type(a.body, ea, b.body, eb);
      case 'RecordType':
        return (
          b.kind === 'RecordType' &&
          a.tail.kind === b.tail.kind &&
          a.fields.length === b.fields.length &&
          a.fields.every((f) => {
            const g = b.fields.find((x) => x.name === f.name);
            return g !== undefined && this.type(f.type, ea, g.type, eb);
          })
        );
      case 'EnumType':
        return (
          b.kind === 'EnumType' &&
          a.rows.length === b.rows.length &&
          a.rows.every((r) => {
            const s = b.rows.find((x) => x.tag === r.tag);
            return s !== undefined && (r.arg === undefined ? s.arg === undefined : s.arg !== undefined && this.type(r.arg, ea, s.arg, eb));
          })
        );
      default:
        return a.kind === b.kind;
    }
  }

  private exprAt(a: Expr, ea: TermEnv | undefined, b: Expr | undefined, eb: TermEnv | undefined): boolean {
    return b !== undefined && this.expr(a, ea, b, eb);
  }

  private typeAt(a: Type, ea: TermEnv | undefined, b: Type | undefined, eb: TermEnv | undefined): boolean {
    return b !== undefined && this.type(a, ea, b, eb);
  }

  private useGas(): boolean {
    if (this.gas === 0) return false;
    this.gas--;
    return true;
  }
}

function literalChunkEq(a: StrChunk, b: StrChunk | undefined): boolean {
  return b !== undefined && a.kind === 'Lit' && b.kind === 'Lit' && a.value === b.value;
}

function fieldNameEq(a: FieldName, b: FieldName | undefined): boolean {
  return a.kind === 'Static' && b?.kind === 'Static' && a.name === b.name;
}
