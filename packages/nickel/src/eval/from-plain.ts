/** Plain data (imported JSON/YAML/TOML, `std.deserialize`) as evaluated values. */
import { PlainRecord, type Plain } from '../export/plain.js';
import { recordOf } from './record.js';
import { Thunk } from './thunk.js';
import { ArrayValue, type Value } from './value.js';
import { Rat } from '../number/num.js';

export function fromPlain(p: Plain): Value {
  if (p === null || typeof p !== 'object') return p;
  if (Array.isArray(p)) return new ArrayValue(p.map((x) => Thunk.of(fromPlain(x))));
  if (p instanceof Rat) return p;
  if (p instanceof PlainRecord) return recordOf(p.fields.map(([k, v]) => [k, Thunk.of(fromPlain(v))] as const));
  // Plain objects from a JSON.parse-style reader.
  return recordOf(Object.entries(p as Record<string, Plain>).map(([k, v]) => [k, Thunk.of(fromPlain(v))] as const));
}
