/**
 * The ordinary AST of a `Data` node (a plain-data literal the lexer read straight into its
 * value): parsed from the same span of the source when the evaluator needs more than the value
 * — fields to merge or check against contracts, spans for diagnostics. The evaluator keeps it
 * with the program's facts (analysis/facts.ts), so it is built at most once per node.
 */
import type { DataLit, Expr } from '../ast/nodes.js';
import { Lexer } from '../lexer/lexer.js';
import type { Source } from '../source/registry.js';
import { Cursor } from './cursor.js';
import { parseTerm } from './terms.js';

export function expandData(node: DataLit, source: Source): Expr {
  const p = new Cursor(new Lexer(source.text, node.span.start, node.span.end), source.id, source.text, false);
  const expr = parseTerm(p);
  if (p.lastEnd !== node.span.end) throw new Error(`data literal at ${node.span.start} re-parsed to a different extent`);
  return expr;
}
