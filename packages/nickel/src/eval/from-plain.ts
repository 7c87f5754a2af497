/**
 * Plain data (imported JSON/YAML/TOML, `std.deserialize`) as evaluated values, made one level at a
 * time as the evaluator reaches into them: a program often passes data along whole, or reads a few
 * fields of a large file. Each record and array made here keeps the data it stands for, so that
 * exporting or serialising it writes the data without making or walking its values
 * (export/to-plain.ts), and forcing it deeply has nothing to force (primops/misc.ts).
 */
import type { Plain } from '../export/plain.js';
import { plainField } from './record.js';
import { Thunk } from './thunk.js';
import { ArrayValue, RecordValue, type Field, type Value } from './value.js';
import { Rat } from '../number/num.js';

export function fromPlain(p: Plain): Value {
  if (p === null || typeof p !== 'object' || p instanceof Rat) return p;
  if (Array.isArray(p)) return new ArrayValue(p.map(dataThunk), p);
  // a data reader's record: names are unique
  const fields = new Map<string, Field>();
  for (const [name, v] of p.fields) {
    const thunk = dataThunk(v);
    const f = plainField({ k: 'Fixed', thunk }, undefined);
    f.raw = thunk;
    f.value = thunk;
    fields.set(name, f);
  }
  return new RecordValue(fields, false, undefined, undefined, p);
}

function dataThunk(v: Plain): Thunk {
  return v === null || typeof v !== 'object' || v instanceof Rat ? Thunk.of(v) : Thunk.lazy(() => fromPlain(v));
}
