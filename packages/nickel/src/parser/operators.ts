/**
 * Infix expressions, by precedence climbing over the reference's levels (tightest first):
 *   0 application · 1 prefix `-` · 2 `++` `@` · 3 `*` `/` `%` · 4 `+` `-` · 5 prefix `!` ·
 *   6 `&` `|>` · 7 `<` `<=` `>` `>=` · 8 `==` `!=` · 9 `&&` · 10 `||` · 11 `->` (right assoc).
 * Binary operators are left associative: the right operand of a level-N operator is an
 * expression of level N-1 at most. A prefix operator of level N takes an operand of level N,
 * so `!a + b` is `!(a + b)`, `-a * b` is `(-a) * b`, and `1 + !b` is a syntax error.
 * Chains (`a + b + c + …`) are loops, not recursion.
 */
import type { Expr } from '../ast/nodes.js';
import { parseApplicative } from './atoms.js';
import type { Cursor } from './cursor.js';
import { INFIX } from './operator-table.js';
import { toTerm, toType, uniTerm, uniType, type Uni } from './uniterm.js';

export const LOWEST = 11;

/** An infix expression of level `max` at most (see the table above), maybe from its first atom. */
export function parseInfix(p: Cursor, max: number = LOWEST, atom?: Uni): Uni {
  const start = atom ? atom.span.start : p.peek().start;
  let left: Uni;
  let level: number;
  if (atom) {
    left = parseApplicative(p, atom);
    level = 0;
  } else if (max >= 5 && p.at('!')) {
    p.next();
    p.enter();
    const operand = toTerm(parseInfix(p, 5));
    p.leave();
    left = uniTerm({ kind: 'Unary', op: 'Not', operand, span: p.span(start) });
    level = 5;
  } else if (max >= 1 && p.at('-')) {
    p.next();
    p.enter();
    const operand = toTerm(parseInfix(p, 1));
    p.leave();
    left = uniTerm({ kind: 'Unary', op: 'Neg', operand, span: p.span(start) });
    level = 1;
  } else {
    left = parseApplicative(p);
    level = 0;
  }
  for (;;) {
    const t = p.peek();
    if (t.kind !== 'punct') break;
    const info = INFIX.get(t.value);
    if (!info || info.level > max || info.level < level) break;
    p.next();
    if (info.op === 'Arrow') {
      p.enter();
      const right = parseInfix(p, LOWEST);
      p.leave();
      left = uniType({ kind: 'Arrow', domain: toType(left), codomain: toType(right), span: p.span(start) });
    } else {
      const lhs = toTerm(left);
      const rhs = toTerm(parseInfix(p, info.level - 1));
      const e: Expr = { kind: 'Binary', op: info.op, left: lhs, right: rhs, span: p.span(start) };
      left = uniTerm(e);
    }
    level = info.level;
  }
  return left;
}
