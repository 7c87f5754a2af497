/**
 * Destructuring patterns for `let`, `fun` and `match`:
 *   `x`, `_`, `x @ p`, constants (`1`, `-1`, `"a"`, `true`, `null`), `'Tag`, `'Tag p`,
 *   `{ a, b = p, c ? default, d : T | C, ..rest }`, `[p, q, ..rest]`, `p or q`.
 * Function parameters and enum variant arguments must parenthesise variants and or-patterns
 * (`fun ('Some x) => …`), so that `fun 'A 'B => …` has two parameters. `or` stays an identifier:
 * `'Tag or` at the end of a pattern is the variant binding `or`.
 */
import type { Expr, Pattern, PatternTail, RecordPatternField } from '../ast/nodes.js';
import type { Span } from '../source/span.js';
import type { Cursor } from './cursor.js';
import { duplicateIdentInRecordPattern, unexpectedToken } from '../diagnostics/parse-errors.js';
import { atIdent, parseIdent } from './identifiers.js';
import { parseAnnotations, parseSignedNumber } from './metadata.js';
import { parseStaticString } from './strings.js';
import { parseTerm } from './terms.js';
import { parseEnumTag } from './types.js';

/**
 * `general`: anything (let bindings, match branches, nested positions);
 * `param`: a function parameter; `variantArg`: the argument of an enum variant pattern.
 */
type PatternSite = 'general' | 'param' | 'variantArg' | 'orBranch';

export function parsePattern(p: Cursor): Pattern {
  return parseWith(p, 'general');
}

export function parseParam(p: Cursor): Pattern {
  return parseWith(p, 'param');
}

/** Can the next token start a pattern? */
export function atPatternStart(p: Cursor, k = 0): boolean {
  const t = p.peek(k);
  switch (t.kind) {
    case 'ident':
    case 'num':
    case 'strStart':
    case 'enumTag':
    case 'strEnumTagBegin':
      return true;
    case 'keyword':
      return t.value === 'or' || t.value === 'as' || t.value === 'include' || t.value === 'true' || t.value === 'false' || t.value === 'null';
    case 'punct':
      // `-` always starts a (negative number) pattern, as it does for the reference's parser
      return t.value === '{' || t.value === '[' || t.value === '(' || t.value === '_' || t.value === '-';
    default:
      return false;
  }
}

function parseWith(p: Cursor, site: PatternSite): Pattern {
  const start = p.peek().start;
  p.enter();
  const alias = atIdent(p) && p.at('@', 1) ? parseIdent(p) : undefined;
  if (alias) p.next(); // `@`
  let pat = parseSingle(p, site);
  if (site === 'general' && p.atKeyword('or')) {
    const alternatives = [pat];
    while (p.eatKeyword('or')) alternatives.push(parseWith(p, 'orBranch'));
    pat = { kind: 'Or', alternatives, span: p.span(alias ? pat.span.start : start) };
  }
  p.leave();
  if (alias) return { kind: 'Alias', name: alias.name, pattern: pat, span: p.span(start) };
  return pat;
}

function parseSingle(p: Cursor, site: PatternSite): Pattern {
  const t = p.peek();
  const start = t.start;
  const span = p.tokenSpan(t);
  switch (t.kind) {
    case 'ident':
      p.next();
      return { kind: 'Bind', name: t.value, span };
    case 'num':
      p.next();
      return { kind: 'Const', value: { kind: 'Num', text: t.value, span }, span };
    case 'strStart': {
      const value = parseStaticString(p, false, 'a string');
      const s = p.span(start);
      return { kind: 'Const', value: { kind: 'Str', chunks: value ? [{ kind: 'Lit', value }] : [], multiline: false, span: s }, span: s };
    }
    case 'enumTag':
    case 'strEnumTagBegin':
      return parseEnumPattern(p, site);
    case 'keyword':
      switch (t.value) {
        case 'or':
        case 'as':
        case 'include':
          if (site === 'variantArg') break;
          p.next();
          return { kind: 'Bind', name: t.value, span };
        case 'true':
        case 'false':
          p.next();
          return { kind: 'Const', value: { kind: 'Bool', value: t.value === 'true', span }, span };
        case 'null':
          p.next();
          return { kind: 'Const', value: { kind: 'Null', span }, span };
      }
      break;
    case 'punct':
      switch (t.value) {
        case '_':
          p.next();
          return { kind: 'Wildcard', span };
        case '-': {
          const text = parseSignedNumber(p, 'a number');
          const s = p.span(start);
          return { kind: 'Const', value: { kind: 'Num', text, span: s }, span: s };
        }
        case '{':
          return parseRecordPattern(p);
        case '[':
          return parseArrayPattern(p);
        case '(':
          return parseParenthesized(p);
      }
      break;
  }
  return p.fail('a pattern');
}

/** `( 'Tag p )` or `( p1 or p2 )`: the only patterns that may be parenthesised. */
function parseParenthesized(p: Cursor): Pattern {
  const open = p.next();
  const inner = parseWith(p, 'general');
  if (!(inner.kind === 'Or' || (inner.kind === 'Enum' && inner.arg !== undefined))) {
    throw unexpectedToken(p.tokenSpan(p.peek()), { kind: 'parenthesizedPattern' });
  }
  p.expect(')', '`)`');
  return { ...inner, span: p.span(open.start) };
}

function parseEnumPattern(p: Cursor, site: PatternSite): Pattern {
  const start = p.peek().start;
  const tag = parseEnumTag(p);
  if (site === 'param' || site === 'variantArg') return { kind: 'Enum', tag, arg: undefined, span: p.span(start) };
  if (p.atKeyword('or')) {
    // `'Tag or q` is an or-pattern; `'Tag or` alone is the variant binding `or`.
    if (atPatternStart(p, 1)) return { kind: 'Enum', tag, arg: undefined, span: p.span(start) };
    const orTok = p.next();
    const arg: Pattern = { kind: 'Bind', name: 'or', span: p.tokenSpan(orTok) };
    return { kind: 'Enum', tag, arg, span: p.span(start) };
  }
  if (p.atKeyword('as') || p.atKeyword('include')) {
    // only an alias (`'Tag as @ p`) can start with these; anything else is an error after them
    if (!p.at('@', 1)) {
      p.next();
      p.fail('`@`');
    }
    return { kind: 'Enum', tag, arg: parseWith(p, 'variantArg'), span: p.span(start) };
  }
  if (!atVariantArgStart(p)) return { kind: 'Enum', tag, arg: undefined, span: p.span(start) };
  const arg = parseWith(p, 'variantArg');
  return { kind: 'Enum', tag, arg, span: p.span(start) };
}

function atVariantArgStart(p: Cursor): boolean {
  const t = p.peek();
  if (t.kind === 'keyword' && (t.value === 'or' || t.value === 'as' || t.value === 'include')) return false;
  return atPatternStart(p);
}

function parseTail(p: Cursor): PatternTail {
  p.next(); // `..`
  if (atIdent(p)) {
    const id = parseIdent(p);
    return { kind: 'Capture', name: id.name, span: id.span };
  }
  return { kind: 'Open' };
}

function parseRecordPattern(p: Cursor): Pattern {
  const start = p.next().start; // `{`
  const fields: RecordPatternField[] = [];
  let tail: PatternTail = { kind: 'Closed' };
  while (!p.at('}')) {
    if (p.at('..')) {
      tail = parseTail(p);
      break;
    }
    fields.push(parseFieldPattern(p));
    if (!p.eat(',')) break;
  }
  p.expect('}', fields.length ? '`,` or `}`' : 'a field pattern, `..` or `}`');
  checkDuplicates(fields);
  return { kind: 'Record', fields, tail, span: p.span(start) };
}

function parseFieldPattern(p: Cursor): RecordPatternField {
  const start = p.peek().start;
  const id = parseIdent(p, 'a field name, `..` or `}`');
  const meta = parseAnnotations(p, 'expr');
  let dflt: Expr | undefined;
  if (p.eat('?')) dflt = parseTerm(p);
  const pattern: Pattern = p.eat('=') ? parsePattern(p) : { kind: 'Bind', name: id.name, span: id.span };
  return { field: id.name, pattern, default: dflt, type: meta?.type, contracts: meta?.contracts ?? [], span: p.span(start) };
}

function checkDuplicates(fields: RecordPatternField[]): void {
  const seen = new Map<string, Span>();
  for (const f of fields) {
    const prev = seen.get(f.field);
    if (prev) {
      throw duplicateIdentInRecordPattern(f.field, f.span, prev);
    }
    seen.set(f.field, f.span);
  }
}

function parseArrayPattern(p: Cursor): Pattern {
  const start = p.next().start; // `[`
  const items: Pattern[] = [];
  let tail: PatternTail = { kind: 'Closed' };
  while (!p.at(']')) {
    if (p.at('..')) {
      tail = parseTail(p);
      break;
    }
    items.push(parsePattern(p));
    if (!p.eat(',')) break;
  }
  p.expect(']', '`,` or `]`');
  return { kind: 'Array', items, tail, span: p.span(start) };
}

/** Every variable a pattern binds, with where. */
export function patternBindings(pat: Pattern, out: { name: string; span: Span }[] = []): { name: string; span: Span }[] {
  switch (pat.kind) {
    case 'Bind':
      out.push({ name: pat.name, span: pat.span });
      break;
    case 'Alias':
      out.push({ name: pat.name, span: pat.span });
      patternBindings(pat.pattern, out);
      break;
    case 'Enum':
      if (pat.arg) patternBindings(pat.arg, out);
      break;
    case 'Record':
      for (const f of pat.fields) patternBindings(f.pattern, out);
      if (pat.tail.kind === 'Capture') out.push({ name: pat.tail.name, span: pat.tail.span });
      break;
    case 'Array':
      for (const i of pat.items) patternBindings(i, out);
      if (pat.tail.kind === 'Capture') out.push({ name: pat.tail.name, span: pat.tail.span });
      break;
    case 'Or':
      // every alternative binds the same variables
      if (pat.alternatives[0]) patternBindings(pat.alternatives[0], out);
      break;
    default:
      break;
  }
  return out;
}
