/**
 * Atoms and application: literals, variables, `( … )`, arrays, records, enum tags, builtin types,
 * field access chains `e.a."b".%{c}`, `f x y`, `'Tag arg`, `Array T`, `%primop% args`, `match`,
 * and operator sections such as `(+)` or `(.)`.
 */
import type { BinaryOperator, Expr, FieldName, Pattern, StrLit } from '../ast/nodes.js';
import { PRIMOP_ARITY, UNUSABLE_PRIMOPS } from '../lexer/tokens.js';
import type { Cursor } from './cursor.js';
import { disabledFeature, unexpectedToken } from '../diagnostics/parse-errors.js';
import { atFieldIdent, parseIdent } from './identifiers.js';
import { INFIX } from './operator-table.js';
import { parseRecord } from './records.js';
import { atStringStart, parseString, parseStringLike } from './strings.js';
import { parseMatch, parseTerm, parseUni } from './terms.js';
import { atBuiltinType, parseBuiltinType, parseDictType, parseEnumTag, parseEnumType } from './types.js';
import { toTerm, toType, uniTerm, uniType, withSpan, type Uni } from './uniterm.js';

/** Can the next token start an atom (an argument of an application)? */
export function atAtomStart(p: Cursor): boolean {
  const t = p.peek();
  switch (t.kind) {
    case 'num':
    case 'strStart':
    case 'mstrStart':
    case 'symStrStart':
    case 'ident':
    case 'enumTag':
    case 'strEnumTagBegin':
      return true;
    case 'keyword':
      return ATOM_KEYWORDS.has(t.value);
    case 'punct':
      return t.value === '(' || t.value === '{' || t.value === '[' || t.value === '[|' || t.value === '_';
    default:
      return false;
  }
}

const ATOM_KEYWORDS = new Set(['null', 'true', 'false', 'Dyn', 'Number', 'Bool', 'String', 'or', 'as', 'include']);

/** `head arg1 … argN` (N ≥ 0). */
export function parseApplicative(p: Cursor, atom?: Uni): Uni {
  const t = p.peek();
  const start = atom ? atom.span.start : t.start;
  // the head: `Array T`, `%op% args`, `match { … }` or an atom (maybe already parsed)
  let head: Uni;
  if (atom) head = atom;
  else if (t.kind === 'keyword' && t.value === 'Array') {
    p.next();
    const elem = toType(parseAtom(p));
    head = uniType({ kind: 'Array', elem, span: p.span(t.start) });
  } else if (t.kind === 'primop') head = uniTerm(parsePrimOp(p));
  else if (t.kind === 'keyword' && t.value === 'match') head = uniTerm(parseMatch(p));
  else head = parseAtom(p);
  if (!atAtomStart(p)) return head;
  let fn = toTerm(head);
  const first = toTerm(parseAtom(p));
  if (fn.kind === 'Enum' && fn.arg === undefined && !atAtomStart(p)) {
    // `'Tag arg` looks like an application but builds an enum variant.
    return uniTerm({ kind: 'Enum', tag: fn.tag, arg: first, span: p.span(start) });
  }
  fn = { kind: 'App', fn, arg: first, span: p.span(start) };
  while (atAtomStart(p)) {
    const arg = toTerm(parseAtom(p));
    fn = { kind: 'App', fn, arg, span: p.span(start) };
  }
  return uniTerm(fn);
}

function parsePrimOp(p: Cursor): Expr {
  const t = p.next();
  const span = p.tokenSpan(t);
  if (UNUSABLE_PRIMOPS.has(t.value)) throw unexpectedToken(span, { kind: 'unusablePrimop', primop: t.value });
  if (t.value === 'eval_nix') {
    throw disabledFeature(span, 'nix-experimental');
  }
  const args: Expr[] = [];
  if (t.value === 'enum/embed') {
    // `%enum/embed% Tag e`: the tag is an identifier; it is passed as the first argument.
    const id = parseIdent(p, 'an enum tag identifier');
    args.push({ kind: 'Enum', tag: id.name, arg: undefined, span: id.span });
  }
  const arity = PRIMOP_ARITY.get(t.value)!;
  for (let i = 0; i < arity; i++) {
    if (!atAtomStart(p)) p.fail(`an argument of \`%${t.value}%\` (it takes ${arity})`);
    args.push(toTerm(parseAtom(p)));
  }
  return { kind: 'PrimOp', name: t.value, args, span: p.span(t.start) };
}

/** An atom followed by any number of field accesses. */
export function parseAtom(p: Cursor): Uni {
  p.enter();
  let atom = parsePrimary(p);
  if (p.at('.')) {
    const start = atom.span.start;
    while (p.eat('.')) {
      const field = parseAccessedField(p);
      atom = uniTerm({ kind: 'FieldAccess', record: toTerm(atom), field, span: p.span(start) });
    }
  }
  p.leave();
  return atom;
}

function parseAccessedField(p: Cursor): FieldName {
  if (atFieldIdent(p)) {
    const t = p.next();
    return { kind: 'Static', name: t.value, span: p.tokenSpan(t) };
  }
  if (atStringStart(p)) return stringFieldName(p);
  return p.fail('a field name (an identifier or a string)');
}

/** A field name written as a string: static unless it interpolates. */
export function stringFieldName(p: Cursor): FieldName {
  if (p.peek().kind === 'symStrStart') {
    // A symbolic string is a record, so using it as a name fails at run time with a type error,
    // as in the reference: wrap it in an interpolation to get exactly that.
    const rec = parseStringLike(p);
    const expr: StrLit = { kind: 'Str', chunks: [{ kind: 'Interp', expr: rec, indent: 0 }], multiline: false, span: rec.span };
    return { kind: 'Dynamic', expr, span: rec.span };
  }
  const s = parseString(p);
  if (s.chunks.every((c) => c.kind === 'Lit')) {
    return { kind: 'Static', name: s.chunks.map((c) => (c.kind === 'Lit' ? c.value : '')).join(''), span: s.span };
  }
  return { kind: 'Dynamic', expr: s, span: s.span };
}

function parsePrimary(p: Cursor): Uni {
  const t = p.peek();
  const span = p.tokenSpan(t);
  switch (t.kind) {
    case 'num':
      p.next();
      return uniTerm({ kind: 'Num', text: t.value, span });
    case 'strStart':
    case 'mstrStart':
    case 'symStrStart':
      return uniTerm(parseStringLike(p));
    case 'enumTag':
    case 'strEnumTagBegin': {
      const tag = parseEnumTag(p);
      return uniTerm({ kind: 'Enum', tag, arg: undefined, span: p.span(t.start) });
    }
    case 'ident':
      p.next();
      return { u: 'Var', name: t.value, span };
    case 'keyword':
      switch (t.value) {
        case 'null':
          p.next();
          return uniTerm({ kind: 'Null', span });
        case 'true':
        case 'false':
          p.next();
          return uniTerm({ kind: 'Bool', value: t.value === 'true', span });
        case 'or':
        case 'as':
        case 'include':
          p.next();
          return { u: 'Var', name: t.value, span };
        default:
          if (atBuiltinType(p)) return uniType(parseBuiltinType(p));
      }
      break;
    case 'punct':
      switch (t.value) {
        case '(':
          return parseParenthesized(p);
        case '[':
          return uniTerm(parseArray(p));
        case '{':
          if (p.at('_', 1)) return uniType(parseDictType(p));
          return parseRecord(p);
        case '[|':
          return uniType(parseEnumType(p, atAtomStart));
        case '_':
          p.next();
          return uniType({ kind: 'Wildcard', span });
      }
      break;
  }
  return p.fail('an expression');
}

function parseArray(p: Cursor): Expr {
  const start = p.next().start; // `[`
  const items: Expr[] = [];
  while (!p.at(']')) {
    items.push(parseTerm(p));
    if (!p.eat(',')) break;
  }
  p.expect(']', items.length ? '`,` or `]`' : 'an expression or `]`');
  return { kind: 'Array', items, span: p.span(start) };
}

/** Operators that can be written alone in parentheses, as a function: `(+)`, `(.)`, `(!)`. */
const SECTIONS = new Set([...INFIX.keys(), '!', '.'].filter((op) => op !== '->'));

function parseParenthesized(p: Cursor): Uni {
  const open = p.next();
  const op = p.peek();
  if (op.kind === 'punct' && SECTIONS.has(op.value)) {
    if (p.at(')', 1)) {
      p.next();
      p.next();
      return uniTerm(section(op.value, p.span(open.start)));
    }
    if (op.value !== '-' && op.value !== '!') {
      // `( +` can only be the start of the section `(+)`
      p.next();
      p.fail('`)` (to write the operator as a function)');
    }
  }
  const inner = parseUni(p);
  p.expect(')', '`)`');
  return withSpan(inner, p.span(open.start));
}

function section(op: string, span: Expr['span']): Expr {
  const bind = (name: string): Pattern => ({ kind: 'Bind', name, span });
  const v = (name: string): Expr => ({ kind: 'Var', name, span });
  if (op === '!') {
    return { kind: 'Fun', params: [bind('x')], body: { kind: 'Unary', op: 'Not', operand: v('x'), span }, span };
  }
  if (op === '.') {
    // `(.) r f` is `r."%{f}"`
    const field: FieldName = {
      kind: 'Dynamic',
      expr: { kind: 'Str', chunks: [{ kind: 'Interp', expr: v('y'), indent: 0 }], multiline: false, span },
      span,
    };
    return { kind: 'Fun', params: [bind('x'), bind('y')], body: { kind: 'FieldAccess', record: v('x'), field, span }, span };
  }
  const binop = INFIX.get(op)!.op as BinaryOperator;
  return {
    kind: 'Fun',
    params: [bind('x'), bind('y')],
    body: { kind: 'Binary', op: binop, left: v('x'), right: v('y'), span },
    span,
  };
}
