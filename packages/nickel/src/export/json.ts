import { numberToJson } from '../number/format.js';
import { PlainRecord, type Plain } from './plain.js';

/**
 * JSON text of a plain value, byte for byte as the reference's `nickel export` prints it
 * (serde_json's pretty printer: two-space indentation, `"key": value`, `[]` and `{}` when empty).
 * No trailing newline: the CLI adds it.
 */
export function toJson(value: Plain): string {
  return write(value, '');
}

// String concatenation (V8 ropes) allocates far less than collecting pieces for a join.
function write(value: Plain, indent: string): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return jsonString(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = indent + '  ';
    let out = '[\n' + inner + write(value[0]!, inner);
    for (let i = 1; i < value.length; i++) out += ',\n' + inner + write(value[i]!, inner);
    return out + '\n' + indent + ']';
  }
  if (value instanceof PlainRecord) {
    const fields = value.fields;
    if (fields.length === 0) return '{}';
    const inner = indent + '  ';
    let out = '{';
    for (let i = 0; i < fields.length; i++) {
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
