/**
 * A value printed as Nickel source, as `nickel eval` shows it: deeply evaluated, records with
 * their fields sorted, functions as `<func>`.
 */
import { numberToString } from '../number/format.js';
import {
  ArrayValue,
  CustomContract,
  EnumValue,
  isFunc,
  isNum,
  LabelValue,
  RecordValue,
  SealedValue,
  TypeContract,
  type Value,
} from './value.js';

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

export function printValue(v: Value, indent = ''): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return quoteString(v);
  if (isNum(v)) return numberToString(v);
  if (v instanceof EnumValue) {
    const tag = `'${fieldName(v.tag)}`;
    return v.arg ? `${tag} ${wrap(printValue(v.arg.force(), indent), v.arg.force())}` : tag;
  }
  if (v instanceof ArrayValue) {
    if (v.items.length === 0) return '[]';
    const inner = indent + '  ';
    return `[\n${v.items.map((t) => inner + printValue(t.force(), inner)).join(',\n')}\n${indent}]`;
  }
  if (v instanceof RecordValue) {
    const names = [...v.fields.keys()].sort();
    const shown = names.filter((n) => {
      const f = v.fields.get(n)!;
      return f.value !== undefined || !f.optional;
    });
    if (shown.length === 0) return '{}';
    const inner = indent + '  ';
    const lines = shown.map((n) => {
      const f = v.fields.get(n)!;
      if (!f.value) return `${inner}${fieldName(n)},`;
      return `${inner}${fieldName(n)} = ${printValue(f.value.force(), inner)},`;
    });
    return `{\n${lines.join('\n')}\n${indent}}`;
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
