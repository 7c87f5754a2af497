/**
 * Constant data: literals that are plain data all the way down (`{ a = 1, b = [true, "x"] }`, no
 * variables, interpolation, annotations, merges or includes). Such a literal's exported form does
 * not depend on its scope, so export turns a field still suspended on one into its Plain value
 * straight from the AST, skipping the thunks, fields and records evaluation would build only to
 * take them apart again. Large data files are mostly such literals.
 */
import type { Expr, FieldMeta, NumLit, RecordLit } from '../ast/nodes.js';
import { PlainRecord, sortUniqueFields, type Plain } from '../export/plain.js';
import { neg, numberFromLiteral, type Num } from '../number/num.js';

/** Returned for an expression that is not constant data. */
export const NOT_CONSTANT: unique symbol = Symbol('lamina.notConstant');

/**
 * The exported value of `e` when it is constant data, else NOT_CONSTANT. `variable` holds the
 * literals already found not to be constant (analysis/facts.ts keeps it), so a deep literal with
 * one variable at the bottom is not re-walked for every level export descends through.
 */
export function constantPlain(e: Expr, variable: Set<Expr>): Plain | typeof NOT_CONSTANT {
  switch (e.kind) {
    case 'Null':
      return null;
    case 'Bool':
      return e.value;
    case 'Num':
      return numberOf(e);
    case 'Str': {
      let s = '';
      for (const c of e.chunks) {
        if (c.kind !== 'Lit') return NOT_CONSTANT;
        s += c.value;
      }
      return s;
    }
    case 'Unary':
      // `-1.5` is negation applied to a literal
      return e.op === 'Neg' && e.operand.kind === 'Num' ? negated(numberOf(e.operand)) : NOT_CONSTANT;
    case 'Enum':
      return e.arg === undefined ? e.tag : NOT_CONSTANT;
    case 'Array': {
      if (variable.has(e)) return NOT_CONSTANT;
      const out = new Array<Plain>(e.items.length);
      for (let i = 0; i < out.length; i++) {
        // biome-ignore lint/plugin: i < out.length === e.items.length
        const item = constantPlain(e.items[i]!, variable);
        if (item === NOT_CONSTANT) return mark(e, variable);
        out[i] = item;
      }
      return out;
    }
    case 'Data':
      return e.value;
    case 'Record':
      return variable.has(e) ? NOT_CONSTANT : recordPlain(e, variable);
    default:
      return NOT_CONSTANT;
  }
}

function recordPlain(e: RecordLit, variable: Set<Expr>): Plain | typeof NOT_CONSTANT {
  if (e.includes.length > 0) return mark(e, variable);
  const fields = e.fields;
  const out = new Array<[string, Plain]>(fields.length);
  let sorted = true;
  for (let i = 0; i < fields.length; i++) {
    // biome-ignore lint/plugin: i < fields.length
    const def = fields[i]!;
    const head = def.path[0];
    if (def.path.length !== 1 || head.kind !== 'Static' || def.value === undefined || !exportedAsIs(def.meta)) return mark(e, variable);
    const value = constantPlain(def.value, variable);
    if (value === NOT_CONSTANT) return mark(e, variable);
    out[i] = [head.name, value];
    const previous = i > 0 ? out[i - 1] : undefined;
    if (previous !== undefined && !(previous[0] < head.name)) sorted = false;
  }
  if (!sorted && !sortUniqueFields(out)) return mark(e, variable);
  return new PlainRecord(out);
}

/** Metadata that changes nothing about the exported value (a doc string at most). */
function exportedAsIs(m: FieldMeta): boolean {
  return !m.type && m.contracts.length === 0 && !m.priority && !m.optional && !m.notExported;
}

function mark(e: Expr, variable: Set<Expr>): typeof NOT_CONSTANT {
  variable.add(e);
  return NOT_CONSTANT;
}

/** A number literal's value; one the evaluator would reject is left to it (not constant). */
function numberOf(e: NumLit): Num | typeof NOT_CONSTANT {
  return numberFromLiteral(e.text) ?? NOT_CONSTANT;
}

function negated(n: Num | typeof NOT_CONSTANT): Num | typeof NOT_CONSTANT {
  return n === NOT_CONSTANT ? n : neg(n);
}
