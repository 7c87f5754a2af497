import { nearestDouble, numberToJson } from '../number/format.js';
import { PlainRecord, type Plain } from './plain.js';

/**
 * JSON text of a plain value, byte for byte as the reference's `nickel export` prints it
 * (serde_json's pretty printer: two-space indentation, `"key": value`, `[]` and `{}` when empty).
 * No trailing newline: the CLI adds it.
 *
 * JSON.stringify with two-space indentation lays values out exactly so, and is several times
 * faster than assembling the text here, so every part of the value it would write faithfully is
 * handed to it. What it would not write as the reference does is written here: numbers whose
 * Nickel form differs from JavaScript's (big integers, `1e20`, `1.0e-7`…), and records with a
 * field named like an array index (a JavaScript object puts those first) or `__proto__`.
 */
export function toJson(value: Plain, check?: () => void): string {
  if (value !== null && typeof value === 'object') {
    const native = nativeOf(value);
    if (native !== NOT_NATIVE) return JSON.stringify(native, null, 2);
  }
  // Some number or name needs writing here; a number out of range must fail first.
  check?.();
  return write(value, '');
}

/** `value` as a JSON.stringify-able JavaScript value, or NOT_NATIVE. */
const NOT_NATIVE: unique symbol = Symbol('lamina.notNativeJson');
type Native = null | boolean | string | number | Native[] | { [name: string]: Native };

function nativeOf(value: Plain): Native | typeof NOT_NATIVE {
  if (value === null || typeof value === 'boolean' || typeof value === 'string' || typeof value === 'number') return value;
  if (Array.isArray(value)) {
    // An array whose items are all written as they are (strings, safe integers…) is used as is;
    // a copy is made from the first item that is not.
    let out: Native[] | undefined;
    for (let i = 0; i < value.length; i++) {
      // biome-ignore lint/plugin: i < value.length
      const v = value[i]!;
      const item = nativeOf(v);
      if (item === NOT_NATIVE) return NOT_NATIVE;
      if (out !== undefined) out[i] = item;
      else if (item !== v) {
        out = value.slice(0, i) as Native[];
        out[i] = item;
      }
    }
    return out ?? (value as Native[]);
  }
  if (value instanceof PlainRecord) {
    const out: { [name: string]: Native } = {};
    const fields = value.fields;
    for (let i = 0; i < fields.length; i++) {
      // biome-ignore lint/plugin: i < fields.length
      const [name, item] = fields[i]!;
      if (!ordinaryKey(name)) return NOT_NATIVE;
      const v = nativeOf(item);
      if (v === NOT_NATIVE) return NOT_NATIVE;
      out[name] = v;
    }
    return out;
  }
  // An exact number that is not a safe integer: JavaScript writes its nearest double as the
  // reference does only in positional notation with a fraction.
  const x = nearestDouble(value);
  const ax = Math.abs(x);
  return ax >= 1e-5 && ax < 1e15 && !Number.isInteger(x) ? x : NOT_NATIVE;
}

/** A field name a JavaScript object keeps in insertion order as a plain data property. */
function ordinaryKey(name: string): boolean {
  const c = name.charCodeAt(0);
  if (c >= 48 && c <= 57 && /^(?:0|[1-9]\d*)$/.test(name) && Number(name) < 4294967295) return false;
  return name !== '__proto__';
}

function write(value: Plain, indent: string): string {
  if (value !== null && typeof value === 'object') {
    const native = nativeOf(value);
    if (native !== NOT_NATIVE) {
      const text = JSON.stringify(native, null, 2);
      // string values never hold a raw newline (JSON escapes it), so every newline is layout
      return indent === '' ? text : text.replace(/\n/g, '\n' + indent);
    }
  }
  return writeHere(value, indent);
}

// String concatenation (V8 ropes) allocates less than collecting pieces for a join.
function writeHere(value: Plain, indent: string): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return jsonString(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = indent + '  ';
    // biome-ignore lint/plugin: not empty, checked above
    let out = '[\n' + inner + write(value[0]!, inner);
    // biome-ignore lint/plugin: i < value.length
    for (let i = 1; i < value.length; i++) out += ',\n' + inner + write(value[i]!, inner);
    return out + '\n' + indent + ']';
  }
  if (value instanceof PlainRecord) {
    const fields = value.fields;
    if (fields.length === 0) return '{}';
    const inner = indent + '  ';
    let out = '{';
    for (let i = 0; i < fields.length; i++) {
      // biome-ignore lint/plugin: i < fields.length
      const [name, item] = fields[i]!;
      out += (i === 0 ? '\n' : ',\n') + inner + jsonString(name) + ': ' + write(item, inner);
    }
    return out + '\n' + indent + '}';
  }
  return numberToJson(value);
}

/**
 * serde_json escapes exactly what JSON.stringify escapes for well-formed strings: `"`, `\`, the
 * short escapes \b \f \n \r \t and other control characters as lowercase `\u00xx`; everything
 * else (DEL, non-ASCII) is written as is.
 */
export function jsonString(s: string): string {
  return JSON.stringify(s);
}
