/**
 * A value printed as Nickel source, as `nickel eval` shows it: deeply evaluated, records with
 * their fields sorted, functions as `<func>`.
 */
import { numberToString } from '../number/format.js';
import { ArrayValue, CustomContract, EnumValue, isFunc, isNum, LabelValue, RecordValue, SealedValue, TypeContract, type Value } from './value.js';

const IDENT = /^_*[a-zA-Z][_a-zA-Z0-9-']*$/;

export function quoteString(s: string): string {
  let out = '"';
  for (const ch of s) {
    switch (ch) {
      case '"':
        out += '\\"';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      case '%':
        out += '%';
        break;
      default:
        out += ch;
    }
  }
  return out.replace(/%\{/g, '\\%{') + '"';
}

export function fieldName(n: string): string {
  return IDENT.test(n) ? n : quoteString(n);
}

/** Single-line, like the REPL: `{ a = { b = 1, }, c = [ 1, 2 ], }`. */
export function printValue(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return quoteString(v);
  if (isNum(v)) return numberToString(v);
  if (v instanceof EnumValue) {
    const tag = `'${fieldName(v.tag)}`;
    if (!v.arg) return tag;
    const arg = v.arg.force();
    return `${tag} ${wrap(printValue(arg), arg)}`;
  }
  if (v instanceof ArrayValue) {
    if (v.items.length === 0) return '[]';
    return `[ ${v.items.map((t) => printValue(t.force())).join(', ')} ]`;
  }
  if (v instanceof RecordValue) {
    const names = [...v.fields.keys()].sort();
    const parts: string[] = [];
    for (const n of names) {
      const f = v.fields.get(n)!;
      if (!f.value) {
        if (!f.optional) parts.push(`${fieldName(n)},`);
        continue;
      }
      parts.push(`${fieldName(n)} = ${printValue(f.value.force())},`);
    }
    return parts.length === 0 ? '{}' : `{ ${parts.join(' ')} }`;
  }
  if (isFunc(v)) return '<func>';
  if (v instanceof LabelValue) return '<label>';
  if (v instanceof TypeContract || v instanceof CustomContract) return '<contract>';
  if (v instanceof SealedValue) return '<sealed>';
  return '<foreign>';
}

function wrap(text: string, v: Value): string {
  return v instanceof EnumValue && v.arg ? `(${text})` : text;
}
