/**
 * The parser's view of the token list: look at the next tokens, consume them, build spans, and
 * report "unexpected token … expected …" errors at the right place.
 */
import type { Token } from '../lexer/tokens.js';
import type { Span } from '../source/span.js';
import { NickelError, primary } from '../diagnostics/error.js';
import { lexicalError, unexpected } from './errors.js';

/**
 * How deeply brackets, strings and prefix operators may nest. Each level costs about eight stack
 * frames: with Node's default stack (~1 MB) a stack overflow comes first, at roughly 800 levels
 * of nested arrays, and parse.ts reports it as the same kind of parse error. A process with a
 * larger stack (`node --stack-size=…`) gets up to this many levels.
 */
export const MAX_NESTING = 2000;

export class Cursor {
  private i = 0;
  /** End offset of the last consumed token. */
  lastEnd = 0;
  private depth = 0;

  constructor(
    readonly tokens: Token[],
    readonly file: number,
    readonly text: string,
  ) {}

  /** The next token (k = 0) or a later one. Reaching a lexical error raises it. */
  peek(k = 0): Token {
    const t = this.tokens[Math.min(this.i + k, this.tokens.length - 1)]!;
    if (k === 0 && t.kind === 'error') throw lexicalError(t, this.file);
    return t;
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    this.lastEnd = t.end;
    return t;
  }

  get position(): number {
    return this.i;
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
      throw new NickelError('ParseError', `expressions are nested too deeply (more than ${MAX_NESTING} levels)`, {
        labels: primary(this.tokenSpan(t), 'nesting limit reached here'),
      });
    }
  }

  leave(): void {
    this.depth--;
  }
}
