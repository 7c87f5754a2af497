/**
 * Type syntax proper: `forall a b. T`, enum types `[| 'a, 'b T; r |]`, dictionaries `{_ : T}` and
 * `{_ | C}`, the `_` wildcard and the builtin type names. Everything else in type position is an
 * infix expression read as a type (uniterm.ts), so `Array Number -> {a : String}` works.
 */
import type { EnumRow, RowTail, Type } from '../ast/nodes.js';
import type { Cursor } from './cursor.js';
import { parseIdent } from './identifiers.js';
import { parseInfix } from './operators.js';
import { parseAtom } from './atoms.js';
import { parseQuotedTag } from './strings.js';
import { fixTypeVars } from './type-vars.js';
import { toType } from './uniterm.js';

/** The reference's `Type` rule: a forall or an infix expression, variables not fixed yet. */
export function parseType(p: Cursor): Type {
  if (p.atKeyword('forall')) return parseForall(p);
  return toType(parseInfix(p));
}

export function parseForall(p: Cursor): Type {
  const start = p.next().start;
  const vars: string[] = [];
  do vars.push(parseIdent(p, 'a type variable').name);
  while (!p.at('.'));
  p.expect('.', '`.` after the type variables');
  p.enter();
  const body = parseType(p);
  p.leave();
  return { kind: 'Forall', vars, body, span: p.span(start) };
}

const BUILTIN = new Set(['Dyn', 'Number', 'Bool', 'String']);

export function atBuiltinType(p: Cursor): boolean {
  const t = p.peek();
  return t.kind === 'keyword' && BUILTIN.has(t.value);
}

export function parseBuiltinType(p: Cursor): Type {
  const t = p.next();
  const span = p.tokenSpan(t);
  return { kind: t.value as 'Dyn' | 'Number' | 'Bool' | 'String', span };
}

export function atEnumTag(p: Cursor, k = 0): boolean {
  const t = p.peek(k);
  return t.kind === 'enumTag' || t.kind === 'strEnumTagBegin';
}

/** `'foo` or `'"foo bar"`: the tag's name. */
export function parseEnumTag(p: Cursor, expected = 'an enum tag'): string {
  const t = p.peek();
  if (t.kind === 'enumTag') {
    p.next();
    return t.value;
  }
  if (t.kind === 'strEnumTagBegin') return parseQuotedTag(p);
  return p.fail(expected);
}

export function parseEnumType(p: Cursor, atomStart: (p: Cursor) => boolean): Type {
  const start = p.next().start; // `[|`
  const rows: EnumRow[] = [];
  let tail: RowTail = { kind: 'Closed' };
  for (;;) {
    if (p.at('|]')) break;
    if (p.eat(';')) {
      tail = { kind: 'Var', ...parseIdent(p, 'a row variable') };
      break;
    }
    const rowStart = p.peek().start;
    const tag = parseEnumTag(p, 'an enum tag, `;` or `|]`');
    const arg = atomStart(p) ? toType(parseAtom(p)) : undefined;
    rows.push({ tag, arg, span: p.span(rowStart) });
    if (!p.eat(',')) {
      if (p.at(';')) continue;
      break;
    }
  }
  p.expect('|]', '`|]` to close the enum type');
  return { kind: 'EnumType', rows, tail, span: p.span(start) };
}

/** `{ _ : T }` or `{ _ | C }`; the cursor is on `{` followed by `_`. */
export function parseDictType(p: Cursor): Type {
  const start = p.next().start; // `{`
  p.next(); // `_`
  const contract = p.at('|');
  if (!contract && !p.at(':')) p.fail('`:` or `|` after `_` in a dictionary type');
  p.next();
  const elem = contract ? fixTypeVars(parseType(p)) : parseType(p);
  p.expect('}', '`}` to close the dictionary type');
  return { kind: 'Dict', elem, contract, span: p.span(start) };
}
