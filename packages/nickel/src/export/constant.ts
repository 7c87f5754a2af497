/**
 * Export shortcut for literals that are plain data all the way down (`{ a = 1, b = [true, "x"] }`,
 * no variables, interpolation, annotations, merges or includes). Such a literal's exported form
 * does not depend on its scope, so a field still suspended on one is turned into its Plain value
 * straight from the AST, skipping the thunks, fields and records evaluation would build only to
 * take them apart again. Large data files are mostly such literals.
 */
import type { Expr, FieldMeta, RecordLit } from '../ast/nodes.js';
import { numLiteral } from '../eval/eval.js';
import { neg } from '../number/num.js';
import { PlainRecord, sortUniqueFields, type Plain } from './plain.js';

/** Returned for an expression that is not constant data. */
export const NOT_CONSTANT: unique symbol = Symbol('lamina.notConstant');

/**
 * Literals already found not to be constant, remembered on the node under a private symbol (the
 * same way eval/record.ts memoises record shapes) so a deep literal with one variable at the
 * bottom is not re-walked for every level toPlain descends through.
 */
const VARIABLE = Symbol('lamina.notConstantLiteral');
type Marked = Expr & { [VARIABLE]?: true };

/** The exported value of `e` when it is constant data, else NOT_CONSTANT. */
export function constantPlain(e: Expr): Plain | typeof NOT_CONSTANT {
  switch (e.kind) {
    case 'Null':
      return null;
    case 'Bool':
      return e.value;
    case 'Num':
      return numLiteral(e);
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
      return e.op === 'Neg' && e.operand.kind === 'Num' ? neg(numLiteral(e.operand)) : NOT_CONSTANT;
    case 'Enum':
      return e.arg === undefined ? e.tag : NOT_CONSTANT;
    case 'Array': {
      if ((e as Marked)[VARIABLE]) return NOT_CONSTANT;
      const out = new Array<Plain>(e.items.length);
      for (let i = 0; i < out.length; i++) {
        // biome-ignore lint/plugin: i < out.length === e.items.length
        const item = constantPlain(e.items[i]!);
        if (item === NOT_CONSTANT) return mark(e);
        out[i] = item;
      }
      return out;
    }
    case 'Data':
      return e.value;
    case 'Record':
      return (e as Marked)[VARIABLE] ? NOT_CONSTANT : recordPlain(e);
    default:
      return NOT_CONSTANT;
  }
}

function recordPlain(e: RecordLit): Plain | typeof NOT_CONSTANT {
  if (e.includes.length > 0) return mark(e);
  const fields = e.fields;
  const out = new Array<[string, Plain]>(fields.length);
  let sorted = true;
  for (let i = 0; i < fields.length; i++) {
    // biome-ignore lint/plugin: i < fields.length
    const def = fields[i]!;
    const head = def.path[0];
    if (def.path.length !== 1 || head.kind !== 'Static' || def.value === undefined || !exportedAsIs(def.meta)) return mark(e);
    const value = constantPlain(def.value);
    if (value === NOT_CONSTANT) return mark(e);
    out[i] = [head.name, value];
    const previous = i > 0 ? out[i - 1] : undefined;
    if (previous !== undefined && !(previous[0] < head.name)) sorted = false;
  }
  if (!sorted && !sortUniqueFields(out)) return mark(e);
  return new PlainRecord(out);
}

/** Metadata that changes nothing about the exported value (a doc string at most). */
function exportedAsIs(m: FieldMeta): boolean {
  return !m.type && m.contracts.length === 0 && !m.priority && !m.optional && !m.notExported;
}

function mark(e: Expr): typeof NOT_CONSTANT {
  (e as Marked)[VARIABLE] = true;
  return NOT_CONSTANT;
}
