import type { Expr } from '../ast/nodes.js';
import { NickelError } from '../diagnostics/error.js';
import { nestingTooDeep } from '../diagnostics/parse-errors.js';
import { Lexer } from '../lexer/lexer.js';
import type { Source } from '../source/registry.js';
import { Cursor } from './cursor.js';
import { lexicalError } from './errors.js';
import { parseTerm } from './terms.js';

/*
 * The parser: lexer/lexer.ts turns the text into tokens on demand (strings are modal), then a hand-written
 * recursive-descent parser builds ast/nodes.ts:
 *   terms.ts      let / fun / if / import / match / annotated expressions (the entry)
 *   operators.ts  infix and prefix operators by precedence climbing (operator-table.ts)
 *   atoms.ts      application, atoms, field access, primops, operator sections
 *   records.ts    `{ … }` literals; record-kind.ts decides record type vs literal vs contract
 *   strings.ts    strings, multiline indentation stripping, symbolic strings
 *   patterns.ts   destructuring patterns
 *   types.ts, metadata.ts, type-vars.ts, uniterm.ts   types, annotations, term/type duality
 */

/**
 * Parses a whole Nickel program. Throws a NickelError whose kind starts with `ParseError` on
 * malformed input, with the span of the offending token.
 */
export function parse(source: Source): Expr {
  const p = new Cursor(new Lexer(source.text), source.id, source.text);
  try {
    const e = parseTerm(p);
    if (p.peek().kind !== 'eof') p.fail('end of input (is an operator or a `,` missing?)');
    return e;
  } catch (err) {
    if (err instanceof NickelError && (err.kind === 'ParseError::UnexpectedToken' || err.kind === 'ParseError::UnexpectedEOF')) {
      // The reference recovers from syntax errors and keeps lexing; a lexical error further on
      // is fatal and is the one it reports. Do the same.
      const lexical = p.lastToken();
      if (lexical.kind === 'error') throw lexicalError(lexical, source.id);
    }
    if (err instanceof RangeError) {
      // The nesting guard should catch this first; a stack overflow is still not a crash.
      const at = p.peek(0);
      throw nestingTooDeep({ file: source.id, start: at.start, end: at.end });
    }
    throw err;
  }
}
