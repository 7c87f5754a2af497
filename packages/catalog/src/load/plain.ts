/** Nickel's exported value (Plain) as JSON data — what ajv validates and the model types describe. */
import { PlainRecord, type Plain } from '@lamina/nickel';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function plainToJson(v: Plain): Json {
  if (v === null || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') return v;
  if (Array.isArray(v)) return v.map(plainToJson);
  if (v instanceof PlainRecord) {
    const out: { [key: string]: Json } = {};
    for (const [k, x] of v.fields) {
      // A field named `__proto__` must stay data, not set the prototype.
      if (k === '__proto__') Object.defineProperty(out, k, { value: plainToJson(x), enumerable: true, writable: true, configurable: true });
      else out[k] = plainToJson(x);
    }
    return out;
  }
  // An exact rational that is not a safe integer: JSON has only doubles.
  return Number(v.n) / Number(v.d);
}
