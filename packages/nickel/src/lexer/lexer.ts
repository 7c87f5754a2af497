/**
 * A modal lexer for Nickel, run over the whole source before parsing. Three modes nest: normal
 * code, standard strings (`"…"`, with escapes) and multiline strings (`m%"…"%`, any number of `%`,
 * no escapes). `%{` inside a string enters normal mode; the `}` that balances it goes back.
 *
 * A lexical error does not throw here: it ends the token list with an `error` token, which the
 * parser raises when it reaches it, so an earlier syntax error is reported first (as the
 * reference's lazy lexer does).
 */
import { KEYWORDS, PRIMOP_ARITY, PUNCTUATION_BY_CHAR, UNUSABLE_PRIMOPS, type LexicalError, type Token, type TokenKind } from './tokens.js';

type Mode = { kind: 'normal'; braces: number } | { kind: 'str' } | { kind: 'mstr'; percents: number; openStart: number; openEnd: number };

/** A standard string has no state of its own: one mode object serves them all. */
const STR_MODE: Mode = Object.freeze({ kind: 'str' });

const HEX_RE = /0x[A-Fa-f0-9]+/y;
const OCT_RE = /0o[0-7]+/y;
const BIN_RE = /0b[01]+/y;
const PRIMOP_RE = /%([a-z0-9_/]+)%/y;
// Runs of characters are scanned by sticky regular expressions: V8 runs them as native code, where
// a loop over the characters would run in its interpreter for most of a short run.
const BLANKS_RE = /[ \t\n]+/y;
const IDENT_RE = /_*[a-zA-Z][_a-zA-Z0-9'-]*/y;
const STR_TEXT_RE = /[^"%\\]+/y;
const MSTR_TEXT_RE = /[^"%]+/y;

/** Where the run `re` (sticky) matching at `start` ends, or `start` when it does not match there. */
function runEnd(re: RegExp, text: string, start: number): number {
  re.lastIndex = start;
  return re.test(text) ? re.lastIndex : start;
}

export function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

export function lex(text: string): Token[] {
  const lexer = new Lexer(text);
  while (!lexer.done) lexer.fill(Infinity);
  return lexer.tokens;
}

/**
 * Lexes on demand: the parser asks for the tokens it is about to look at and drops the ones it
 * has consumed, so a multi-megabyte file never holds all its tokens at once (they die young,
 * which keeps the garbage collector's work small).
 */
export class Lexer {
  /** Lexed and not yet dropped; ends with `eof` or an `error` token once `done`. */
  readonly tokens: Token[] = [];
  done = false;
  private pos: number;
  private readonly modes: Mode[] = [{ kind: 'normal', braces: 0 }];
  /** Set when a `{` or `[` was just lexed in normal code: `fill` stops there (see `resumeAt`). */
  private opened = false;

  /**
   * Lexes `text` from offset `start` up to `end` (a term inside it, for parser/data-literal.ts:
   * what follows the term, such as the `}` of an enclosing record, is not its to lex).
   */
  constructor(
    private readonly text: string,
    start = 0,
    private readonly end = text.length,
  ) {
    this.pos = start;
  }

  /**
   * Lexes until at least `count` tokens are held, the end, or just after a `{` or `[` that may
   * open a whole term (see `opensTerm`) — whichever comes first, so that the parser can take the
   * bracketed literal that follows in one step (`resumeAt`). Callers needing `count` tokens call
   * again while `!done`.
   */
  fill(count: number): void {
    const n = this.end;
    const tokens = this.tokens;
    while (tokens.length < count && !this.done) {
      if (this.pos >= n) {
        this.push('eof', '', n, n);
        this.done = true;
        return;
      }
      // biome-ignore lint/plugin: never empty, the outermost normal mode is never popped (see `UnmatchedCloseBrace`)
      const mode = this.modes[this.modes.length - 1]!;
      const ok = mode.kind === 'normal' ? this.normal(mode) : mode.kind === 'str' ? this.str() : this.mstr(mode);
      if (!ok) this.done = true;
      if (this.opened) {
        this.opened = false;
        return;
      }
    }
  }

  /** Is `open` (a `{` or `[` token) the last token lexed, in normal code? */
  lastLexed(open: Token): boolean {
    return this.pos === open.end && this.tokens[this.tokens.length - 1] === open && this.mode().kind === 'normal';
  }

  /**
   * Continues lexing at `end`, the end of the bracketed literal `open` starts (the parser read
   * it without tokens). Only valid when `lastLexed(open)`; the literal is balanced, so the lexer
   * is back in the state it had before `open`.
   */
  resumeAt(open: Token, end: number): void {
    const mode = this.mode();
    if (open.value === '{' && mode.kind === 'normal') mode.braces--;
    this.pos = end;
  }

  /** The innermost mode. */
  private mode(): Mode {
    // biome-ignore lint/plugin: never empty, the outermost normal mode is never popped (see `UnmatchedCloseBrace`)
    return this.modes[this.modes.length - 1]!;
  }

  /** Forgets the first `count` tokens (consumed by the parser). */
  drop(count: number): void {
    this.tokens.splice(0, count);
  }

  private push(kind: TokenKind, value: string, start: number, end: number): void {
    this.tokens.push({ kind, value, start, end });
  }

  private fail(error: LexicalError): false {
    this.tokens.push({ kind: 'error', value: '', start: error.start, end: error.end, error });
    return false;
  }

  private match(re: RegExp, at: number): string | undefined {
    re.lastIndex = at;
    const m = re.exec(this.text);
    return m ? m[0] : undefined;
  }

  /** Lexes one token (or skips blanks/a comment) in normal mode. */
  private normal(mode: { kind: 'normal'; braces: number }): boolean {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    // blanks
    if (c === 32 || c === 9 || c === 10) {
      this.pos = runEnd(BLANKS_RE, text, start);
      return true;
    }
    if (c === 13) {
      if (text.charCodeAt(start + 1) === 10) {
        this.pos += 2;
        return true;
      }
      return this.fail({ kind: 'Generic', start, end: start + 2 });
    }
    if (c === 35 /* # */) {
      const nl = text.indexOf('\n', start);
      this.pos = nl < 0 ? text.length : nl;
      return true;
    }
    // numbers (a leading `.` counts: `.5` is a number, as in the reference)
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(start + 1)))) {
      if (c === 48) {
        const next = text.charCodeAt(start + 1);
        const based = next === 120 ? HEX_RE : next === 111 ? OCT_RE : next === 98 ? BIN_RE : undefined;
        const lit = based && this.match(based, start);
        if (lit) {
          const radix = next === 120 ? 'x' : next === 111 ? 'o' : 'b';
          this.push('num', BigInt(`0${radix}${lit.slice(2)}`).toString(), start, start + lit.length);
          this.pos = start + lit.length;
          return true;
        }
      }
      const lit = text.slice(start, scanDecimal(text, start));
      this.push('num', lit.charCodeAt(0) === 46 ? `0${lit}` : lit, start, start + lit.length);
      this.pos = start + lit.length;
      return true;
    }
    // identifiers, keywords, `m%"`, `prefix-s%"`
    if (isIdentStart(c)) {
      const end = scanIdent(text, start);
      if (end > start) {
        const word = text.slice(start, end);
        if (text.charCodeAt(end) === 37 /* % */ && c !== 95) {
          let k = end;
          while (text.charCodeAt(k) === 37) k++;
          if (text.charCodeAt(k) === 34 /* " */) {
            if (word === 'm') return this.enterMultiline(start, k + 1, k - end + 1, 'mstrStart', '');
            if (word.length > 2 && word.endsWith('-s')) {
              return this.enterMultiline(start, k + 1, k - end + 1, 'symStrStart', word.slice(0, -2));
            }
          }
        }
        this.push(KEYWORDS.has(word) ? 'keyword' : 'ident', word, start, end);
        this.pos = end;
        return true;
      }
      // a lone `_` (or `__…`) falls through to punctuation
    }
    if (c === 34 /* " */) {
      this.push('strStart', '"', start, start + 1);
      this.modes.push(STR_MODE);
      this.pos++;
      return true;
    }
    if (c === 39 /* ' */) {
      if (text.charCodeAt(start + 1) === 34) {
        this.push('strEnumTagBegin', `'"`, start, start + 2);
        this.modes.push(STR_MODE);
        this.pos += 2;
        return true;
      }
      const end = scanIdent(text, start + 1);
      if (end > start + 1) {
        const word = text.slice(start + 1, end);
        if (word === 'm' && /^%+"/.test(text.slice(end, end + 64))) {
          return this.fail({ kind: 'Generic', start, end: text.indexOf('"', end) + 1 });
        }
        this.push('enumTag', word, start, end);
        this.pos = end;
        return true;
      }
      return this.fail({ kind: 'Generic', start, end: start + 1 });
    }
    if (c === 37 /* % */) {
      const op = this.match(PRIMOP_RE, start);
      if (op) {
        const name = op.slice(1, -1);
        if (PRIMOP_ARITY.has(name) || UNUSABLE_PRIMOPS.has(name)) {
          this.push('primop', name, start, start + op.length);
          this.pos = start + op.length;
          return true;
        }
      }
    }
    const p = punctuationAt(text, start);
    if (p !== undefined) {
      const end = start + p.length;
      if (p === '{') mode.braces++;
      else if (p === '}') {
        if (mode.braces === 0) {
          if (this.modes.length === 1) return this.fail({ kind: 'UnmatchedCloseBrace', start, end });
          this.modes.pop(); // back to the enclosing string
        } else mode.braces--;
      }
      // Stop after a bracket that may open a whole-term literal (a field or binding value, an
      // array item, the program): the parser may read it directly (see `resumeAt`).
      if (p === '{' || p === '[') this.opened = opensTerm(this.tokens[this.tokens.length - 1]);
      this.push('punct', p, start, end);
      this.pos = end;
      return true;
    }
    const cp = text.codePointAt(start)!;
    return this.fail({ kind: 'Generic', start, end: start + (cp > 0xffff ? 2 : 1) });
  }

  private enterMultiline(start: number, end: number, percents: number, kind: TokenKind, value: string): boolean {
    // `percents` counts the `%` of the delimiter plus one: the length of `"%…` closing it.
    this.push(kind, value, start, end);
    this.modes.push({ kind: 'mstr', percents, openStart: start, openEnd: end });
    this.pos = end;
    return true;
  }

  /** Lexes one token in a standard string. */
  private str(): boolean {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    if (c === 34) {
      this.modes.pop();
      this.push('strEnd', '"', start, start + 1);
      this.pos++;
      return true;
    }
    if (c === 37 /* % */) {
      if (text.charCodeAt(start + 1) === 123) {
        this.push('interp', '%{', start, start + 2);
        this.modes.push({ kind: 'normal', braces: 0 });
        this.pos += 2;
        return true;
      }
      this.push('strLit', '%', start, start + 1);
      this.pos++;
      return true;
    }
    if (c === 92 /* \ */) return this.escape(start);
    // a run of plain characters
    const i = runEnd(STR_TEXT_RE, text, start);
    this.push('strLit', normalizeLineEndings(text.slice(start, i)), start, i);
    this.pos = i;
    return true;
  }

  private escape(start: number): boolean {
    const text = this.text;
    const e = text.charCodeAt(start + 1);
    if (e === 120 /* x */ && isHex(text.charCodeAt(start + 2)) && isHex(text.charCodeAt(start + 3))) {
      const code = parseInt(text.slice(start + 2, start + 4), 16);
      if (code > 0x7f) return this.fail({ kind: 'InvalidAsciiEscapeCode', start: start + 2, end: start + 4 });
      this.push('strLit', String.fromCharCode(code), start, start + 4);
      this.pos = start + 4;
      return true;
    }
    if (e === 117 /* u */ && text.charCodeAt(start + 2) === 123) {
      let k = start + 3;
      while (k < start + 9 && isHex(text.charCodeAt(k))) k++;
      if (k > start + 3 && text.charCodeAt(k) === 125) {
        const code = parseInt(text.slice(start + 3, k), 16);
        if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
          return this.fail({ kind: 'InvalidUnicodeEscapeCode', start: start + 3, end: k });
        }
        this.push('strLit', String.fromCodePoint(code), start, k + 1);
        this.pos = k + 1;
        return true;
      }
    }
    const escaped = ESCAPES[String.fromCharCode(e)];
    if (escaped === undefined) {
      if (Number.isNaN(e) || e === 10) return this.fail({ kind: 'Generic', start, end: start + 1 });
      return this.fail({ kind: 'InvalidEscapeSequence', start: start + 1, end: start + 2 });
    }
    this.push('strLit', escaped, start, start + 2);
    this.pos = start + 2;
    return true;
  }

  /** Lexes one token in a multiline string; `percents` is the length of its closing `"%…`. */
  private mstr(mode: { kind: 'mstr'; percents: number; openStart: number; openEnd: number }): boolean {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    const want = mode.percents;
    if (c === 34 /* " */) {
      let k = start + 1;
      while (text.charCodeAt(k) === 37) k++;
      const run = k - start; // `"` and its `%`s
      if (run === 1) return this.literal('"', start, start + 1);
      if (text.charCodeAt(k) === 123 /* { */) {
        const len = run + 1;
        if (len > want) return this.splitInterp(start, k + 1, want);
        return this.literal(text.slice(start, k + 1), start, k + 1);
      }
      if (run > want) {
        return this.fail({ kind: 'StringDelimiterMismatch', start, end: k, openStart: mode.openStart, openEnd: mode.openEnd });
      }
      if (run === want) {
        this.modes.pop();
        this.push('mstrEnd', text.slice(start, k), start, k);
        this.pos = k;
        return true;
      }
      return this.literal(text.slice(start, k), start, k);
    }
    if (c === 37 /* % */) {
      let k = start;
      while (text.charCodeAt(k) === 37) k++;
      if (text.charCodeAt(k) === 123) {
        const len = k + 1 - start;
        if (len === want) {
          this.push('interp', text.slice(start, k + 1), start, k + 1);
          this.modes.push({ kind: 'normal', braces: 0 });
          this.pos = k + 1;
          return true;
        }
        if (len > want) return this.splitInterp(start, k + 1, want);
        return this.literal(text.slice(start, k + 1), start, k + 1);
      }
      return this.literal(text.slice(start, k), start, k);
    }
    const i = runEnd(MSTR_TEXT_RE, text, start);
    return this.literal(normalizeLineEndings(text.slice(start, i)), start, i);
  }

  private literal(value: string, start: number, end: number): boolean {
    this.push('strLit', value, start, end);
    this.pos = end;
    return true;
  }

  /** `%%%{` in a `m%"` string: the extra `%` are text, the last `%{` opens an interpolation. */
  private splitInterp(start: number, end: number, want: number): boolean {
    const split = end - want;
    this.push('strLit', this.text.slice(start, split), start, split);
    this.push('interp', this.text.slice(split, end), split, end);
    this.modes.push({ kind: 'normal', braces: 0 });
    this.pos = end;
    return true;
  }
}

export const ESCAPES: Readonly<Record<string, string>> = {
  "'": "'",
  '"': '"',
  '\\': '\\',
  '%': '%',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Whether a bracket after `prev` (undefined: none held) may start a term on its own. */
function opensTerm(prev: Token | undefined): boolean {
  return prev === undefined || (prev.kind === 'punct' && (prev.value === '=' || prev.value === ',' || prev.value === '['));
}

function normalizeLineEndings(s: string): string {
  return s.indexOf('\r') < 0 ? s : s.replace(/\r\n/g, '\n');
}

/** End of the longest `[0-9]*\.?[0-9]+([eE][+-]?[0-9]+)?` at `start` (known to match). */
export function scanDecimal(text: string, start: number): number {
  let i = start;
  while (isDigit(text.charCodeAt(i))) i++;
  let end = i;
  if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
    i++;
    while (isDigit(text.charCodeAt(i))) i++;
    end = i;
  }
  const e = text.charCodeAt(end);
  if (e === 101 || e === 69) {
    let k = end + 1;
    const sign = text.charCodeAt(k);
    if (sign === 43 || sign === 45) k++;
    if (isDigit(text.charCodeAt(k))) {
      while (isDigit(text.charCodeAt(k))) k++;
      end = k;
    }
  }
  return end;
}

/** The longest punctuation token at `start`, if any. */
function punctuationAt(text: string, start: number): string | undefined {
  const candidates = PUNCTUATION_BY_CHAR.get(text.charAt(start));
  if (!candidates) return undefined;
  for (const p of candidates) if (p.length === 1 || text.startsWith(p, start)) return p;
  return undefined;
}

/** End of the identifier `_*[a-zA-Z][_a-zA-Z0-9-']*` at `start`, or `start` if there is none. */
export function scanIdent(text: string, start: number): number {
  return runEnd(IDENT_RE, text, start);
}
