import type { TomlDate } from 'smol-toml';
import { tomlLib } from './libraries.js';
import { PlainRecord, type Plain } from '../export/plain.js';
import { type Num, fromInt } from '../number/num.js';
import { sortFields } from '../export/plain.js';
import { DataSyntaxError } from './data-json.js';

/**
 * A TOML document as a plain record. Integers are exact; floats become the exact value of the
 * double (imports) or the simplest fraction rounding to it (`std.deserialize`), as `readFloat`
 * decides; date-times are strings as the reference prints them (`1979-05-27T07:32:00Z`) — or, for
 * `std.deserialize`, serde's `{ "$__toml_private_datetime": "…" }` record.
 */
export function parseToml(text: string, readFloat: (x: number) => Num | undefined, datesAsRecords: boolean): Plain {
  let doc: Record<string, unknown>;
  try {
    doc = tomlLib().parse(text, { integersAsBigInt: true });
  } catch (e) {
    if (e instanceof tomlLib().TomlError) {
      const message = (e.message.split('\n', 1)[0] ?? '').replace(/^Invalid TOML document: /, '');
      throw new DataSyntaxError(`TOML parse error at line ${e.line}, column ${e.column}: ${message}`, offsetOf(text, e.line, e.column), e.line, e.column);
    }
    throw e;
  }
  return convert(doc, readFloat, datesAsRecords);
}

function convert(value: unknown, readFloat: (x: number) => Num | undefined, datesAsRecords: boolean): Plain {
  if (typeof value === 'bigint') return fromInt(value);
  if (typeof value === 'number') {
    const n = readFloat(value);
    if (n === undefined) throw new DataSyntaxError('Nickel numbers cannot be inf or NaN', 0, 1, 1);
    return n;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof tomlLib().TomlDate) {
    const text = datetimeText(value);
    return datesAsRecords ? new PlainRecord([['$__toml_private_datetime', text]]) : text;
  }
  if (Array.isArray(value)) return value.map((v) => convert(v, readFloat, datesAsRecords));
  const record = value as Record<string, unknown>;
  return new PlainRecord(sortFields(Object.keys(record).map((k) => [k, convert(record[k], readFloat, datesAsRecords)] as const)));
}

/** toml_datetime's display: `T` between date and time, fractional seconds without trailing zeros. */
function datetimeText(date: TomlDate): string {
  return date.toISOString().replace(/\.([0-9]*?)0*(?=$|[Zz+-])/, (_m, digits: string) => (digits ? '.' + digits : ''));
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) break;
    offset = next + 1;
  }
  return Math.min(offset + Math.max(column - 1, 0), text.length);
}
