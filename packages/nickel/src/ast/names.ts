/**
 * Which names an annotation may refer to: every variable and type variable written in it (an
 * over-approximation — binders inside it are ignored — which is the safe side for its one use:
 * deciding that an annotation cannot depend on the fields of its own record, see eval/record.ts).
 * The AST is plain data, so the walk is generic: every object is visited except spans and the
 * values of `Data` literals (which hold no variables).
 */
import type { TypeAnnot } from './nodes.js';

const NAMES = Symbol('lamina.annotationNames');
type Memo = TypeAnnot & { [NAMES]?: readonly string[] };

export function namesIn(annot: TypeAnnot): readonly string[] {
  const memo = (annot as Memo)[NAMES];
  if (memo) return memo;
  const found = new Set<string>();
  collect(annot.type, found);
  const names = [...found];
  (annot as Memo)[NAMES] = names;
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

/** Does the annotation mention any of `names`? */
export function mentionsAny(annot: TypeAnnot, names: readonly string[]): boolean {
  const used = namesIn(annot);
  for (let i = 0; i < used.length; i++) if (names.includes(used[i]!)) return true;
  return false;
}
