/**
 * Deep evaluation for export: forces every value an export needs, applies pending contracts (by
 * forcing fields), and produces the Plain tree the serialisers write.
 */
import type { NickelError } from '../diagnostics/error.js';
import { missingFieldDef } from '../diagnostics/eval-errors.js';
import { nonSerializable } from '../diagnostics/export-errors.js';
import { deepForce } from '../primops/misc.js';
import { ArrayValue, EnumValue, isNum, RecordValue, typeName, type Value } from '../eval/value.js';
import { PlainRecord, type Plain } from './plain.js';
import { constantPlain, NOT_CONSTANT } from './constant.js';
import type { Thunk } from '../eval/thunk.js';
import { importValue } from '../eval/imports.js';

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
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return a.length < b.length;
}

function thunkPlainIn(t: Thunk, path: string[], walk: Walk): Plain {
  // Files that only import another are followed a bounded number of times: a cycle of them
  // (`a.ncl` is `import "b.ncl"` and the reverse) is then forced, and reported as the infinite
  // recursion it is.
  for (let hops = 0; hops < 64; hops++) {
    const e = t.suspendedExpr;
    if (e === undefined) break;
    if (e.kind === 'Record' || e.kind === 'Array' || e.kind === 'Data') {
      const plain = constantPlain(e);
      if (plain !== NOT_CONSTANT) return plain;
      break;
    }
    if (e.kind !== 'Import') break;
    t = importValue(e);
  }
  return plainIn(t.force(), path, walk);
}

const byName = (a: readonly [string, Plain], b: readonly [string, Plain]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

function plainIn(v: Value, path: string[], walk: Walk): Plain {
  if (v === null || typeof v === 'boolean' || typeof v === 'string' || isNum(v)) return v;
  if (v instanceof RecordValue) {
    const names = Array.from(v.fields.keys());
    // A field without a definition is found before any field is evaluated, the first defined
    // first, as the reference's forcing of a record does.
    for (const name of names) {
      const f = v.fields.get(name)!;
      if (!f.value && !f.optional && !f.notExported) throw missingFieldDef(name, f.span, undefined);
    }
    // Fields are evaluated last-defined first, as the reference forces them (which error a
    // program with several reports depends on it), and written sorted by name (UTF-16 order).
    const out: [string, Plain][] = [];
    for (let i = names.length - 1; i >= 0; i--) {
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
    for (let i = 1; i < out.length; i++) {
      if (out[i - 1]![0] > out[i]![0]) {
        out.sort(byName);
        break;
      }
    }
    return new PlainRecord(out);
  }
  if (v instanceof ArrayValue) {
    // Items too are evaluated last first.
    const out = new Array<Plain>(v.items.length);
    for (let i = out.length - 1; i >= 0; i--) {
      path.push(String(i));
      walk.at.push(i);
      out[i] = thunkPlainIn(v.items[i]!, path, walk);
      walk.at.pop();
      path.pop();
    }
    return out;
  }
  if (v instanceof EnumValue && !v.arg) return v.tag;
  // The reference evaluates deeply before serialising: a broken contract inside wins.
  if (v instanceof EnumValue && v.arg) deepForce(v.arg.force());
  const error = unserializable(v, path);
  if (!walk.unserializable || before(walk.at, walk.unserializable.at)) walk.unserializable = { at: [...walk.at], error };
  return null;
}

function unserializable(v: Value, path: string[]): NickelError {
  return nonSerializable({ type: typeName(v), enumVariant: v instanceof EnumValue }, path);
}
