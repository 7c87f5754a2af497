/**
 * Deep evaluation for export: forces every value an export needs, applies pending contracts (by
 * forcing fields), and produces the Plain tree the serialisers write.
 */
import type { NickelError } from '../diagnostics/error.js';
import { missingFieldDef } from '../diagnostics/eval-errors.js';
import { nonSerializable } from '../diagnostics/export-errors.js';
import { deepForce } from '../primops/misc.js';
import {
  ArrayValue,
  Closure,
  CustomContract,
  EnumValue,
  isNum,
  LabelValue,
  MatchClosure,
  RecordValue,
  SealedValue,
  TypeContract,
  typeName,
  type Value,
} from '../eval/value.js';
import type { Span } from '../source/span.js';
import { PlainRecord, sortFields, type Plain } from './plain.js';
import { NOT_CONSTANT } from '../analysis/constant-data.js';
import type { Thunk } from '../eval/thunk.js';
import { importValue } from '../eval/imports.js';
import { runtimeOf } from '../eval/env.js';

/**
 * The reference evaluates the whole value before it serialises anything: an evaluation error
 * anywhere wins over a value that can't be serialised, and of those the first in definition
 * order (depth first) is reported. The walk is in another order, so it keeps them all.
 */
interface Walk {
  /** Where the walk is, in definition order: a field's rank in its record, an item's index. */
  readonly at: number[];
  unserializable?: { at: number[]; error: NickelError };
}

/**
 * The exported value of a thunk: straight from the AST when it is suspended on constant data
 * (directly, or as the content of an imported file).
 */
export function thunkPlain(t: Thunk, path: string[]): Plain {
  return walked((walk) => thunkPlainIn(t, path, walk));
}

export function toPlain(v: Value, path: string[]): Plain {
  return walked((walk) => plainIn(v, path, walk));
}

function walked(run: (walk: Walk) => Plain): Plain {
  const walk: Walk = { at: [] };
  const plain = run(walk);
  if (walk.unserializable) throw walk.unserializable.error;
  return plain;
}

function before(a: number[], b: number[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x !== undefined && y !== undefined && x !== y) return x < y;
  }
  return a.length < b.length;
}

/** Field names and array indices from the root to the value being walked. */
type WalkPath = (string | number)[];

function thunkPlainIn(t: Thunk, path: WalkPath, walk: Walk): Plain {
  // Files that only import another are followed a bounded number of times: a cycle of them
  // (`a.ncl` is `import "b.ncl"` and the reverse) is then forced, and reported as the infinite
  // recursion it is.
  for (let hops = 0; hops < 64; hops++) {
    const e = t.suspendedExpr;
    if (e === undefined || t.env === undefined) break;
    if (e.kind === 'Record' || e.kind === 'Array' || e.kind === 'Data') {
      const plain = runtimeOf(t.env).facts.constantData(e);
      if (plain !== NOT_CONSTANT) return plain;
      break;
    }
    if (e.kind !== 'Import') break;
    t = importValue(e, runtimeOf(t.env));
  }
  return plainIn(t.force(), path, walk, t);
}

/** `from`: the thunk `v` came out of, whose expression locates a value that has no span of its own. */
function plainIn(v: Value, path: WalkPath, walk: Walk, from?: Thunk): Plain {
  if (v === null || typeof v === 'boolean' || typeof v === 'string' || isNum(v)) return v;
  // data read from a file or a string is as a reader left it, already what this walk would write
  if ((v instanceof RecordValue || v instanceof ArrayValue) && v.data !== undefined) return v.data;
  if (v instanceof RecordValue) {
    const names = Array.from(v.fields.keys());
    // A field without a definition is found before any field is evaluated, the first defined
    // first, as the reference's forcing of a record does.
    for (const name of names) {
      const f = v.fields.get(name)!;
      if (!f.value && !f.optional && !f.notExported) throw missingFieldDef(name, f.span, undefined, v.span);
    }
    // Fields are evaluated last-defined first, as the reference forces them (which error a
    // program with several reports depends on it), and written sorted by name (by code point).
    const out: [string, Plain][] = [];
    for (let i = names.length - 1; i >= 0; i--) {
      // biome-ignore lint/plugin: 0 <= i < names.length
      const name = names[i]!;
      const f = v.fields.get(name)!;
      if (f.notExported || !f.value) continue;
      path.push(name);
      walk.at.push(i);
      out.push([name, thunkPlainIn(f.value, path, walk)]);
      walk.at.pop();
      path.pop();
    }
    out.reverse();
    return new PlainRecord(sortFields(out));
  }
  if (v instanceof ArrayValue) {
    // Items too are evaluated last first.
    const out = new Array<Plain>(v.items.length);
    for (let i = out.length - 1; i >= 0; i--) {
      path.push(i);
      walk.at.push(i);
      // biome-ignore lint/plugin: 0 <= i < out.length === v.items.length
      out[i] = thunkPlainIn(v.items[i]!, path, walk);
      walk.at.pop();
      path.pop();
    }
    return out;
  }
  if (v instanceof EnumValue && !v.arg) return v.tag;
  // The reference evaluates deeply before serialising: a broken contract inside wins.
  if (v instanceof EnumValue && v.arg) deepForce(v.arg.force());
  const error = unserializable(v, path, from);
  if (!walk.unserializable || before(walk.at, walk.unserializable.at)) walk.unserializable = { at: [...walk.at], error };
  return null;
}

function unserializable(v: Value, path: WalkPath, from: Thunk | undefined): NickelError {
  const defined = definedAt(v);
  const written = from?.span;
  // A value defined in another file (the standard library, a library imported) is also located
  // at the expression of this file that produced it.
  const via = defined && written && written.file !== defined.file ? written : undefined;
  return nonSerializable({ type: typeName(v), enumVariant: v instanceof EnumValue }, { at: defined ?? written, via }, path);
}

/** Where a value that can't be serialised was written: the function, `match`, type or contract. */
function definedAt(v: Value): Span | undefined {
  if (v instanceof Closure) return v.span;
  if (v instanceof MatchClosure) return v.match.span;
  if (v instanceof TypeContract) return v.type.span;
  if (v instanceof CustomContract) return thunkDefinedAt(v.fn);
  if (v instanceof SealedValue) return thunkDefinedAt(v.inner);
  // A label is made by applying a contract: the annotation that applied it.
  if (v instanceof LabelValue) return v.label.span;
  return undefined;
}

function thunkDefinedAt(t: Thunk): Span | undefined {
  return (t.isEvaluated ? definedAt(t.force()) : undefined) ?? t.span;
}
