/**
 * Which words count as identifiers where. `or`, `as` and `include` are keywords only in their
 * own constructs and identifiers everywhere else; metadata keywords (`doc`, `default`, …) are
 * identifiers only as field names.
 */
import type { Span } from '../source/span.js';
import { CONTEXTUAL_KEYWORDS as CONTEXTUAL, METADATA_KEYWORDS as METADATA } from '../lexer/tokens.js';
import type { Cursor } from './cursor.js';

/** An identifier usable as a variable: plain identifiers and contextual keywords. */
export function atIdent(p: Cursor, k = 0): boolean {
  const t = p.peek(k);
  return t.kind === 'ident' || (t.kind === 'keyword' && CONTEXTUAL.has(t.value));
}

/** An identifier usable as a field name: also the metadata keywords. */
export function atFieldIdent(p: Cursor, k = 0): boolean {
  const t = p.peek(k);
  return atIdent(p, k) || (t.kind === 'keyword' && METADATA.has(t.value));
}

export function parseIdent(p: Cursor, expected = 'an identifier'): { name: string; span: Span } {
  if (!atIdent(p)) p.fail(expected);
  const t = p.next();
  return { name: t.value, span: p.tokenSpan(t) };
}

export function parseFieldIdent(p: Cursor, expected = 'a field name'): { name: string; span: Span } {
  if (!atFieldIdent(p)) p.fail(expected);
  const t = p.next();
  return { name: t.value, span: p.tokenSpan(t) };
}
