/**
 * Parsed syntax trees kept between runs. Parsing is most of what a short run spends on the files
 * it imports (its code runs cold), and a tree read back as JSON costs a fraction of that; so a
 * caller that runs the same files again and again (the CLI) can hand the pipeline a store.
 * A tree is only ever used for the very text and source id it was parsed under; otherwise the
 * file is parsed as if there were no store.
 */
import type { DataLit, Expr } from '../ast/nodes.js';
import { readDataLiteral } from '../lexer/data-literal.js';
import { parse } from '../parser/parse.js';
import type { Source } from '../source/registry.js';

export interface ParseCache {
  /** The tree stored for `source` (parsed from the same text under the same source id), if any. */
  get(source: Source): Expr | undefined;
  /** Keeps the tree just parsed from `source`. */
  put(source: Source, expr: Expr): void;
}

/** `source` parsed, or read from `cache` when it holds the tree. */
export function parseCached(source: Source, cache: ParseCache | undefined): Expr {
  if (!cache) return parse(source);
  const stored = cache.get(source);
  if (stored) return stored;
  const expr = parse(source);
  cache.put(source, expr);
  return expr;
}

/** What a stored tree is checked against: the text it was parsed from and its source id. */
export type TreeSource = Pick<Source, 'id' | 'text'>;

interface StoredTree {
  readonly text: string;
  readonly file: number;
  readonly expr: Expr;
  /** Whether the tree has `Data` nodes, whose values are left out (see below); written last. */
  readonly data: boolean;
}

/**
 * The tree as JSON. The tree is data only, except the values of `Data` nodes (plain-data
 * literals the lexer read straight into records and numbers): those are left out and read again
 * from the text when the tree is decoded, which the lexer does fast.
 */
export function encodeTree(source: TreeSource, expr: Expr): string {
  let data = false;
  const stored: StoredTree = { text: source.text, file: source.id, expr, data: false };
  return JSON.stringify(stored, function (this: { kind?: unknown }, key, value) {
    if (key === 'value' && this.kind === 'Data') {
      data = true;
      return null;
    }
    // `data` comes after `expr`, so the whole tree has been seen
    return key === 'data' && this === (stored as unknown) ? data : value;
  });
}

/** The tree `json` holds when it was encoded from `source` (its text and id), else undefined. */
export function decodeTree(source: TreeSource, json: string): Expr | undefined {
  let stored: StoredTree;
  try {
    stored = JSON.parse(json) as StoredTree;
  } catch {
    return undefined;
  }
  if (stored.file !== source.id || stored.text !== source.text || typeof stored.expr !== 'object') return undefined;
  if (stored.data && !restoreData(stored.expr, source.text)) return undefined;
  return stored.expr;
}

/** Reads every `Data` node's value again from the text; false when one no longer reads as data. */
function restoreData(value: unknown, text: string): boolean {
  if (value === null || typeof value !== 'object') return true;
  const node = value as Partial<DataLit>;
  if (node.kind === 'Data' && node.span) {
    const data = readDataLiteral(text, node.span.start);
    if (data === undefined || data.end !== node.span.end) return false;
    node.value = data.value;
    return true;
  }
  for (const v of Array.isArray(value) ? value : Object.values(value)) if (!restoreData(v, text)) return false;
  return true;
}
