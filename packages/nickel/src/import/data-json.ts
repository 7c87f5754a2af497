import { mergeIncompatibleArgs } from '../diagnostics/eval-errors.js';
import { PlainRecord, sortFields, type Plain } from '../export/plain.js';
import { type Num, eq } from '../number/num.js';

/** Where a data file is malformed: a message in serde_json's words and the offset it points at. */
export class DataSyntaxError extends Error {
  constructor(
    message: string,
    /** UTF-16 offset in the text. */
    readonly offset: number,
    /** 1-based line and column, as the reference's parsers count them. */
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** How numbers become exact: from their decimal text, or through a double as serde does. */
export type JsonNumberReader = (text: string) => Num | undefined;

/**
 * What a key given twice means: serde (`std.deserialize 'Json`) keeps the last value; the
 * reference's import loader defines the field twice, so the two values merge.
 */
export type DuplicateKeys = 'last' | 'merge';

/**
 * A strict JSON (RFC 8259) reader producing plain values. Numbers are handed to `readNumber` as
 * their source text, so an import keeps `0.1` as exactly 1/10 and big integers exactly; a
 * duplicated key keeps its last value. Errors read like serde_json's ("trailing comma at line 1
 * column 4").
 */
export function parseJson(text: string, readNumber: JsonNumberReader, duplicates: DuplicateKeys = 'last'): Plain {
  const native = nativelyParsed(text);
  return native !== NOT_PLAIN_JSON ? native : readJson(text, readNumber, duplicates);
}

/** `parseJson` by the reader alone (what every text not read natively goes through). */
export function readJson(text: string, readNumber: JsonNumberReader, duplicates: DuplicateKeys = 'last'): Plain {
  const reader = new JsonReader(text, readNumber, duplicates);
  reader.skipWhitespace();
  const value = reader.value();
  reader.skipWhitespace();
  if (reader.pos < text.length) throw reader.error('trailing characters');
  return value;
}

const NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

const NOT_PLAIN_JSON: unique symbol = Symbol('lamina.notPlainJson');

/** A JSON string, escapes included. */
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;
/** Outside strings: a number with a fraction or an exponent, or too long to be a safe integer. */
const INEXACT_NUMBER = /[0-9][.eE]|[0-9]{16}/;
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/**
 * The text read by the engine's JSON.parse, much faster than the reader below in a short run's
 * cold code, when that reads it the same: valid JSON whose numbers are all integers of at most 15
 * digits (exact as doubles) and whose objects never repeat a key (JSON.parse keeps the last one
 * silently; counting the colons outside strings against the keys read tells). Anything else, or
 * any error, is left to the reader, with its serde-worded messages.
 */
function nativelyParsed(text: string): Plain | typeof NOT_PLAIN_JSON {
  // JSON.parse takes a lone surrogate escape (`"\\ud800"`), which serde rejects
  if (SURROGATE_ESCAPE.test(text)) return NOT_PLAIN_JSON;
  const outsideStrings = text.replace(JSON_STRING, '""');
  if (INEXACT_NUMBER.test(outsideStrings)) return NOT_PLAIN_JSON;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return NOT_PLAIN_JSON;
  }
  const keys = { count: 0 };
  let plain: Plain;
  try {
    plain = toPlain(value, keys);
  } catch (e) {
    if (e instanceof RangeError) return NOT_PLAIN_JSON; // nested deeper than this stack: the reader says how
    throw e;
  }
  const colons = outsideStrings.split(':').length - 1;
  return colons === keys.count ? plain : NOT_PLAIN_JSON;
}

function toPlain(value: unknown, keys: { count: number }): Plain {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  // a safe integer is its own exact value (a Num is a JS number then), and -0 reads as 0
  if (typeof value === 'number') return value === 0 ? 0 : value;
  if (Array.isArray(value)) return value.map((item) => toPlain(item, keys));
  const record = value as Record<string, unknown>;
  const names = Object.keys(record);
  keys.count += names.length;
  return new PlainRecord(sortFields(names.map((name) => [name, toPlain(record[name], keys)] as const)));
}

class JsonReader {
  pos = 0;

  constructor(
    private readonly text: string,
    private readonly readNumber: JsonNumberReader,
    private readonly duplicates: DuplicateKeys,
  ) {}

  /** An error at the character just read (serde_json's column is the count of characters read). */
  error(message: string, at = this.pos): DataSyntaxError {
    const end = Math.min(at + 1, this.text.length);
    const before = this.text.slice(0, end);
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = before.split('\n').length;
    return new DataSyntaxError(`${message} at line ${line} column ${end - lineStart}`, Math.min(at, this.text.length), line, end - lineStart);
  }

  private eof(what: string): DataSyntaxError {
    return this.error(`EOF while parsing ${what}`, this.text.length);
  }

  skipWhitespace(): void {
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.pos++;
      else return;
    }
  }

  value(): Plain {
    if (this.pos >= this.text.length) throw this.eof('a value');
    const c = this.text.charAt(this.pos);
    switch (c) {
      case '{':
        return this.object();
      case '[':
        return this.array();
      case '"':
        return this.string();
      case 't':
        return this.word('true', true);
      case 'f':
        return this.word('false', false);
      case 'n':
        return this.word('null', null);
      default:
        if (c === '-' || (c >= '0' && c <= '9')) return this.number();
        throw this.error('expected value');
    }
  }

  private word<T extends Plain>(word: string, value: T): T {
    for (let i = 0; i < word.length; i++) {
      if (this.pos >= this.text.length) throw this.eof('a value');
      if (this.text[this.pos] !== word[i]) throw this.error('expected ident');
      this.pos++;
    }
    return value;
  }

  private number(): Plain {
    const start = this.pos;
    NUMBER.lastIndex = start;
    const m = NUMBER.exec(this.text);
    if (!m || m[0] === '-') {
      this.pos = start + (m ? 1 : 0);
      if (this.pos >= this.text.length) throw this.eof('a value');
      throw this.error('invalid number');
    }
    this.pos = start + m[0].length;
    // A dangling `.` or exponent marker (`1.`, `1e`) is malformed, not the end of the number.
    const next = this.text[this.pos];
    if (next === '.' || next === 'e' || next === 'E') {
      this.pos++;
      if (this.pos >= this.text.length) throw this.eof('a value');
      throw this.error('invalid number');
    }
    const n = this.readNumber(m[0]);
    if (n === undefined) throw this.error('number out of range', this.pos - 1);
    return n;
  }

  private string(): string {
    this.pos++; // opening quote
    let out = '';
    let chunk = this.pos;
    for (;;) {
      if (this.pos >= this.text.length) throw this.eof('a string');
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x22) {
        out += this.text.slice(chunk, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) throw this.error('control character (\\u0000-\\u001F) found while parsing a string');
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += this.text.slice(chunk, this.pos);
      this.pos++;
      if (this.pos >= this.text.length) throw this.eof('a string');
      const e = this.text.charAt(this.pos);
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      const escaped = simple[e];
      if (escaped !== undefined) {
        out += escaped;
        this.pos++;
      } else if (e === 'u') {
        this.pos++;
        const unit = this.hex4();
        if (unit >= 0xd800 && unit <= 0xdbff) {
          if (this.text[this.pos] !== '\\' || this.text[this.pos + 1] !== 'u') {
            throw this.error('lone leading surrogate in hex escape', this.pos - 1);
          }
          this.pos += 2;
          const low = this.hex4();
          if (low < 0xdc00 || low > 0xdfff) throw this.error('lone leading surrogate in hex escape', this.pos - 1);
          out += String.fromCharCode(unit, low);
        } else if (unit >= 0xdc00 && unit <= 0xdfff) {
          throw this.error('lone trailing surrogate in hex escape', this.pos - 1);
        } else out += String.fromCharCode(unit);
      } else throw this.error('invalid escape');
      chunk = this.pos;
    }
  }

  private hex4(): number {
    let v = 0;
    for (let i = 0; i < 4; i++) {
      if (this.pos >= this.text.length) throw this.eof('a string');
      const d = parseInt(this.text.charAt(this.pos), 16);
      if (Number.isNaN(d)) throw this.error('invalid escape');
      v = v * 16 + d;
      this.pos++;
    }
    return v;
  }

  private array(): Plain[] {
    this.pos++;
    const items: Plain[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.value());
      this.skipWhitespace();
      if (this.pos >= this.text.length) throw this.eof('a list');
      const c = this.text[this.pos];
      if (c === ']') {
        this.pos++;
        return items;
      }
      if (c !== ',') throw this.error('expected `,` or `]`');
      this.pos++;
      this.skipWhitespace();
      if (this.text[this.pos] === ']') throw this.error('trailing comma');
    }
  }

  private object(): PlainRecord {
    this.pos++;
    const fields = new Map<string, Plain>();
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return new PlainRecord([]);
    }
    for (;;) {
      if (this.pos >= this.text.length) throw this.eof('an object');
      if (this.text[this.pos] !== '"') throw this.error('key must be a string');
      const key = this.string();
      this.skipWhitespace();
      if (this.pos >= this.text.length) throw this.eof('an object');
      if (this.text[this.pos] !== ':') throw this.error('expected `:`');
      this.pos++;
      this.skipWhitespace();
      const value = this.value();
      const previous = fields.get(key);
      if (previous !== undefined && this.duplicates === 'merge') fields.set(key, mergeDefinitions(previous, value));
      else {
        fields.delete(key); // the last definition wins, in the last position
        fields.set(key, value);
      }
      this.skipWhitespace();
      if (this.pos >= this.text.length) throw this.eof('an object');
      const c = this.text[this.pos];
      if (c === '}') {
        this.pos++;
        return new PlainRecord(sortFields([...fields]));
      }
      if (c !== ',') throw this.error('expected `,` or `}`');
      this.pos++;
      this.skipWhitespace();
      if (this.text[this.pos] === '}') throw this.error('trailing comma');
    }
  }
}

/**
 * Two definitions of one field, merged as Nickel merges them: records field by field, anything
 * else only when equal (`non mergeable terms` otherwise, at the same kind as the reference).
 */
export function mergeDefinitions(a: Plain, b: Plain): Plain {
  if (a instanceof PlainRecord && b instanceof PlainRecord) {
    const fields = new Map<string, Plain>(a.fields);
    for (const [k, v] of b.fields) {
      const previous = fields.get(k);
      fields.set(k, previous === undefined ? v : mergeDefinitions(previous, v));
    }
    return new PlainRecord(sortFields([...fields]));
  }
  if (plainEqual(a, b)) return a;
  throw mergeIncompatibleArgs({ kind: 'inData' });
}

function plainEqual(a: Plain, b: Plain): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    return (
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((x, i) => {
        const y = b[i];
        return y !== undefined && plainEqual(x, y);
      })
    );
  }
  if (a instanceof PlainRecord) {
    return (
      b instanceof PlainRecord &&
      a.fields.length === b.fields.length &&
      a.fields.every(([k, v], i) => {
        const other = b.fields[i];
        return other !== undefined && other[0] === k && plainEqual(v, other[1]);
      })
    );
  }
  return !Array.isArray(b) && !(b instanceof PlainRecord) && eq(a, b);
}
