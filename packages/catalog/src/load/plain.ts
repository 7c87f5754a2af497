/** Nickel's exported value (Plain) as JSON data — what ajv validates and the model types describe. */
import { PlainRecord, type Plain } from '@lamina/nickel';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function plainToJson(v: Plain): Json {
  if (v === null || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') return v;
  if (Array.isArray(v)) return v.map(plainToJson);
  if (v instanceof PlainRecord) {
    // fromEntries defines own properties, so a field named `__proto__` stays data.
    return Object.fromEntries(v.fields.map(([k, x]) => [k, plainToJson(x)]));
  }
  // An exact rational that is not a safe integer: JSON has only doubles.
  return Number(v.n) / Number(v.d);
}
