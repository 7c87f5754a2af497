import { exportOther } from '../diagnostics/export-errors.js';
import { nearestDouble } from '../number/format.js';
import type { Num } from '../number/num.js';
import { PlainRecord, type Plain } from './plain.js';

/**
 * TOML text of a plain record as the reference's `nickel export --format toml` prints it (the
 * `toml` crate's `to_string_pretty`, 1.1): key/value lines, then one `[table]` or `[[array of
 * tables]]` section per nested record in depth-first order, arrays of two or more elements one
 * element per line with four-space indentation, records inside other arrays as inline tables.
 * Nulls are rejected before we get here (see serialize.ts); a value that is not a record cannot be
 * a TOML document and fails like the reference (`unsupported u64 type`, …).
 */
export function toToml(value: Plain): string {
  if (!(value instanceof PlainRecord)) {
    throw exportOther(rustTypeName(value));
  }
  const doc = new TomlDocument();
  const root = doc.newTable(undefined, false);
  doc.fillTable(root, value);
  return doc.render();
}

/** The serde type name the reference's serialiser reports a plain value under. */
function rustTypeName(value: Plain): string {
  if (value === null) return 'unit';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'array';
  if (value instanceof PlainRecord) return 'map';
  const int = integerOf(value);
  if (int !== undefined) return int < 0n ? 'i64' : 'u64';
  return 'f64';
}

interface Table {
  /** Encoded keys from the root; undefined for the root table. */
  readonly path: string[] | undefined;
  /** An element of an array of tables (`[[…]]`). */
  readonly array: boolean;
  body: string;
  hasChildren: boolean;
}

/**
 * Tables get their place in the output when they are opened (so parents precede children and
 * siblings keep key order) and are printed only if they say something: a non-empty body, an
 * array-of-tables element, or a leaf that would otherwise vanish.
 */
class TomlDocument {
  private readonly tables: Table[] = [];

  newTable(path: string[] | undefined, array: boolean): Table {
    const table: Table = { path, array, body: '', hasChildren: false };
    this.tables.push(table);
    return table;
  }

  fillTable(table: Table, record: PlainRecord): void {
    for (const [name, value] of record.fields) {
      const key = encodeKey(name);
      const strategy = strategyOf(value);
      if (strategy === 'value') {
        table.body += `${key} = ${inlineValue(value)}\n`;
      } else if (strategy === 'arrayOfTables') {
        table.hasChildren = true;
        for (const element of value as PlainRecord[]) {
          const child = this.newTable([...(table.path ?? []), key], true);
          this.fillTable(child, element);
        }
      } else {
        table.hasChildren = true;
        const child = this.newTable([...(table.path ?? []), key], false);
        this.fillTable(child, value as PlainRecord);
      }
    }
  }

  render(): string {
    const sections: string[] = [];
    for (const table of this.tables) {
      const required = table.path === undefined ? table.body !== '' : table.array || table.body !== '' || !table.hasChildren;
      if (!required) continue;
      let text = '';
      if (table.path !== undefined) {
        const header = table.path.join('.');
        text += table.array ? `[[${header}]]\n` : `[${header}]\n`;
      }
      sections.push(text + table.body);
    }
    return sections.join('\n');
  }
}

/** A record is a table; a non-empty array of records an array of tables; anything else a value. */
function strategyOf(value: Plain): 'value' | 'table' | 'arrayOfTables' {
  if (value instanceof PlainRecord) return 'table';
  if (Array.isArray(value) && value.length > 0 && value.every((v) => v instanceof PlainRecord)) {
    return 'arrayOfTables';
  }
  return 'value';
}

function inlineValue(value: Plain): string {
  if (value === null) throw new Error('null in TOML (validated away before serialising)');
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return encodeString(value);
  if (Array.isArray(value)) {
    if (value.length >= 2) return '[' + value.map((v) => `\n    ${inlineValue(v)},`).join('') + '\n]';
    return '[' + value.map(inlineValue).join(', ') + ']';
  }
  if (value instanceof PlainRecord) {
    if (value.fields.length === 0) return '{}';
    return '{ ' + value.fields.map(([k, v]) => `${encodeKey(k)} = ${inlineValue(v)}`).join(', ') + ' }';
  }
  return formatNumber(value);
}

const I64_MIN = -(2n ** 63n);
const U64_MAX = 2n ** 64n - 1n;

/** The integer value of a number that the reference writes as a 64-bit integer. */
function integerOf(n: Num): bigint | undefined {
  if (typeof n === 'number') return BigInt(n);
  if (n.d === 1n && n.n >= I64_MIN && n.n <= U64_MAX) return n.n;
  return undefined;
}

/** Integers exactly; others as the nearest double in Rust's positional `Display`, `.0` if whole. */
function formatNumber(n: Num): string {
  const int = integerOf(n);
  if (int !== undefined) return int.toString();
  const x = nearestDouble(n);
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const text = positionalDouble(x);
  return Number.isInteger(x) ? text + '.0' : text;
}

/** Rust's `{}` for a finite double: the shortest round-trip digits, never an exponent. */
function positionalDouble(x: number): string {
  const sign = x < 0 ? '-' : '';
  const [mantissa, expText] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  if (exp >= digits.length - 1) return sign + digits + '0'.repeat(exp - digits.length + 1);
  if (exp >= 0) return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

interface TextMetrics {
  maxSingleQuotes: number;
  maxDoubleQuotes: number;
  /** Control characters other than tab and newline (they need `\uXXXX` or a short escape). */
  escapeCodes: boolean;
  backslash: boolean;
  newline: boolean;
}

function measure(text: string): TextMetrics {
  const m: TextMetrics = { maxSingleQuotes: 0, maxDoubleQuotes: 0, escapeCodes: false, backslash: false, newline: false };
  let singles = 0;
  let doubles = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    singles = c === 0x27 ? singles + 1 : 0;
    doubles = c === 0x22 ? doubles + 1 : 0;
    m.maxSingleQuotes = Math.max(m.maxSingleQuotes, singles);
    m.maxDoubleQuotes = Math.max(m.maxDoubleQuotes, doubles);
    if (c === 0x5c) m.backslash = true;
    else if (c === 0x0a) m.newline = true;
    else if (c !== 0x09 && (c <= 0x1f || c === 0x7f)) m.escapeCodes = true;
  }
  return m;
}

/**
 * A string value in the least noisy form that can hold it: "basic", then 'literal', then the
 * multi-line forms, then escaped basic — the toml crate's order of preference.
 */
function encodeString(text: string): string {
  const m = measure(text);
  if (!m.escapeCodes && !m.backslash && m.maxDoubleQuotes === 0 && !m.newline) return `"${escapeBasic(text, false)}"`;
  if (!m.escapeCodes && m.maxSingleQuotes === 0 && !m.newline) return `'${text}'`;
  if (!m.escapeCodes && !m.backslash && m.maxDoubleQuotes <= 2) return multiline('"""', escapeBasic(text, true), m.newline);
  if (!m.escapeCodes && m.maxSingleQuotes <= 2) return multiline("'''", text, m.newline);
  if (m.newline) return multiline('"""', escapeBasic(text, true), true);
  return `"${escapeBasic(text, false)}"`;
}

function multiline(delimiter: string, body: string, newline: boolean): string {
  return delimiter + (newline ? '\n' : '') + body + delimiter;
}

/** A bare key when it is only letters, digits, `-` and `_`; otherwise quoted like a string. */
function encodeKey(key: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(key)) return key;
  const m = measure(key);
  m.escapeCodes ||= m.newline; // for keys a newline is just another control character
  if (!m.escapeCodes && !m.backslash && m.maxDoubleQuotes === 0) return `"${escapeBasic(key, false)}"`;
  if (!m.escapeCodes && m.maxSingleQuotes === 0) return `'${key}'`;
  return `"${escapeBasic(key, false)}"`;
}

/**
 * Escapes for a basic string: short escapes, `\uXXXX` for other control characters, `\"` for a
 * quote (in multi-line strings only the third of a run of quotes), newlines kept in multi-line.
 */
function escapeBasic(text: string, multiline: boolean): string {
  const maxQuotes = multiline ? 2 : 0;
  let out = '';
  let quotes = 0;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c === 0x22) {
      quotes++;
      if (quotes > maxQuotes) {
        out += '\\"';
        quotes = 0;
        continue;
      }
      out += ch;
      continue;
    }
    quotes = 0;
    switch (c) {
      case 0x08:
        out += '\\b';
        break;
      case 0x09:
        out += '\\t';
        break;
      case 0x0a:
        out += multiline ? '\n' : '\\n';
        break;
      case 0x0c:
        out += '\\f';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x5c:
        out += '\\\\';
        break;
      default:
        out += c <= 0x1f || c === 0x7f ? '\\u' + c.toString(16).toUpperCase().padStart(4, '0') : ch;
    }
  }
  return out;
}
