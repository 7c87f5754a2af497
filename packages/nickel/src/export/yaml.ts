import { numberToJson } from '../number/format.js';
import { PlainRecord, type Plain } from './plain.js';

/**
 * YAML text of a plain value as the reference's `nickel export --format yaml` and
 * `std.serialize 'Yaml` print it (1.18 reverted the leading `---` that 1.17 added): the document
 * as serde_yaml 0.9 writes it through libyaml's emitter — block style, two-space indentation,
 * sequences inside mappings not indented, `[]` and `{}` when empty, strings quoted only when they
 * would otherwise read back as something else, `|` blocks for multi-line strings. This
 * re-implements the emitter's decisions for the events a plain value produces (no tags, no
 * anchors, flow style only for empty collections).
 */
export function toYaml(value: Plain): string {
  const emitter = new Emitter();
  emitter.node(value, { sequence: false, mapping: false, simpleKey: false });
  emitter.documentEnd();
  return emitter.text();
}

/** Several documents, one per element, as `--format yaml-documents` writes them. */
export function toYamlDocuments(values: Plain[]): string {
  return values.map((v) => '---\n' + toYaml(v)).join('');
}

type Style = 'plain' | 'single' | 'double' | 'literal';

interface NodeContext {
  sequence: boolean;
  mapping: boolean;
  simpleKey: boolean;
}

/** What libyaml's analysis finds out about a scalar before choosing its style. */
interface ScalarAnalysis {
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
  /** Length in UTF-8 bytes (a key longer than 128 bytes is written as an explicit `? key`). */
  length: number;
}

class Emitter {
  private readonly out: string[] = [];
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];
  private flowLevel = 0;
  private mappingContext = false;

  text(): string {
    return this.out.join('');
  }

  node(value: Plain, ctx: NodeContext): void {
    this.mappingContext = ctx.mapping;
    if (Array.isArray(value)) this.sequence(value);
    else if (value instanceof PlainRecord) this.mapping(value);
    else this.scalar(value, ctx);
  }

  documentEnd(): void {
    this.writeIndent();
  }

  private sequence(items: Plain[]): void {
    if (this.flowLevel > 0 || items.length === 0) {
      // Only empty collections are written in flow style.
      this.indicator('[', true, true, false);
      this.indicator(']', false, false, false);
      return;
    }
    this.increaseIndent(false, this.mappingContext && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.indicator('-', true, false, true);
      this.node(item, { sequence: true, mapping: false, simpleKey: false });
    }
    this.indent = this.indents.pop()!;
  }

  private mapping(record: PlainRecord): void {
    if (this.flowLevel > 0 || record.fields.length === 0) {
      this.indicator('{', true, true, false);
      this.indicator('}', false, false, false);
      return;
    }
    this.increaseIndent(false, false);
    for (const [key, value] of record.fields) {
      this.writeIndent();
      const analysis = analyzeScalar(key);
      if (!analysis.multiline && analysis.length <= 128) {
        this.node(key, { sequence: false, mapping: true, simpleKey: true });
        this.indicator(':', false, false, false);
      } else {
        this.indicator('?', true, false, true);
        this.node(key, { sequence: false, mapping: true, simpleKey: false });
        this.writeIndent();
        this.indicator(':', true, false, true);
      }
      this.node(value, { sequence: false, mapping: true, simpleKey: false });
    }
    this.indent = this.indents.pop()!;
  }

  private scalar(value: null | boolean | string | Exclude<Plain, null | boolean | string | Plain[] | PlainRecord>, ctx: NodeContext): void {
    let text: string;
    let requested: Style | 'any';
    if (value === null) [text, requested] = ['null', 'plain'];
    else if (typeof value === 'boolean') [text, requested] = [value ? 'true' : 'false', 'plain'];
    else if (typeof value === 'string') [text, requested] = [value, stringStyle(value)];
    else [text, requested] = [numberToJson(value), 'plain'];
    const analysis = analyzeScalar(text);
    const style = this.selectStyle(requested, analysis, ctx);
    this.increaseIndent(true, false);
    switch (style) {
      case 'plain':
        this.writePlain(text);
        break;
      case 'single':
        this.writeSingleQuoted(text, !ctx.simpleKey);
        break;
      case 'double':
        this.writeDoubleQuoted(text);
        break;
      case 'literal':
        this.writeLiteral(text);
        break;
    }
    this.indent = this.indents.pop()!;
  }

  private selectStyle(requested: Style | 'any', a: ScalarAnalysis, ctx: NodeContext): Style {
    let style: Style = requested === 'any' ? 'plain' : requested;
    if (ctx.simpleKey && a.multiline) style = 'double';
    if (style === 'plain') {
      if ((this.flowLevel > 0 && !a.flowPlainAllowed) || (this.flowLevel === 0 && !a.blockPlainAllowed)) {
        style = 'single';
      }
      if (a.length === 0 && (this.flowLevel > 0 || ctx.simpleKey)) style = 'single';
    }
    if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || this.flowLevel > 0 || ctx.simpleKey)) style = 'double';
    return style;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? 2 : 0;
    else if (!indentless) this.indent += 2;
  }

  private put(text: string): void {
    this.out.push(text);
    this.column += text.length === 1 ? 1 : [...text].length;
  }

  private putBreak(): void {
    this.out.push('\n');
    this.column = 0;
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    if (this.column < indent) this.put(' '.repeat(indent - this.column));
    this.whitespace = true;
    this.indention = true;
  }

  private indicator(text: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(text);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** A line break inside a scalar: `\n` as is, the other YAML breaks copied. */
  private writeBreak(ch: string): void {
    this.out.push(ch);
    this.column = 0;
  }

  private writePlain(text: string): void {
    if (!this.whitespace && (text.length !== 0 || this.flowLevel !== 0)) this.put(' ');
    // Plain scalars never hold breaks here (multi-line strings are not plain-allowed).
    this.put(text);
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(text: string, allowBreaks: boolean): void {
    void allowBreaks; // lines are never folded: serde_yaml sets an unlimited width
    this.indicator("'", true, false, false);
    let breaks = false;
    for (const ch of text) {
      if (isBreak(ch)) {
        if (!breaks && ch === '\n') this.putBreak();
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(ch === "'" ? "''" : ch);
        this.indention = false;
        breaks = false;
      }
    }
    if (breaks) this.writeIndent();
    this.indicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(text: string): void {
    this.indicator('"', true, false, false);
    for (const ch of text) {
      const code = ch.codePointAt(0)!;
      if (!isPrintable(code) || code === 0xfeff || isBreak(ch) || ch === '"' || ch === '\\') this.put(escape(code));
      else this.put(ch);
    }
    this.indicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(text: string): void {
    this.indicator('|', true, false, false);
    this.blockScalarHints(text);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const ch of text) {
      if (isBreak(ch)) {
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(ch);
        this.indention = false;
        breaks = false;
      }
    }
  }

  private blockScalarHints(text: string): void {
    const chars = [...text];
    const first = chars[0];
    if (first !== undefined && (first === ' ' || isBreak(first))) this.indicator('2', false, false, false);
    const last = chars[chars.length - 1];
    let chomp: string | undefined;
    if (last === undefined || !isBreak(last)) chomp = '-';
    else if (chars.length === 1 || isBreak(chars[chars.length - 2] ?? '')) chomp = '+';
    if (chomp) this.indicator(chomp, false, false, false);
  }
}

/** serde_yaml's choice: literal for multi-line text, quoted when it would read back as another type. */
function stringStyle(value: string): Style | 'any' {
  if (value.includes('\n')) return 'literal';
  return readsAsNonString(value) ? 'single' : 'any';
}

/**
 * Whether serde_yaml would read the plain scalar back as null, a boolean or a number (then the
 * string must be quoted), following its rules: YAML 1.2 core-schema words, Rust integer parsing
 * with 0x/0o/0b prefixes, Rust float parsing, `.inf`/`.nan`, and leading-zero digit strings.
 */
export function readsAsNonString(v: string): boolean {
  if (v === '' || v === '~' || v === 'null' || v === 'Null' || v === 'NULL') return true;
  if (/^(true|True|TRUE|false|False|FALSE)$/.test(v)) return true;
  if (digitsButNotNumber(v)) return true;
  if (isYamlInteger(v)) return true;
  return isYamlFloat(v);
}

function digitsButNotNumber(v: string): boolean {
  const s = v.startsWith('-') || v.startsWith('+') ? v.slice(1) : v;
  return s.length > 1 && s.startsWith('0') && /^[0-9]+$/.test(s.slice(1));
}

const U128_MAX = 2n ** 128n - 1n;
const I128_MIN = -(2n ** 127n);
const RADIXES = [
  ['0x', /^[0-9a-fA-F]+$/],
  ['0o', /^[0-7]+$/],
  ['0b', /^[01]+$/],
] as const;

/**
 * serde_yaml's integer reading: an optional `+`, a 0x/0o/0b prefix or decimal digits, fitting a
 * u128; or `-` and the same fitting an i128. (Decimal overflow then reads as a float anyway.)
 */
function isYamlInteger(v: string): boolean {
  const unpositive = v.startsWith('+') ? v.slice(1) : v;
  for (const [prefix, digits] of RADIXES) {
    const base = prefix === '0x' ? '0x' : prefix === '0o' ? '0o' : '0b';
    if (unpositive.startsWith(prefix)) {
      const rest = unpositive.slice(2);
      if (digits.test(rest) && BigInt(base + rest) <= U128_MAX) return true;
    }
    if (v.startsWith('-' + prefix)) {
      const rest = v.slice(3);
      if (digits.test(rest) && -BigInt(base + rest) >= I128_MIN) return true;
    }
  }
  if (/^\+?[0-9]+$/.test(v)) return BigInt(unpositive) <= U128_MAX;
  if (/^-[0-9]+$/.test(v)) return BigInt(v) >= I128_MIN;
  return false;
}

function isYamlFloat(v: string): boolean {
  let s = v;
  if (s.startsWith('+')) {
    s = s.slice(1);
    if (s.startsWith('+') || s.startsWith('-')) return false;
  }
  if (/^(\.inf|\.Inf|\.INF)$/.test(s) || /^(-\.inf|-\.Inf|-\.INF)$/.test(v) || /^(\.nan|\.NaN|\.NAN)$/.test(v)) return true;
  // Rust's f64 grammar (finite values only: inf/nan words parse but are not finite).
  return /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(s) && Number.isFinite(Number(s.replace(/^\+/, '')));
}

function isBreak(ch: string): boolean {
  return ch === '\n' || ch === '\r' || ch === '\u0085' || ch === '\u2028' || ch === '\u2029';
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ';
}

/** End of text, NUL, space, tab or a break. */
function isBlankZ(ch: string | undefined): boolean {
  return ch === undefined || ch === '\0' || ch === ' ' || ch === '\t' || isBreak(ch);
}

/** libyaml's printable set (as unsafe-libyaml has it: astral characters included). */
function isPrintable(code: number): boolean {
  return (
    code === 0x0a ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) ||
    code >= 0x10000
  );
}

function escape(code: number): string {
  const short: Record<number, string> = {
    0x00: '0',
    0x07: 'a',
    0x08: 'b',
    0x09: 't',
    0x0a: 'n',
    0x0b: 'v',
    0x0c: 'f',
    0x0d: 'r',
    0x1b: 'e',
    0x22: '"',
    0x5c: '\\',
    0x85: 'N',
    0xa0: '_',
    0x2028: 'L',
    0x2029: 'P',
  };
  const s = short[code];
  if (s !== undefined) return '\\' + s;
  const hex = code.toString(16).toUpperCase();
  if (code <= 0xff) return '\\x' + hex.padStart(2, '0');
  if (code <= 0xffff) return '\\u' + hex.padStart(4, '0');
  return '\\U' + hex.padStart(8, '0');
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** libyaml's scalar analysis: which styles can represent the text faithfully. */
function analyzeScalar(text: string): ScalarAnalysis {
  const length = utf8Length(text);
  if (text.length === 0) {
    return { multiline: false, flowPlainAllowed: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false, length };
  }
  const chars = [...text];
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (text.startsWith('---') || text.startsWith('...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  let precededByWhitespace = true;
  for (let i = 0; i < chars.length; i++) {
    // biome-ignore lint/plugin: i < chars.length
    const ch = chars[i]!;
    const followedByWhitespace = isBlankZ(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) {
        flowIndicators = true;
        blockIndicators = true;
      }
      if (ch === '?' || ch === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      }
      if (ch === '-' && followedByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    } else {
      if (',?[]{}'.includes(ch)) flowIndicators = true;
      if (ch === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      }
      if (ch === '#' && precededByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    }
    if (!isPrintable(ch.codePointAt(0)!)) specialCharacters = true;
    if (isBreak(ch)) lineBreaks = true;
    if (isSpace(ch)) {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(ch)) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankZ(ch);
  }
  const a: ScalarAnalysis = {
    multiline: lineBreaks,
    flowPlainAllowed: true,
    blockPlainAllowed: true,
    singleQuotedAllowed: true,
    blockAllowed: true,
    length,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (flowIndicators) a.flowPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}
