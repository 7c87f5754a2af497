/**
 * The standard library's syntax trees, parsed and scope-checked by the build (scripts/bundle.mjs)
 * and kept as JSON beside the compiled library: reading one back costs a fraction of parsing the
 * `.ncl` file again, which every run that touches std would otherwise do. The files hold what
 * analysis/parse-cache.ts encodes: a tree is used only for the text and source id it was made
 * from; otherwise the file is parsed as before.
 *
 * JSON leaves out properties whose value is undefined and copies objects the parser shared (empty
 * field metadata, spans); nothing reads either difference.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeTree, encodeTree } from '../analysis/parse-cache.js';
import type { Expr } from '../ast/nodes.js';

/** The std files as the build stores them: in source-id order, each with its checked tree. */
export interface StdTree {
  readonly name: string;
  readonly text: string;
  readonly file: number;
  readonly expr: Expr;
}

let directory: string | null | undefined;

/** dist/stdlib/ast, seen from this module compiled (dist/stdlib) or bundled (dist/cli). */
function treeDirectory(): string | undefined {
  if (directory === undefined) {
    const here = dirname(fileURLToPath(import.meta.url));
    directory = [join(here, 'ast'), join(here, '..', 'stdlib', 'ast')].find((d) => existsSync(d)) ?? null;
  }
  return directory ?? undefined;
}

/** The stored tree of std file `name`, when it was made from `text` under source id `file`. */
export function storedStdTree(name: string, text: string, file: number, dir = treeDirectory()): Expr | undefined {
  if (!dir) return undefined;
  let json: string;
  try {
    json = readFileSync(join(dir, `${name}.json`), 'utf8');
  } catch {
    return undefined;
  }
  return decodeTree({ id: file, text }, json);
}

/** Writes the trees into `dir` (the build's step). */
export function writeStdTrees(dir: string, trees: readonly StdTree[]): void {
  mkdirSync(dir, { recursive: true });
  for (const t of trees) writeFileSync(join(dir, `${t.name}.json`), encodeTree({ id: t.file, text: t.text }, t.expr, { deferBodies: true }));
}
