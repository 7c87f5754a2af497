/**
 * The pattern syntax of the reference's regular expressions (Rust's `regex` crate): a parser
 * from the pattern text to a small AST, rejecting what that crate rejects (look-around,
 * backreferences, unknown escapes…) with the crate's own error wording and position.
 */
import type {
  AsciiClassName,
  AssertionKind,
  Bracketed,
  ClassItem,
  ClassSet,
  FlagChange,
  Node,
  ParsedPattern,
  PatternSpan,
  PerlClass,
  Pos,
  UnicodeClass,
} from './ast.js';
import { RegexSyntaxError } from './errors.js';

const META = new Set('\\.+*?()|[]{}^$#&-~'.split(''));
const ASCII_CLASSES = new Set<string>([
  'alnum',
  'alpha',
  'ascii',
  'blank',
  'cntrl',
  'digit',
  'graph',
  'lower',
  'print',
  'punct',
  'space',
  'upper',
  'word',
  'xdigit',
]);

/** `\` followed by `c` is a literal `c`: every ASCII character but letters, digits, `<` and `>`. */
function isEscapable(c: string): boolean {
  if (META.has(c)) return true;
  const cp = c.codePointAt(0)!;
  if (cp > 0x7f) return false;
  return !/[0-9A-Za-z<>]/.test(c);
}

function isWhitespace(c: string): boolean {
  return /^\p{White_Space}$/u.test(c);
}

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9A-Fa-f]$/.test(c);
}

/** A primitive read where a single item is expected (an escape, a literal, `.`, `^`, `$`). */
type Primitive =
  | { kind: 'literal'; cp: number; byteEscape: boolean; span: PatternSpan }
  | { kind: 'dot'; span: PatternSpan }
  | { kind: 'assertion'; which: AssertionKind; span: PatternSpan }
  | UnicodeClass
  | PerlClass;

export function parsePattern(pattern: string): ParsedPattern {
  return new PatternParser(pattern).parse();
}

class PatternParser {
  private readonly chars: string[];
  private i = 0;
  private line = 1;
  private column = 1;
  private ignoreWhitespace = false;
  private captures = 0;
  private readonly names = new Map<string, PatternSpan>();

  constructor(pattern: string) {
    this.chars = Array.from(pattern);
  }

  parse(): ParsedPattern {
    const ast = this.alternation(undefined);
    if (!this.eof()) throw this.error(this.spanChar(), 'unopened group');
    return { ast, captures: this.captures };
  }

  // ---- cursor ----

  private eof(): boolean {
    return this.i >= this.chars.length;
  }

  private char(): string {
    return this.chars[this.i] ?? ''; // '' at the end: callers test eof() first, and '' is no syntax
  }

  private peek(): string | undefined {
    return this.chars[this.i + 1];
  }

  private pos(): Pos {
    return { offset: this.i, line: this.line, column: this.column };
  }

  private setPos(p: Pos): void {
    this.i = p.offset;
    this.line = p.line;
    this.column = p.column;
  }

  private span(): PatternSpan {
    return { start: this.pos(), end: this.pos() };
  }

  private spanChar(): PatternSpan {
    const start = this.pos();
    const end =
      this.char() === '\n'
        ? { offset: start.offset + 1, line: start.line + 1, column: 1 }
        : { offset: start.offset + 1, line: start.line, column: start.column + 1 };
    return { start, end };
  }

  private spanFrom(start: Pos): PatternSpan {
    return { start, end: this.pos() };
  }

  /** Moves past the current character; false when that reaches the end. */
  private bump(): boolean {
    if (this.eof()) return false;
    if (this.char() === '\n') {
      this.line++;
      this.column = 1;
    } else this.column++;
    this.i++;
    return !this.eof();
  }

  private bumpIf(prefix: string): boolean {
    const want = Array.from(prefix);
    for (let k = 0; k < want.length; k++) if (this.chars[this.i + k] !== want[k]) return false;
    for (let k = 0; k < want.length; k++) this.bump();
    return true;
  }

  /** In `x` mode, skips whitespace and `#` comments. */
  private bumpSpace(): void {
    if (!this.ignoreWhitespace) return;
    while (!this.eof()) {
      if (isWhitespace(this.char())) this.bump();
      else if (this.char() === '#') {
        while (!this.eof()) {
          const c = this.char();
          this.bump();
          if (c === '\n') break;
        }
      } else break;
    }
  }

  private bumpAndBumpSpace(): boolean {
    if (!this.bump()) return false;
    this.bumpSpace();
    return !this.eof();
  }

  /** The next character after the current one, skipping whitespace and comments in `x` mode. */
  private peekSpace(): string | undefined {
    if (!this.ignoreWhitespace) return this.peek();
    let inComment = false;
    for (let k = this.i + 1; k < this.chars.length; k++) {
      // biome-ignore lint/plugin: k < this.chars.length
      const c = this.chars[k]!;
      if (isWhitespace(c)) continue;
      if (!inComment && c === '#') inComment = true;
      else if (inComment && c === '\n') inComment = false;
      else if (!inComment) return c;
    }
    return undefined;
  }

  private error(span: PatternSpan, reason: string, original?: PatternSpan): RegexSyntaxError {
    return new RegexSyntaxError(reason, span, original);
  }

  // ---- expressions ----

  /** Branches up to the end of the pattern or a `)` (left for the caller). */
  private alternation(group: PatternSpan | undefined): Node {
    const first = this.concat(group);
    const branches: Node[] = [first];
    while (!this.eof() && this.char() === '|') {
      this.bump();
      branches.push(this.concat(group));
    }
    return branches.length === 1 ? first : { kind: 'alternation', branches };
  }

  private concat(group: PatternSpan | undefined): Node {
    const items: Node[] = [];
    for (;;) {
      this.bumpSpace();
      if (this.eof()) {
        if (group) throw this.error(group, 'unclosed group');
        break;
      }
      const c = this.char();
      if (c === '|' || c === ')') {
        if (c === ')' && !group) throw this.error(this.spanChar(), 'unopened group');
        break;
      }
      if (c === '(') items.push(this.group());
      else if (c === '[') items.push({ kind: 'class', cls: this.bracketed() });
      else if (c === '?' || c === '*' || c === '+') this.uncountedRepetition(items);
      else if (c === '{') this.countedRepetition(items);
      else items.push(this.primitiveNode(this.primitive()));
    }
    if (items.length === 0) return { kind: 'empty' };
    return items.length === 1 && items[0] !== undefined ? items[0] : { kind: 'concat', items };
  }

  private primitiveNode(p: Primitive): Node {
    if (p.kind === 'unicode' || p.kind === 'perl') return { kind: 'class', cls: p };
    if (p.kind === 'assertion') return { kind: 'assertion', which: p.which };
    return p;
  }

  private repeatable(items: Node[]): Node {
    const last = items.pop();
    if (!last || last.kind === 'empty' || last.kind === 'flags') throw this.error(this.span(), 'repetition operator missing expression');
    return last;
  }

  private uncountedRepetition(items: Node[]): void {
    const c = this.char();
    const sub = this.repeatable(items);
    let greedy = true;
    if (this.bump() && this.char() === '?') {
      greedy = false;
      this.bump();
    }
    const [min, max] = c === '?' ? [0, 1] : c === '*' ? [0, Infinity] : [1, Infinity];
    items.push({ kind: 'repeat', min, max, greedy, sub });
  }

  private countedRepetition(items: Node[]): void {
    const start = this.pos();
    const sub = this.repeatable(items);
    const unclosed = () => this.error(this.spanFrom(start), 'unclosed counted repetition');
    if (!this.bumpAndBumpSpace()) throw unclosed();
    const from = this.decimal();
    if (this.eof()) throw unclosed();
    let min: number;
    let max: number;
    if (this.char() === ',') {
      if (!this.bumpAndBumpSpace()) throw unclosed();
      if (this.char() !== '}') {
        min = unwrap(from);
        max = unwrap(this.decimal());
      } else {
        min = unwrap(from);
        max = Infinity;
      }
    } else {
      min = unwrap(from);
      max = min;
    }
    if (this.eof() || this.char() !== '}') throw unclosed();
    let greedy = true;
    if (this.bumpAndBumpSpace() && this.char() === '?') {
      greedy = false;
      this.bump();
    }
    if (min > max) throw this.error(this.spanFrom(start), 'invalid repetition count range, the start must be <= the end');
    items.push({ kind: 'repeat', min, max, greedy, sub });
  }

  /** A decimal, surrounded by optional whitespace (allowed even outside `x` mode). */
  private decimal(): number | RegexSyntaxError {
    while (!this.eof() && isWhitespace(this.char())) this.bump();
    const start = this.pos();
    let digits = '';
    while (!this.eof() && /[0-9]/.test(this.char())) {
      digits += this.char();
      this.bumpAndBumpSpace();
    }
    const span = this.spanFrom(start);
    while (!this.eof() && isWhitespace(this.char())) this.bumpAndBumpSpace();
    if (digits === '') return this.error(span, 'repetition quantifier expects a valid decimal');
    const n = Number(digits);
    if (n > 0xffffffff) return this.error(span, 'decimal literal invalid');
    return n;
  }

  private group(): Node {
    const open = this.spanChar();
    this.bump();
    this.bumpSpace();
    if (this.bumpIf('?=') || this.bumpIf('?!') || this.bumpIf('?<=') || this.bumpIf('?<!')) {
      throw this.error({ start: open.start, end: this.pos() }, 'look-around, including look-ahead and look-behind, is not supported');
    }
    const inner = this.span();
    const outerIgnore = this.ignoreWhitespace;
    let capture = false;
    let flags: FlagChange | undefined;
    if (this.bumpIf('?P<') || this.bumpIf('?<')) {
      this.captures++;
      this.captureName();
      capture = true;
    } else if (this.bumpIf('?')) {
      if (this.eof()) throw this.error(open, 'unclosed group');
      flags = this.flags();
      const end = this.char();
      this.bump();
      if (end === ')') {
        if (Object.keys(flags).length === 0) throw this.error(inner, 'repetition operator missing expression');
        if (flags.x !== undefined) this.ignoreWhitespace = flags.x;
        return { kind: 'flags', flags };
      }
      if (flags.x !== undefined) this.ignoreWhitespace = flags.x;
    } else {
      this.captures++;
      capture = true;
    }
    const sub = this.alternation(open);
    // alternation stops at `)` or the end; the end inside a group was reported as unclosed.
    this.bump();
    this.ignoreWhitespace = outerIgnore;
    return { kind: 'group', capture, flags, sub };
  }

  private captureName(): void {
    if (this.eof()) throw this.error(this.span(), 'unclosed capture group name');
    const start = this.pos();
    let name = '';
    for (;;) {
      const c = this.char();
      if (c === '>') break;
      const ok =
        name === ''
          ? c === '_' || /^\p{Alphabetic}$/u.test(c)
          : c === '_' || c === '.' || c === '[' || c === ']' || /^[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]$/u.test(c);
      if (!ok) throw this.error(this.spanChar(), 'invalid capture group character');
      name += c;
      if (!this.bump()) break;
    }
    const end = this.pos();
    if (this.eof()) throw this.error(this.span(), 'unclosed capture group name');
    this.bump();
    if (name === '') throw this.error({ start, end: start }, 'empty capture group name');
    const original = this.names.get(name);
    if (original) throw this.error({ start, end }, 'duplicate capture group name', original);
    this.names.set(name, { start, end });
  }

  /** Flags up to (not past) the `:` or `)` ending them. */
  private flags(): FlagChange {
    const flags: FlagChange = {};
    const seen = new Map<string, PatternSpan>();
    let negation: PatternSpan | undefined;
    let lastWasNegation: PatternSpan | undefined;
    while (this.char() !== ':' && this.char() !== ')') {
      const c = this.char();
      if (c === '-') {
        if (negation) throw this.error(this.spanChar(), 'flag negation operator repeated', negation);
        negation = this.spanChar();
        lastWasNegation = negation;
      } else {
        lastWasNegation = undefined;
        if (!'imsUuRx'.includes(c)) throw this.error(this.spanChar(), 'unrecognized flag');
        const original = seen.get(c);
        if (original) throw this.error(this.spanChar(), 'duplicate flag', original);
        seen.set(c, this.spanChar());
        flags[c as keyof FlagChange] = negation === undefined;
      }
      if (!this.bump()) throw this.error(this.span(), 'expected flag but got end of regex');
    }
    if (lastWasNegation) throw this.error(lastWasNegation, 'dangling flag negation operator');
    return flags;
  }

  // ---- primitives and escapes ----

  private primitive(): Primitive {
    const c = this.char();
    if (c === '\\') return this.escape();
    const span = this.spanChar();
    this.bump();
    if (c === '.') return { kind: 'dot', span };
    if (c === '^') return { kind: 'assertion', which: 'start-line', span };
    if (c === '$') return { kind: 'assertion', which: 'end-line', span };
    return { kind: 'literal', cp: c.codePointAt(0)!, byteEscape: false, span };
  }

  private escape(): Primitive {
    const start = this.pos();
    if (!this.bump()) throw this.error(this.spanFrom(start), 'incomplete escape sequence, reached end of pattern prematurely');
    const c = this.char();
    if (/[0-9]/.test(c)) throw this.error({ start, end: this.spanChar().end }, 'backreferences are not supported');
    if (c === 'x' || c === 'u' || c === 'U') {
      const lit = this.hex(c);
      return { ...lit, span: { start, end: lit.span.end } };
    }
    if (c === 'p' || c === 'P') {
      const cls = this.unicodeClass();
      return { ...cls, span: { start, end: cls.span.end } };
    }
    if ('dswDSW'.includes(c)) {
      this.bump();
      return { kind: 'perl', which: c.toLowerCase() as 'd' | 's' | 'w', negated: c !== c.toLowerCase(), span: this.spanFrom(start) };
    }
    this.bump();
    const span = this.spanFrom(start);
    if (isEscapable(c)) return { kind: 'literal', cp: c.codePointAt(0)!, byteEscape: false, span };
    const special: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    const cp = special[c];
    if (cp !== undefined) return { kind: 'literal', cp, byteEscape: false, span };
    const assertion = (which: AssertionKind): Primitive => ({ kind: 'assertion', which, span: this.spanFrom(start) });
    if (c === 'A') return assertion('start-text');
    if (c === 'z') return assertion('end-text');
    if (c === 'B') return assertion('not-word');
    if (c === '<') return assertion('word-start');
    if (c === '>') return assertion('word-end');
    if (c === 'b') return assertion(!this.eof() && this.char() === '{' ? this.specialWordBoundary(start) : 'word');
    throw this.error(span, 'unrecognized escape sequence');
  }

  /** After `\b`, at `{`: `\b{start}` and kin, or else (a counted repetition follows) plain `\b`. */
  private specialWordBoundary(wbStart: Pos): AssertionKind {
    const start = this.pos();
    if (!this.bumpAndBumpSpace()) {
      throw this.error(
        this.spanFrom(wbStart),
        'found either the beginning of a special word boundary or a bounded repetition on a \\b with an opening brace, but no closing brace',
      );
    }
    const contentStart = this.pos();
    const valid = (ch: string) => /[A-Za-z-]/.test(ch);
    if (!valid(this.char())) {
      this.setPos(start);
      return 'word';
    }
    let name = '';
    while (!this.eof() && valid(this.char())) {
      name += this.char();
      this.bumpAndBumpSpace();
    }
    if (this.eof() || this.char() !== '}') {
      throw this.error(this.spanFrom(start), 'special word boundary assertion is either unclosed or contains an invalid character');
    }
    const end = this.pos();
    this.bump();
    const kinds: Record<string, AssertionKind> = { start: 'word-start', end: 'word-end', 'start-half': 'word-start-half', 'end-half': 'word-end-half' };
    const kind = kinds[name];
    if (!kind) {
      throw this.error({ start: contentStart, end }, 'unrecognized special word boundary assertion, valid choices are: start, end, start-half or end-half');
    }
    return kind;
  }

  private hex(prefix: string): { kind: 'literal'; cp: number; byteEscape: boolean; span: PatternSpan } {
    if (!this.bumpAndBumpSpace()) throw this.error(this.span(), 'incomplete escape sequence, reached end of pattern prematurely');
    let digits = '';
    let start: Pos;
    let end: Pos;
    if (this.char() === '{') {
      const brace = this.pos();
      start = this.spanChar().end;
      while (this.bumpAndBumpSpace() && this.char() !== '}') {
        if (!isHex(this.char())) throw this.error(this.spanChar(), 'invalid hexadecimal digit');
        digits += this.char();
      }
      if (this.eof()) throw this.error(this.spanFrom(brace), 'incomplete escape sequence, reached end of pattern prematurely');
      end = this.pos();
      this.bumpAndBumpSpace();
      if (digits === '') throw this.error(this.spanFrom(brace), 'hexadecimal literal empty');
    } else {
      start = this.pos();
      const count = prefix === 'x' ? 2 : prefix === 'u' ? 4 : 8;
      for (let k = 0; k < count; k++) {
        if (k > 0 && !this.bumpAndBumpSpace()) throw this.error(this.span(), 'incomplete escape sequence, reached end of pattern prematurely');
        if (!isHex(this.char())) throw this.error(this.spanChar(), 'invalid hexadecimal digit');
        digits += this.char();
      }
      this.bumpAndBumpSpace();
      end = this.pos();
    }
    const cp = digits.length > 8 ? Infinity : parseInt(digits, 16);
    if (!(cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff)) throw this.error({ start, end }, 'hexadecimal literal is not a Unicode scalar value');
    return { kind: 'literal', cp, byteEscape: prefix === 'x' && cp <= 0xff, span: { start, end: this.pos() } };
  }

  private unicodeClass(): UnicodeClass {
    const negated = this.char() === 'P';
    if (!this.bumpAndBumpSpace()) throw this.error(this.span(), 'incomplete escape sequence, reached end of pattern prematurely');
    if (this.char() === '{') {
      const start = this.spanChar().end;
      let text = '';
      while (this.bumpAndBumpSpace() && this.char() !== '}') text += this.char();
      if (this.eof()) throw this.error(this.span(), 'incomplete escape sequence, reached end of pattern prematurely');
      this.bump();
      const span = this.spanFrom(start);
      for (const sep of ['!=', ':', '=']) {
        const k = text.indexOf(sep);
        if (k >= 0) return { kind: 'unicode', negated, name: text.slice(0, k), value: text.slice(k + sep.length), notEqual: sep === '!=', span };
      }
      return { kind: 'unicode', negated, name: text, notEqual: false, span };
    }
    const start = this.pos();
    const c = this.char();
    if (c === '\\') throw this.error(this.spanChar(), 'invalid Unicode character class');
    this.bumpAndBumpSpace();
    return { kind: 'unicode', negated, name: c, notEqual: false, span: this.spanFrom(start) };
  }

  // ---- bracketed classes ----

  private bracketed(): Bracketed {
    const open = this.pos();
    const unclosedHere = () => this.error(this.spanFrom(open), 'unclosed character class');
    if (!this.bumpAndBumpSpace()) throw unclosedHere();
    let negated = false;
    if (this.char() === '^') {
      if (!this.bumpAndBumpSpace()) throw unclosedHere();
      negated = true;
    }
    const openSpan = this.spanFrom(open);
    const unclosed = () => this.error(openSpan, 'unclosed character class');
    let union: ClassItem[] = [];
    while (this.char() === '-') {
      union.push({ kind: 'char', cp: 0x2d, byteEscape: false, span: this.spanChar() });
      if (!this.bumpAndBumpSpace()) throw this.error({ start: open, end: open }, 'unclosed character class');
    }
    if (union.length === 0 && this.char() === ']') {
      union.push({ kind: 'char', cp: 0x5d, byteEscape: false, span: this.spanChar() });
      if (!this.bumpAndBumpSpace()) throw unclosedHere();
    }
    let set: ClassSet | undefined;
    let pending: '&&' | '--' | '~~' | undefined;
    const close = (): ClassSet => {
      const rhs: ClassSet = { kind: 'union', items: union };
      union = [];
      return set && pending ? { kind: 'op', op: pending, lhs: set, rhs } : rhs;
    };
    for (;;) {
      this.bumpSpace();
      if (this.eof()) throw unclosed();
      const c = this.char();
      if (c === '[') {
        const ascii = this.asciiClass();
        union.push(ascii ?? this.bracketed());
      } else if (c === ']') {
        this.bump();
        return { kind: 'bracketed', negated, set: close(), span: this.spanFrom(open) };
      } else if ((c === '&' || c === '-' || c === '~') && this.peek() === c) {
        set = close();
        pending = (c + c) as '&&' | '--' | '~~';
        this.bump();
        this.bump();
      } else union.push(this.classRange(unclosed));
    }
  }

  /** `[:alpha:]` (inside a class); undefined, with the position untouched, when it is not one. */
  private asciiClass(): ClassItem | undefined {
    const start = this.pos();
    const fail = () => {
      this.setPos(start);
      return undefined;
    };
    if (!this.bump() || this.char() !== ':') return fail();
    if (!this.bump()) return fail();
    let negated = false;
    if (this.char() === '^') {
      negated = true;
      if (!this.bump()) return fail();
    }
    let name = '';
    while (this.char() !== ':') {
      name += this.char();
      if (!this.bump()) return fail();
    }
    if (!this.bumpIf(':]')) return fail();
    if (!ASCII_CLASSES.has(name)) return fail();
    return { kind: 'ascii', name: name as AsciiClassName, negated };
  }

  private classItem(): Primitive {
    if (this.char() === '\\') return this.escape();
    const span = this.spanChar();
    const cp = this.char().codePointAt(0)!;
    this.bump();
    return { kind: 'literal', cp, byteEscape: false, span };
  }

  private classRange(unclosed: () => RegexSyntaxError): ClassItem {
    const first = this.classItem();
    this.bumpSpace();
    if (this.eof()) throw unclosed();
    if (this.char() !== '-' || this.peekSpace() === ']' || this.peekSpace() === '-') return this.asClassItem(first);
    if (!this.bumpAndBumpSpace()) throw unclosed();
    const second = this.classItem();
    const from = this.rangeBound(first);
    const to = this.rangeBound(second);
    const span = { start: first.span.start, end: second.span.end };
    if (from > to) throw this.error(span, 'invalid character class range, the start must be <= the end');
    return { kind: 'range', from, to, span };
  }

  private asClassItem(p: Primitive): ClassItem {
    if (p.kind === 'literal') return { kind: 'char', cp: p.cp, byteEscape: p.byteEscape, span: p.span };
    if (p.kind === 'unicode' || p.kind === 'perl') return p;
    throw this.error(p.span, 'invalid escape sequence found in character class');
  }

  private rangeBound(p: Primitive): number {
    if (p.kind === 'literal') return p.cp;
    throw this.error(p.span, 'invalid range boundary, must be a literal');
  }
}

function unwrap(n: number | RegexSyntaxError): number {
  if (n instanceof RegexSyntaxError) throw n;
  return n;
}
