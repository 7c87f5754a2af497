/**
 * A data file's value as a store keeps it between runs (analysis/parse-cache.ts, the CLI's store):
 * JSON holding the file's text and format beside the value read from it, used only for the same
 * text and format. Reading YAML or TOML loads a library of its own, a large share of a short run
 * that imports such a file (bench/nickel/REALWORLD.md); the value read back is what the reader
 * gave.
 *
 * Records are written as lists of names and values (a JSON object would come back with its
 * integer-like names first), exact fractions as numerator and denominator.
 */
import { PlainRecord, type Plain } from '../export/plain.js';
import { ratio, Rat } from '../number/num.js';
import type { DataFormat } from './data.js';

/** What a stored value is checked against: the file's text. */
export interface DataText {
  readonly text: string;
}

type Encoded = null | boolean | string | number | Encoded[] | { r: Encoded[] } | { q: [string, string] };

interface StoredData {
  readonly format: DataFormat;
  readonly text: string;
  readonly value: Encoded;
}

/**
 * The JSON a store keeps for `value`, read as `format` from `file`; undefined when it cannot be
 * kept (nested deeper than the JavaScript stack, or holding a number that is not a Num).
 */
export function encodeData(file: DataText, format: DataFormat, value: Plain): string | undefined {
  try {
    const stored: StoredData = { format, text: file.text, value: encode(value) };
    return JSON.stringify(stored);
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

/** The value stored in `json`, when it was read as `format` from the text `file` has now. */
export function decodeData(file: DataText, format: DataFormat, json: string): Plain | undefined {
  try {
    const stored = JSON.parse(json) as Partial<StoredData> | null;
    if (stored === null || typeof stored !== 'object' || stored.format !== format || stored.text !== file.text || !('value' in stored)) return undefined;
    return decode(stored.value as unknown);
  } catch {
    // damaged (the store's JSON, a number in it) or deeper than the JavaScript stack: read the file
    return undefined;
  }
}

function encode(v: Plain): Encoded {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  // a number is always a safe integer (number/num.ts); anything else is not stored
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new RangeError('not a Num');
    return v;
  }
  if (v instanceof Rat) return { q: [v.n.toString(), v.d.toString()] };
  if (Array.isArray(v)) return v.map(encode);
  const r: Encoded[] = [];
  for (const [name, field] of v.fields) r.push(name, encode(field));
  return { r };
}

function decode(v: unknown): Plain {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new Error('damaged');
    return v;
  }
  if (Array.isArray(v)) return v.map(decode);
  if (typeof v === 'object') {
    const o = v as { r?: unknown; q?: unknown };
    if (Array.isArray(o.r) && o.r.length % 2 === 0) {
      const fields: [string, Plain][] = [];
      for (let i = 0; i < o.r.length; i += 2) {
        const name: unknown = o.r[i];
        if (typeof name !== 'string') throw new Error('damaged');
        fields.push([name, decode(o.r[i + 1])]);
      }
      return new PlainRecord(fields);
    }
    if (Array.isArray(o.q) && o.q.length === 2 && o.q.every((x) => typeof x === 'string')) {
      const d = BigInt(o.q[1] as string);
      if (d <= 0n) throw new Error('damaged');
      return ratio(BigInt(o.q[0] as string), d);
    }
  }
  throw new Error('damaged');
}
