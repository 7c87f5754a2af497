/**
 * Which names an annotation or an expression may refer to: every variable and type variable
 * written in it (an over-approximation — binders inside it are ignored — which is the safe side
 * for its uses: deciding that an annotation or a field's definition cannot depend on the fields of
 * its own record, see eval/record.ts).
 * The AST is plain data, so the walk is generic: every object is visited except spans and the
 * values of `Data` literals (which hold no variables).
 */
import type { Expr, TypeAnnot } from './nodes.js';

export function namesIn(node: TypeAnnot | Expr): readonly string[] {
  const found = new Set<string>();
  collect('kind' in node ? node : node.type, found);
  return [...found];
}

function collect(node: unknown, found: Set<string>): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) collect(node[i], found);
    return;
  }
  const o = node as Record<string, unknown>;
  if ((o['kind'] === 'Var' || o['kind'] === 'TypeVar') && typeof o['name'] === 'string') found.add(o['name']);
  if (o['kind'] === 'Data') return;
  for (const key in o) if (key !== 'span') collect(o[key], found);
}

/** Do the names an annotation or expression mentions (`namesIn`) include any of `names`? */
export function mentionsAny(used: readonly string[], names: readonly string[]): boolean {
  // biome-ignore lint/plugin: i < used.length (an indexed loop: this runs for every field of a recursive record)
  for (let i = 0; i < used.length; i++) if (names.includes(used[i]!)) return true;
  return false;
}
