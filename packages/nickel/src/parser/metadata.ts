/**
 * Annotation chains: `: T` and `| C` after an expression, plus `| doc "…"` on let bindings and
 * `| default`, `| force`, `| priority N`, `| optional`, `| not_exported` on record fields.
 * Repeated annotations combine: the first `: T` is the type, later ones become contracts (in
 * source order), the first doc wins, and the strongest priority wins.
 */
import type { FieldMeta, Priority, TypeAnnot } from '../ast/nodes.js';
import { emptyMeta } from '../ast/nodes.js';
import { compare, parseNumber } from '../number/num.js';
import type { Cursor } from './cursor.js';
import { parseStaticString } from './strings.js';
import { fixTypeVars } from './type-vars.js';
import { parseType } from './types.js';

/** Where annotations appear: decides which `| keyword` forms are allowed. */
export type AnnotSite = 'expr' | 'let' | 'field';

export function atAnnotation(p: Cursor): boolean {
  return p.at('|') || p.at(':');
}

/**
 * Parses annotations if there are any. Types are fixed right away except on record fields,
 * whose types are fixed once the record is known to be a literal rather than a record type.
 */
export function parseAnnotations(p: Cursor, site: AnnotSite, fixed = site !== 'field'): FieldMeta | undefined {
  if (!atAnnotation(p)) return undefined;
  const meta = emptyMeta();
  while (atAnnotation(p)) {
    const colon = p.next().value === ':';
    const kw = p.peek();
    if (!colon && site !== 'expr' && kw.kind === 'keyword') {
      if (kw.value === 'doc') {
        p.next();
        const doc = parseStaticString(p, true, 'a documentation string');
        meta.doc ??= doc;
        continue;
      }
      if (site === 'field') {
        switch (kw.value) {
          case 'default':
            p.next();
            meta.priority = strongest(meta.priority, { kind: 'Default' });
            continue;
          case 'force':
            p.next();
            meta.priority = strongest(meta.priority, { kind: 'Force' });
            continue;
          case 'priority':
            p.next();
            meta.priority = strongest(meta.priority, { kind: 'Numeral', text: parseSignedNumber(p, 'a priority number') });
            continue;
          case 'optional':
            p.next();
            meta.optional = true;
            continue;
          case 'not_exported':
            p.next();
            meta.notExported = true;
            continue;
        }
      }
    }
    const start = p.peek().start;
    const t = parseType(p);
    const annot: TypeAnnot = { type: fixed ? fixTypeVars(t) : t, span: p.span(start) };
    if (colon && meta.type === undefined) meta.type = annot;
    else meta.contracts.push(annot);
  }
  return meta;
}

/** `5`, `-5`, `1.5`: the literal text, sign included. */
export function parseSignedNumber(p: Cursor, expected: string): string {
  const neg = p.eat('-');
  const t = p.peek();
  if (t.kind !== 'num') p.fail(expected);
  p.next();
  return neg ? `-${t.value}` : t.value;
}

function rank(p: Priority): number {
  return p.kind === 'Default' ? 0 : p.kind === 'Numeral' ? 1 : 2;
}

function strongest(a: Priority | undefined, b: Priority): Priority {
  if (!a) return b;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra > rb ? a : b;
  if (a.kind === 'Numeral' && b.kind === 'Numeral') {
    const x = parseNumber(a.text);
    const y = parseNumber(b.text);
    if (x !== undefined && y !== undefined) return compare(x, y) >= 0 ? a : b;
  }
  return a;
}
