/**
 * Which names an annotation or an expression may refer to: every variable and type variable
 * written in it (an over-approximation — binders inside it are ignored — which is the safe side
 * for its uses: deciding that an annotation or a field's definition cannot depend on the fields of
 * its own record, see eval/record.ts).
 * The AST is plain data, so the walk is generic: every object is visited except spans and the
 * values of `Data` literals (which hold no variables).
 */
import type { Expr, TypeAnnot } from './nodes.js';

const NAMES = Symbol('lamina.annotationNames');
type Memo = (TypeAnnot | Expr) & { [NAMES]?: readonly string[] };

export function namesIn(node: TypeAnnot | Expr): readonly string[] {
  const memo = (node as Memo)[NAMES];
  if (memo) return memo;
  const found = new Set<string>();
  collect('kind' in node ? node : node.type, found);
  const names = [...found];
  (node as Memo)[NAMES] = names;
  return names;
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

/** Does the annotation or expression mention any of `names`? */
export function mentionsAny(node: TypeAnnot | Expr, names: readonly string[]): boolean {
  const used = namesIn(node);
  // biome-ignore lint/plugin: i < used.length (an indexed loop: this runs for every field of a recursive record)
  for (let i = 0; i < used.length; i++) if (names.includes(used[i]!)) return true;
  return false;
}
