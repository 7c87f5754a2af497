/**
 * A direct reader for large literals of plain data — records of `name = value` fields, arrays,
 * strings without interpolation, numbers, booleans, `null` and enum tags, nested to any shape —
 * which make up generated configuration and data files. It reads the text once and produces the
 * exported value (a Plain), without tokens or AST: the parser keeps it as a `Data` node, and the
 * evaluator builds the full AST from the same text only if the program does more with the
 * literal than export it (see parser/data-literal.ts).
 *
 * It accepts a strict subset of the syntax and gives up (undefined) on anything else — field
 * paths, annotations, interpolation, operators, escapes other than the short ones, duplicate
 * field names, CR characters in strings — so the ordinary lexer and parser handle every such
 * literal exactly as before. What it accepts it must read exactly as they do: it shares their
 * identifier, number and escape rules.
 */
import { PlainRecord, sortUniqueFields, type Plain } from '../export/plain.js';
import { neg, numberFromLiteral, type Num } from '../number/num.js';
import { ESCAPES, isDigit, isIdentStart, scanDecimal, scanIdent } from './lexer.js';
import { CONTEXTUAL_KEYWORDS, KEYWORDS, METADATA_KEYWORDS } from './tokens.js';

/** Literals shorter than this are left to the parser: they gain nothing from a second form. */
export const MIN_DATA_LITERAL = 512;
/** Deeper literals are left to the parser (which has its own nesting limit and diagnostics). */
const MAX_DEPTH = 200;

const FAIL: unique symbol = Symbol('lamina.notData');
type Read = Plain | typeof FAIL;

export interface DataLiteral {
  readonly value: Plain;
  /** Offset just after the literal's closing bracket. */
  readonly end: number;
}

/**
 * Reads the record or array literal whose `{`/`[` is at `start`, when it is plain data, at least
 * MIN_DATA_LITERAL characters long, and a whole term (followed by `,`, `}`, `]` or the end).
 */
export function readDataLiteral(text: string, start: number): DataLiteral | undefined {
  // A first pass only checks the syntax and finds the end, allocating nothing: most literals a
  // program has are small or not plain data, and are then left to the parser at little cost.
  const check = new DataReader(text, start, false);
  if (check.value(0) === FAIL || check.pos - start < MIN_DATA_LITERAL) return undefined;
  const end = check.pos;
  check.blanks();
  const next = text.charCodeAt(check.pos);
  if (check.pos < text.length && next !== 44 /* , */ && next !== 125 /* } */ && next !== 93 /* ] */) return undefined;
  const r = new DataReader(text, start, true);
  const value = r.value(0);
  return value === FAIL ? undefined : { value, end };
}

/** Reads (build) or only checks (!build: values come back as null) one literal. */
class DataReader {
  constructor(
    readonly text: string,
    public pos: number,
    readonly build: boolean,
  ) {}

  /** Skips blanks and comments, as the lexer does in normal code. */
  blanks(): void {
    const text = this.text;
    let i = this.pos;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10) i++;
      else if (c === 13 && text.charCodeAt(i + 1) === 10) i += 2;
      else if (c === 35 /* # */) {
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? text.length : nl;
      } else break;
    }
    this.pos = i;
  }

  value(depth: number): Read {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    if (c === 123 /* { */) return depth < MAX_DEPTH ? this.record(depth + 1) : FAIL;
    if (c === 91 /* [ */) return depth < MAX_DEPTH ? this.array(depth + 1) : FAIL;
    if (c === 34 /* " */) return this.string();
    if (isDigit(c)) return this.number(this.pos);
    if (c === 45 /* - */ && isDigit(text.charCodeAt(this.pos + 1))) {
      // `-1.5` is negation applied to a literal: the same value
      const n = this.number(this.pos + 1);
      return n === FAIL || !this.build ? n : neg(n as Num);
    }
    if (c === 39 /* ' */) {
      const end = scanIdent(text, this.pos + 1);
      if (end === this.pos + 1) return FAIL;
      const tag = this.build ? text.slice(this.pos + 1, end) : null;
      this.pos = end;
      return tag;
    }
    if (isIdentStart(c)) {
      const end = scanIdent(text, this.pos);
      const word = text.slice(this.pos, end);
      this.pos = end;
      if (word === 'true') return true;
      if (word === 'false') return false;
      if (word === 'null') return null;
    }
    return FAIL;
  }

  private number(at: number): Read {
    const text = this.text;
    if (text.charCodeAt(at) === 48 /* 0 */) {
      const b = text.charCodeAt(at + 1);
      if (b === 120 || b === 111 || b === 98) return FAIL; // 0x / 0o / 0b
    }
    const end = scanDecimal(text, at);
    this.pos = end;
    if (!this.build) return null;
    const n = numberFromLiteral(text.slice(at, end));
    return n === undefined ? FAIL : n;
  }

  /** A `"…"` string with short escapes only; its decoded text. */
  private string(): Read {
    const text = this.text;
    const n = text.length;
    let i = this.pos + 1;
    let out = '';
    let run = i;
    for (;;) {
      if (i >= n) return FAIL;
      const c = text.charCodeAt(i);
      if (c === 34 /* " */) break;
      if (c === 13 /* CR */) return FAIL;
      if (c === 37 /* % */ && text.charCodeAt(i + 1) === 123) return FAIL; // interpolation
      if (c === 92 /* \ */) {
        const escaped = ESCAPES[text.charAt(i + 1)]; // '' past the end: no escape
        if (escaped === undefined) return FAIL;
        if (this.build) out += text.slice(run, i) + escaped;
        i += 2;
        run = i;
        continue;
      }
      i++;
    }
    this.pos = i + 1;
    return this.build ? out + text.slice(run, i) : null;
  }

  private record(depth: number): Read {
    const text = this.text;
    this.pos++; // `{`
    const fields: [string, Plain][] = [];
    let sorted = true;
    this.blanks();
    while (text.charCodeAt(this.pos) !== 125 /* } */) {
      const name = this.fieldName();
      if (name === undefined) return FAIL;
      this.blanks();
      // `=`, but not `==` or `=>`
      if (text.charCodeAt(this.pos) !== 61) return FAIL;
      const after = text.charCodeAt(this.pos + 1);
      if (after === 61 || after === 62) return FAIL;
      this.pos++;
      this.blanks();
      const value = this.value(depth);
      if (value === FAIL) return FAIL;
      if (this.build) {
        const last = fields[fields.length - 1];
        if (last !== undefined && !(last[0] < name)) sorted = false;
        fields.push([name, value]);
      }
      if (!this.separator(125)) return FAIL;
    }
    this.pos++; // `}`
    if (!this.build) return null;
    if (!sorted && !sortUniqueFields(fields)) return FAIL;
    return new PlainRecord(fields);
  }

  private fieldName(): string | undefined {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    if (c === 34 /* " */) {
      const s = this.string();
      return s === FAIL ? undefined : (s as string);
    }
    if (!isIdentStart(c)) return undefined;
    const end = scanIdent(text, this.pos);
    if (end === this.pos) return undefined;
    const word = text.slice(this.pos, end);
    if (KEYWORDS.has(word) && !CONTEXTUAL_KEYWORDS.has(word) && !METADATA_KEYWORDS.has(word)) return undefined;
    this.pos = end;
    return word;
  }

  private array(depth: number): Read {
    const text = this.text;
    this.pos++; // `[`
    if (text.charCodeAt(this.pos) === 124 /* | */) return FAIL; // `[|`: an enum type
    const items: Plain[] = [];
    this.blanks();
    while (text.charCodeAt(this.pos) !== 93 /* ] */) {
      const item = this.value(depth);
      if (item === FAIL) return FAIL;
      if (this.build) items.push(item);
      if (!this.separator(93)) return FAIL;
    }
    this.pos++; // `]`
    return this.build ? items : null;
  }

  /** After an item: blanks, then `,` (and blanks) or the closing bracket (left for the caller). */
  private separator(close: number): boolean {
    this.blanks();
    const c = this.text.charCodeAt(this.pos);
    if (c === 44 /* , */) {
      this.pos++;
      this.blanks();
      return true;
    }
    return c === close;
  }
}
