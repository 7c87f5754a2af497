/**
 * The parser's diagnostics. Wording follows the reference where it has one ("unexpected token",
 * "statically typed field without a definition", …) and always names what was expected.
 */
import { NickelError, primary, secondary } from '../diagnostics/error.js';
import type { ErrorKind } from '../diagnostics/kinds.js';
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

export function unexpected(t: Token, expected: string | undefined, file: number, message?: string): NickelError {
  const span: Span = { file, start: t.start, end: t.end };
  if (t.kind === 'eof') {
    return new NickelError('ParseError::UnexpectedEOF', message ?? `unexpected end of file${expected ? `; expected ${expected}` : ''}`, {
      labels: primary(span, expected ? `expected ${expected}` : 'the input ends here'),
    });
  }
  return new NickelError('ParseError::UnexpectedToken', message ?? `unexpected token: ${describeToken(t)}${expected ? `; expected ${expected}` : ''}`, {
    labels: primary(span, expected ? `expected ${expected}` : 'unexpected token'),
  });
}

export function lexicalError(t: Token, file: number): NickelError {
  const e = t.error!;
  const span: Span = { file, start: e.start, end: e.end };
  switch (e.kind) {
    case 'UnmatchedCloseBrace':
      return new NickelError('ParseError::UnmatchedCloseBrace', 'unmatched closing brace `}`', {
        labels: primary(span, 'no `{` opens this brace'),
      });
    case 'InvalidEscapeSequence':
      return new NickelError('ParseError::InvalidEscapeSequence', 'invalid escape sequence', {
        labels: primary(span, 'this escape sequence is not valid'),
        notes: ['Valid escapes are \\n, \\r, \\t, \\", \\\', \\\\, \\%, \\xHH (ASCII) and \\u{H…} (Unicode).'],
      });
    case 'InvalidAsciiEscapeCode':
      return new NickelError('ParseError::InvalidAsciiEscapeCode', 'invalid ascii escape code', {
        labels: primary(span, 'this code is above 0x7F'),
        notes: ['An ASCII escape \\xHH must be at most \\x7F; use \\u{…} for other characters.'],
      });
    case 'InvalidUnicodeEscapeCode':
      return new NickelError('ParseError::InvalidUnicodeEscapeCode', 'invalid unicode escape code', {
        labels: primary(span, 'this is not a Unicode scalar value'),
      });
    case 'StringDelimiterMismatch':
      return new NickelError('ParseError::StringDelimiterMismatch', 'string closing delimiter has too many `%`', {
        labels: [...primary(span, 'the closing delimiter'), ...secondary({ file, start: e.openStart!, end: e.openEnd! }, 'the opening delimiter')],
        notes: ['A multiline string must be closed by `"` followed by as many `%` as it was opened with.'],
      });
    default:
      return new NickelError('ParseError::UnexpectedToken', 'unexpected token', { labels: primary(span, 'cannot lex this') });
  }
}

export function parseError(
  kind: ErrorKind,
  message: string,
  span: Span,
  label = '',
  notes: string[] = [],
  more: { span: Span; message: string }[] = [],
): NickelError {
  return new NickelError(kind, message, {
    labels: [...primary(span, label), ...more.flatMap((m) => secondary(m.span, m.message))],
    notes,
  });
}
