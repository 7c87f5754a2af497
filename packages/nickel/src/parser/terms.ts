/**
 * Whole expressions: `let … in`, `fun … =>`, `if … then … else`, `import`, `forall`, `match`, and
 * an infix expression with optional annotations (`e : T | C`).
 *
 * `let`, `fun` and `if` end with an expression that extends as far as possible, so a program is
 * often a long chain of them (`let a = … in let b = … in …`). Those chains are parsed in a loop
 * and assembled afterwards, so their length costs no stack depth.
 */
import type { Expr, ImportFormat, LetBinding, MatchBranch, Pattern, StrChunk } from '../ast/nodes.js';
import type { Token } from '../lexer/tokens.js';
import { emptyMeta } from '../ast/nodes.js';
import type { Span } from '../source/span.js';
import type { Cursor } from './cursor.js';
import { duplicateIdentInLetBlock, invalidImportFormat } from '../diagnostics/parse-errors.js';
import { atIdent } from './identifiers.js';
import { parseAnnotations } from './metadata.js';
import { parseAtom } from './atoms.js';
import { LOWEST, parseInfix } from './operators.js';
import { atPatternStart, parseParam, parsePattern, patternBindings } from './patterns.js';
import { parseStaticString } from './strings.js';
import { parseEnumTag, parseForall } from './types.js';
import { toTerm, uniTerm, uniType, type Uni } from './uniterm.js';

/** A pending `let`/`fun`/`if` whose last sub-expression is still to be parsed. */
type Frame =
  | { kind: 'Let'; start: number; rec: boolean; bindings: LetBinding[] }
  | { kind: 'Fun'; start: number; params: Pattern[] }
  | { kind: 'If'; start: number; cond: Expr; then: Expr };

export function parseTerm(p: Cursor): Expr {
  const literal = literalAlone(p);
  if (literal) return literal;
  const t = p.peek();
  if (ATOM_FIRST.has(t.kind) || (t.kind === 'punct' && (t.value === '{' || t.value === '['))) {
    // Most terms of a configuration are one atom — `name`, `c.registry`, `"v%{x}"`, `[…]`, `{…}` —
    // followed by `,`, `}` or `]`: parsed as an atom first, they skip the precedence climb (which
    // continues from that atom when an operator, argument or annotation follows).
    const atom = parseAtom(p);
    if (closes(p.peek())) return toTerm(atom);
    return toTerm(parseUni(p, atom));
  }
  return toTerm(parseUni(p));
}

/**
 * A literal followed by `,`, `}` or `]` is a whole term: no operator, application, field access
 * or annotation can follow. Data files are mostly such literals, so they skip the precedence
 * climb and build exactly the node it would build.
 */
function literalAlone(p: Cursor): Expr | undefined {
  const t = p.peek();
  switch (t.kind) {
    case 'num':
      if (!closes(p.peek(1)) || !p.roomToNest) return undefined;
      p.next();
      return { kind: 'Num', text: t.value, span: p.tokenSpan(t) };
    case 'keyword':
      if (!closes(p.peek(1)) || !p.roomToNest) return undefined;
      if (t.value === 'true' || t.value === 'false') {
        p.next();
        return { kind: 'Bool', value: t.value === 'true', span: p.tokenSpan(t) };
      }
      if (t.value === 'null') {
        p.next();
        return { kind: 'Null', span: p.tokenSpan(t) };
      }
      return undefined;
    case 'punct':
      return t.value === '{' || t.value === '[' ? p.takeData() : undefined;
    case 'strStart': {
      // `""` or `"text"` (no interpolation, one piece of text)
      const lit = p.peek(1);
      const empty = lit.kind === 'strEnd';
      if (!empty && !(lit.kind === 'strLit' && p.peek(2).kind === 'strEnd')) return undefined;
      if (!closes(p.peek(empty ? 2 : 3)) || !p.roomToNest) return undefined;
      p.next();
      if (!empty) p.next();
      p.next();
      const chunks: StrChunk[] = empty || lit.value === '' ? [] : [{ kind: 'Lit', value: lit.value }];
      return { kind: 'Str', chunks, multiline: false, span: p.span(t.start) };
    }
    default:
      return undefined;
  }
}

/** Tokens that can only begin an atom here (no keyword, operator or `(…)` section). */
const ATOM_FIRST: ReadonlySet<string> = new Set(['ident', 'strStart', 'mstrStart', 'enumTag', 'strEnumTagBegin']);

function closes(t: Token): boolean {
  return t.kind === 'punct' && (t.value === ',' || t.value === '}' || t.value === ']');
}

export function parseUni(p: Cursor, atom?: Uni): Uni {
  if (atom) {
    // the term began with this atom: no `let`/`fun`/`if`/`import`/`forall` to look for
    const e = parseInfix(p, LOWEST, atom);
    const meta = parseAnnotations(p, 'expr');
    return meta ? uniTerm({ kind: 'Annotated', expr: toTerm(e), type: meta.type, contracts: meta.contracts, span: p.span(atom.span.start) }) : e;
  }
  const frames: Frame[] = [];
  for (;;) {
    const t = p.peek();
    if (t.kind !== 'keyword') break;
    if (t.value === 'let') frames.push(parseLetHead(p));
    else if (t.value === 'fun') frames.push(parseFunHead(p));
    else if (t.value === 'if') frames.push(parseIfHead(p));
    else break;
  }
  let result: Uni;
  // everything but `let`/`fun`/`if` (inlined: this is on the path of every nesting level)
  const t = p.peek();
  if (t.kind === 'keyword' && t.value === 'import') result = uniTerm(parseImport(p));
  else if (t.kind === 'keyword' && t.value === 'forall') result = uniType(parseForall(p));
  else {
    const e = parseInfix(p, LOWEST);
    const meta = parseAnnotations(p, 'expr');
    result = meta ? uniTerm({ kind: 'Annotated', expr: toTerm(e), type: meta.type, contracts: meta.contracts, span: p.span(t.start) }) : e;
  }
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i]!;
    const body = toTerm(result);
    const span = p.span(f.start);
    switch (f.kind) {
      case 'Let':
        result = uniTerm({ kind: 'Let', rec: f.rec, bindings: f.bindings, body, span });
        break;
      case 'Fun':
        result = uniTerm({ kind: 'Fun', params: f.params, body, span });
        break;
      case 'If':
        result = uniTerm({ kind: 'If', cond: f.cond, then: f.then, else: body, span });
        break;
    }
  }
  return result;
}

function parseLetHead(p: Cursor): Frame {
  const start = p.next().start; // `let`
  const rec = p.eatKeyword('rec');
  const bindings: LetBinding[] = [];
  do {
    if (bindings.length > 0 && p.atKeyword('in')) break; // trailing comma
    bindings.push(parseLetBinding(p));
  } while (p.eat(','));
  p.expectKeyword('in', '`,` or `in`');
  checkLetBlock(bindings);
  return { kind: 'Let', start, rec, bindings };
}

function parseLetBinding(p: Cursor): LetBinding {
  const start = p.peek().start;
  if (!atPatternStart(p)) p.fail('a variable or a pattern to bind');
  const pattern = parsePattern(p);
  const meta = parseAnnotations(p, 'let') ?? emptyMeta();
  p.expect('=', meta.type || meta.contracts.length || meta.doc !== undefined ? '`=`' : '`=` or an annotation');
  const value = parseTerm(p);
  return { pattern, value, meta, span: p.span(start) };
}

/** In `let a = 1, b = 2 in …` a name may be bound once. */
function checkLetBlock(bindings: LetBinding[]): void {
  if (bindings.length < 2) return;
  const seen = new Map<string, Span>();
  for (const b of bindings) {
    const names = patternBindings(b.pattern);
    for (const n of names) {
      const prev = seen.get(n.name);
      if (prev) {
        throw duplicateIdentInLetBlock(n.name, n.span, prev);
      }
    }
    for (const n of names) seen.set(n.name, n.span);
  }
}

function parseFunHead(p: Cursor): Frame {
  const start = p.next().start; // `fun`
  const params: Pattern[] = [];
  do params.push(parseParam(p));
  while (!p.at('=>') && atPatternStart(p));
  p.expect('=>', '`=>` or another parameter');
  return { kind: 'Fun', start, params };
}

function parseIfHead(p: Cursor): Frame {
  const start = p.next().start; // `if`
  p.enter();
  const cond = parseTerm(p);
  p.leave();
  p.expectKeyword('then', '`then`');
  const then = parseTerm(p);
  p.expectKeyword('else', '`else`');
  return { kind: 'If', start, cond, then };
}

const FORMATS = new Set<ImportFormat>(['Nickel', 'Json', 'Yaml', 'Toml', 'Text']);

function parseImport(p: Cursor): Expr {
  const start = p.next().start; // `import`
  if (atIdent(p)) {
    const pkg = p.next().value;
    return { kind: 'Import', path: '', format: undefined, package: pkg, span: p.span(start) };
  }
  const path = parseStaticString(p, false, 'a file path (a string without interpolation)');
  let format: ImportFormat | undefined;
  if (p.eatKeyword('as')) {
    const tagStart = p.peek().start;
    const tag = parseEnumTag(p, "an import format tag (`'Nickel`, `'Json`, `'Yaml`, `'Toml` or `'Text`)");
    if (!FORMATS.has(tag as ImportFormat)) {
      throw invalidImportFormat(p.span(tagStart));
    }
    format = tag as ImportFormat;
  }
  return { kind: 'Import', path, format, span: p.span(start) };
}

export function parseMatch(p: Cursor): Expr {
  const start = p.next().start; // `match`
  p.expect('{', '`{` after `match`');
  const branches: MatchBranch[] = [];
  while (!p.at('}')) {
    const bStart = p.peek().start;
    if (!atPatternStart(p)) p.fail('a pattern or `}`');
    const pattern = parsePattern(p);
    const guard = p.eatKeyword('if') ? parseTerm(p) : undefined;
    p.expect('=>', guard ? '`=>`' : '`=>` or a guard (`if …`)');
    const body = parseTerm(p);
    branches.push({ pattern, guard, body, span: p.span(bStart) });
    if (!p.eat(',')) break;
  }
  p.expect('}', '`,` or `}`');
  return { kind: 'Match', branches, span: p.span(start) };
}
