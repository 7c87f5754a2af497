/**
 * The parser's view of the token list: look at the next tokens, consume them, build spans, and
 * report "unexpected token … expected …" errors at the right place.
 */
import type { DataLit } from '../ast/nodes.js';
import { readDataLiteral } from '../lexer/data-literal.js';
import type { Lexer } from '../lexer/lexer.js';
import type { Token } from '../lexer/tokens.js';
import type { Span } from '../source/span.js';
import { nestingTooDeep } from '../diagnostics/parse-errors.js';
import { lexicalError, unexpected } from './errors.js';

/**
 * How deeply brackets, strings and prefix operators may nest. Each level costs about eight stack
 * frames: with Node's default stack (~1 MB) a stack overflow comes first, at roughly 800 levels
 * of nested arrays, and parse.ts reports it as the same kind of parse error. A process with a
 * larger stack (`node --stack-size=…`) gets up to this many levels.
 */
export const MAX_NESTING = 2000;

/** Consumed tokens are dropped from the lexer's buffer in batches of this many. */
const DROP_BATCH = 4096;
/** Tokens lexed ahead at a time. */
const FILL_AHEAD = 256;

/** Is the rest of the line from `at` blank (or a comment)? */
function endsLine(text: string, at: number): boolean {
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 35 /* # */) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

export class Cursor {
  /** Index into `tokens` of the next token. */
  private i = 0;
  /** How many tokens were dropped before `tokens[0]`. */
  private dropped = 0;
  /** End offset of the last consumed token. */
  lastEnd = 0;
  private depth = 0;
  private readonly tokens: Token[];

  constructor(
    private readonly lexer: Lexer,
    readonly file: number,
    readonly text: string,
    /** Read large plain-data literals directly (`takeData`); off when expanding one. */
    private readonly dataLiterals = true,
  ) {
    this.tokens = lexer.tokens;
  }

  /** The next token (k = 0) or a later one. Reaching a lexical error raises it. */
  peek(k = 0): Token {
    const idx = this.i + k;
    const tokens = this.tokens;
    if (idx >= tokens.length) this.lexTo(idx);
    const t = tokens[Math.min(idx, tokens.length - 1)]!;
    if (k === 0 && t.kind === 'error') throw lexicalError(t, this.file);
    return t;
  }

  /** Lexes until token `idx` exists or the text ends (the lexer pauses after brackets). */
  private lexTo(idx: number): void {
    do this.lexer.fill(idx + FILL_AHEAD);
    while (idx >= this.tokens.length && !this.lexer.done);
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof' && ++this.i >= DROP_BATCH) {
      this.lexer.drop(this.i);
      this.dropped += this.i;
      this.i = 0;
    }
    this.lastEnd = t.end;
    return t;
  }

  get position(): number {
    return this.dropped + this.i;
  }

  /**
   * When the next token opens a large literal of plain data that is a whole term, consumes the
   * literal and returns it as a `Data` node (see lexer/data-literal.ts). Possible only while the
   * lexer has not looked past the opening bracket: it stops after a bracket that may open a whole
   * term (after `=`, `,`, `[` or at the start), until the parser asks for more.
   */
  takeData(): DataLit | undefined {
    if (!this.dataLiterals) return undefined;
    const open = this.peek();
    if (open.kind !== 'punct' || (open.value !== '{' && open.value !== '[') || !this.lexer.lastLexed(open)) return undefined;
    // Large data is laid out over lines: a bracket with content on its own line is worth
    // reading ahead; an inline one (`{ name = "x", tag = "y" }`) is left to the parser unread.
    if (!endsLine(this.text, open.end)) return undefined;
    const data = readDataLiteral(this.text, open.start);
    if (data === undefined) return undefined;
    this.next();
    this.lexer.resumeAt(open, data.end);
    this.lastEnd = data.end;
    return { kind: 'Data', value: data.value, span: { file: this.file, start: open.start, end: data.end } };
  }

  /** The token the lexer ends with (`eof` or a lexical error), lexing the rest of the text. */
  lastToken(): Token {
    while (!this.lexer.done) this.lexer.fill(Infinity);
    return this.tokens[this.tokens.length - 1]!;
  }

  /** Is the next token this punctuation? */
  at(punct: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'punct' && t.value === punct;
  }

  atKeyword(kw: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'keyword' && t.value === kw;
  }

  eat(punct: string): boolean {
    if (!this.at(punct)) return false;
    this.next();
    return true;
  }

  eatKeyword(kw: string): boolean {
    if (!this.atKeyword(kw)) return false;
    this.next();
    return true;
  }

  expect(punct: string, expected?: string): Token {
    if (!this.at(punct)) this.fail(expected ?? `\`${punct}\``);
    return this.next();
  }

  expectKeyword(kw: string, expected?: string): Token {
    if (!this.atKeyword(kw)) this.fail(expected ?? `\`${kw}\``);
    return this.next();
  }

  /** Throws "unexpected token" on the next token, saying what was expected instead. */
  fail(expected: string, notes: string[] = []): never {
    const err = unexpected(this.peek(), expected, this.file);
    err.notes.push(...notes);
    throw err;
  }

  span(start: number): Span {
    return { file: this.file, start, end: Math.max(start, this.lastEnd) };
  }

  tokenSpan(t: Token): Span {
    return { file: this.file, start: t.start, end: t.end };
  }

  /** Guards recursion: call `enter` before parsing a nested construct and `leave` after. */
  enter(): void {
    if (++this.depth > MAX_NESTING) {
      const t = this.peek();
      throw nestingTooDeep(this.tokenSpan(t), MAX_NESTING);
    }
  }

  leave(): void {
    this.depth--;
  }

  /** Would one more `enter` stay within the nesting limit? */
  get roomToNest(): boolean {
    return this.depth < MAX_NESTING;
  }
}
