import { PlainRecord, type Plain } from './plain.js';
import { numberToJson } from '../number/format.js';

/**
 * JSON text of a plain value, byte for byte as the reference's `nickel export` prints it
 * (serde_json's pretty printer: two-space indentation, `"key": value`, `[]` and `{}` when empty).
 * No trailing newline: the CLI adds it.
 */
export function toJson(value: Plain): string {
  const out: string[] = [];
  write(value, '', out);
  return out.join('');
}

function write(value: Plain, indent: string, out: string[]): void {
  if (value === null) out.push('null');
  else if (typeof value === 'boolean') out.push(value ? 'true' : 'false');
  else if (typeof value === 'string') out.push(jsonString(value));
  else if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push('[]');
      return;
    }
    const inner = indent + '  ';
    out.push('[\n');
    value.forEach((item, i) => {
      out.push(inner);
      write(item, inner, out);
      out.push(i + 1 < value.length ? ',\n' : '\n');
    });
    out.push(indent, ']');
  } else if (value instanceof PlainRecord) {
    const fields = value.fields;
    if (fields.length === 0) {
      out.push('{}');
      return;
    }
    const inner = indent + '  ';
    out.push('{\n');
    fields.forEach(([name, item], i) => {
      out.push(inner, jsonString(name), ': ');
      write(item, inner, out);
      out.push(i + 1 < fields.length ? ',\n' : '\n');
    });
    out.push(indent, '}');
  } else out.push(numberToJson(value));
}

/**
 * serde_json escapes exactly what JSON.stringify escapes for well-formed strings: `"`, `\`, the
 * short escapes \b \f \n \r \t and other control characters as lowercase `\u00xx`; everything
 * else (DEL, non-ASCII) is written as is.
 */
export function jsonString(s: string): string {
  return JSON.stringify(s);
}
