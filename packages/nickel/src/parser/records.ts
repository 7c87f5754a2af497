/**
 * Record literals `{ a.b = 1, "c d" | String = x, include e, .. }` and record types
 * `{ a : T; r }`, parsed the same way into a `UniRecord` (record-kind.ts decides which it is).
 */
import type { FieldDef, FieldMeta, FieldName, Include, RowTail, TypeAnnot } from '../ast/nodes.js';
import { emptyMeta } from '../ast/nodes.js';
import type { Span } from '../source/span.js';
import { stringFieldName } from './atoms.js';
import type { Cursor } from './cursor.js';
import { multipleFieldDecls } from '../diagnostics/parse-errors.js';
import { atFieldIdent, parseFieldIdent, parseIdent } from './identifiers.js';
import { parseAnnotations } from './metadata.js';
import { atStringStart } from './strings.js';
import { parseTerm } from './terms.js';
import type { Uni, UniRecord } from './uniterm.js';

export function parseRecord(p: Cursor): Uni {
  const start = p.next().start; // `{`
  const fields: FieldDef[] = [];
  const includes: Include[] = [];
  let open = false;
  let openSpan: Span | undefined;
  let tail: RowTail | undefined;
  let tailSpan: Span | undefined;
  for (;;) {
    if (p.at('}')) break;
    if (p.at(';')) {
      const tailStart = p.next().start;
      if (p.atKeyword('Dyn')) {
        p.next();
        tail = { kind: 'Dyn' };
      } else tail = { kind: 'Var', ...parseIdent(p, 'a row variable or `Dyn`') };
      tailSpan = p.span(tailStart);
      break;
    }
    if (p.at('..')) {
      const t = p.next();
      open = true;
      openSpan = p.tokenSpan(t);
      if (!p.at(';')) break;
      continue;
    }
    if (p.atKeyword('include') && (atFieldIdent(p, 1) || p.at('[', 1))) parseInclude(p, includes);
    else fields.push(parseFieldDef(p));
    if (p.eat(',')) continue;
    if (!p.at('}') && !p.at(';')) {
      // `{ a = 1 b = 2 }` reads as `a = (1 b)` until the second `=`
      const missingComma = p.at('=') || p.at('|') || p.at(':');
      p.fail('`,`, `;` or `}`', missingComma ? ['Record fields are separated by `,`: is one missing before the previous field name?'] : []);
    }
  }
  p.expect('}', '`}` to close the record');
  const span = p.span(start);
  checkIncludes(fields, includes);
  const record: UniRecord = { fields, includes, open, openSpan, tail, tailSpan, span };
  return { u: 'Record', record, span };
}

/**
 * The metadata of the many fields that have none, shared (a data file has hundreds of thousands
 * of them). Frozen: metadata is never changed after parsing.
 */
const NO_META: FieldMeta = Object.freeze({ ...emptyMeta(), contracts: Object.freeze([]) as unknown as TypeAnnot[] });

function parseFieldDef(p: Cursor): FieldDef {
  const first = p.peek();
  if (first.kind === 'ident' && p.at('=', 1)) {
    // `name = value`, by far the most common field: the general path below builds the same
    p.next();
    p.next();
    const path: FieldDef['path'] = [{ kind: 'Static', name: first.value, span: p.tokenSpan(first) }];
    const value = parseTerm(p);
    return { path, value, meta: NO_META, span: p.span(first.start) };
  }
  const start = first.start;
  const path: FieldDef['path'] = [parseFieldName(p, 'a field name, `..` or `}`')];
  while (p.eat('.')) path.push(parseFieldName(p, 'a field name after `.`'));
  const meta = parseAnnotations(p, 'field') ?? NO_META;
  let value;
  if (p.eat('=')) value = parseTerm(p);
  return { path, value, meta, span: p.span(start) };
}

/** One name of a field path: an identifier or a string. */
function parseFieldName(p: Cursor, expected: string): FieldName {
  if (atFieldIdent(p)) {
    const id = parseFieldIdent(p);
    return { kind: 'Static', name: id.name, span: id.span };
  }
  if (atStringStart(p)) return stringFieldName(p);
  return p.fail(expected);
}

function parseInclude(p: Cursor, includes: Include[]): void {
  p.next(); // `include`
  if (p.eat('[')) {
    while (!p.at(']')) {
      const id = parseFieldIdent(p, 'a field name or `]`');
      includes.push({ name: id.name, meta: emptyMeta(), span: id.span });
      if (!p.eat(',')) break;
    }
    p.expect(']', '`,` or `]`');
    return;
  }
  const id = parseFieldIdent(p);
  const meta = parseAnnotations(p, 'field', true) ?? emptyMeta();
  includes.push({ name: id.name, meta, span: id.span });
}

/** A field may be included once, and not also defined by a field definition. */
function checkIncludes(fields: FieldDef[], includes: Include[]): void {
  if (includes.length === 0) return;
  const seen = new Map<string, Span>();
  for (const inc of includes) {
    const prev = seen.get(inc.name);
    if (prev) throw multipleFieldDecls(inc.name, prev, inc.span);
    seen.set(inc.name, inc.span);
  }
  for (const f of fields) {
    const root = f.path[0];
    if (root.kind === 'Static' && seen.has(root.name)) throw multipleFieldDecls(root.name, seen.get(root.name)!, root.span);
  }
}
