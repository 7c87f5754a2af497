/**
 * Tokens to diagnostics: what the lexer and the cursor see, handed to the parse error
 * constructors (diagnostics/parse-errors.ts), which own the wording.
 */
import type { NickelError } from '../diagnostics/error.js';
import {
  invalidAsciiEscapeCode,
  invalidEscapeSequence,
  invalidUnicodeEscapeCode,
  stringDelimiterMismatch,
  unexpectedEof,
  unexpectedToken,
  unmatchedCloseBrace,
} from '../diagnostics/parse-errors.js';
import type { Token } from '../lexer/tokens.js';
import type { Span } from '../source/span.js';

export function describeToken(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'end of input';
    case 'ident':
      return `identifier \`${t.value}\``;
    case 'num':
      return `number \`${t.value}\``;
    case 'enumTag':
      return `enum tag \`'${t.value}\``;
    case 'primop':
      return `primitive operation \`%${t.value}%\``;
    case 'strLit':
      return 'string text';
    case 'strStart':
    case 'mstrStart':
    case 'symStrStart':
      return 'the start of a string';
    case 'strEnd':
    case 'mstrEnd':
      return 'the end of a string';
    case 'interp':
      return 'an interpolation `%{`';
    case 'keyword':
      return `keyword \`${t.value}\``;
    default:
      return `\`${t.value}\``;
  }
}

export function unexpected(t: Token, expected: string | undefined, file: number): NickelError {
  const span: Span = { file, start: t.start, end: t.end };
  if (t.kind === 'eof') return unexpectedEof(span, expected);
  return unexpectedToken(span, { kind: 'found', found: describeToken(t), expected });
}

export function lexicalError(t: Token, file: number): NickelError {
  const e = t.error!;
  const span: Span = { file, start: e.start, end: e.end };
  switch (e.kind) {
    case 'UnmatchedCloseBrace':
      return unmatchedCloseBrace(span);
    case 'InvalidEscapeSequence':
      return invalidEscapeSequence(span);
    case 'InvalidAsciiEscapeCode':
      return invalidAsciiEscapeCode(span);
    case 'InvalidUnicodeEscapeCode':
      return invalidUnicodeEscapeCode(span);
    case 'StringDelimiterMismatch':
      return stringDelimiterMismatch(span, { file, start: e.openStart!, end: e.openEnd! });
    default:
      return unexpectedToken(span, { kind: 'unlexable' });
  }
}
