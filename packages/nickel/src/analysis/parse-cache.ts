/**
 * Parsed syntax trees kept between runs. Parsing is most of what a short run spends on the files
 * it imports (its code runs cold), and a tree read back as JSON costs a fraction of that; so a
 * caller that runs the same files again and again (the CLI) can hand the pipeline a store.
 * A tree is only ever used for the very text and source id it was parsed under; otherwise the
 * file is parsed as if there were no store. A tree may be stored with what the analysis pass found
 * in it (StoredAnalysis): then a run can skip the pass, and the tree's function bodies are kept
 * apart until the evaluator asks for them. A store may also keep the values read from data files
 * (YAML, TOML, JSON), under the same rule: only for the very text they were read from.
 */
import type { DataLit, Expr, Import } from '../ast/nodes.js';
import { readDataLiteral } from '../lexer/data-literal.js';
import type { Source } from '../source/registry.js';
import type { Plain } from '../export/plain.js';
import type { DataFormat } from '../import/data.js';
import type { ResolvedFile } from '../import/importer.js';

export interface ParseCache {
  /**
   * The tree stored for `source` (parsed from the same text under the same source id), if any;
   * with the analysis stored beside it, if any (`storedAnalysis` reads it).
   */
  get(source: Source): Expr | undefined;
  /**
   * Keeps the tree parsed from `source`; with `analysis`, what the analysis pass found in it (a
   * store that keeps it passes it to encodeTree).
   */
  put(source: Source, expr: Expr, analysis?: StoredAnalysis): void;
  /**
   * The value stored for the data file `file` read as `format` (from the same text), if any
   * (import/stored-data.ts encodes and checks it). A store may keep trees only.
   */
  getData?(file: ResolvedFile, format: DataFormat): Plain | undefined;
  /** Keeps the value read from the data file `file` as `format`. */
  putData?(file: ResolvedFile, format: DataFormat, value: Plain): void;
}

/**
 * What the analysis pass found in a file whose checks passed, as the pipeline stores it with the
 * file's tree: its imports, and what the typechecker asked of them. The pass is a function of the
 * tree and of those answers, so a later run that gets the same answers has nothing to check.
 */
export interface StoredAnalysis {
  /** The file's imports, in source order (every variable is bound). */
  readonly imports: readonly Import[];
  /** The imports whose apparent type the typechecker read, with that type as JSON (pipeline.ts). */
  readonly consulted: readonly ConsultedImport[];
}

export interface ConsultedImport {
  /** An index into `imports`. */
  readonly import: number;
  readonly apparent: string;
}

const ANALYSES = new WeakMap<Expr, StoredAnalysis>();

/** The analysis stored with a tree that decodeTree read, if there was one. */
export function storedAnalysis(expr: Expr): StoredAnalysis | undefined {
  return ANALYSES.get(expr);
}

/** What a stored tree is checked against: the text it was parsed from and its source id. */
export type TreeSource = Pick<Source, 'id' | 'text'>;

/** Where a node is in a tree: the property names and array indices leading to it. */
type TreePath = readonly (string | number)[];

interface StoredTree {
  readonly text: string;
  readonly file: number;
  readonly expr: Expr;
  /** Where the `Data` nodes are, whose values are left out (see encodeTree). */
  readonly data: readonly TreePath[];
  /** The functions whose bodies follow the first line (see EncodeOptions). */
  readonly deferred?: readonly StoredBody[];
  readonly analysis?: StoredAnalysis;
}

interface StoredBody {
  /** Where the function is. */
  readonly at: TreePath;
  /** Where its body ends in the text after the first line (it starts where the previous one ends). */
  readonly end: number;
  /** Where the body's `Data` nodes are, from the body. */
  readonly data: readonly TreePath[];
}

export interface EncodeOptions {
  /**
   * Keeps the bodies of functions apart, read only when first asked for: what std's trees do, as
   * a run calls few of std's functions and reading the rest is a large share of a short run
   * (bench/nickel/REALWORLD.md). A program's own files are stored so with their analysis, which
   * spares a run the walks of the scope check and the typechecker.
   */
  readonly deferBodies?: boolean;
  /** Stored with the tree; decodeTree gives it back through `storedAnalysis`. */
  readonly analysis?: StoredAnalysis;
}

/**
 * Texts from this size on go straight to the walk: a large file is most likely data, whose
 * literals a first plain stringify would write out only to be thrown away.
 */
const STRINGIFY_FIRST_MAX = 1_000_000;

/** Bodies shorter than this stay in place: reading them apart costs more than it saves. */
const DEFER_MIN_LENGTH = 256;

/**
 * The tree as JSON. The tree is data only, except the values of `Data` nodes (plain-data
 * literals the lexer read straight into records and numbers): those are left out and read again
 * from the text when the tree is decoded, which the lexer does fast. Where they are is written
 * down, so that decoding walks to them rather than through the whole tree. With `deferBodies`,
 * the JSON is the first line, followed by the deferred bodies' JSON one after the other.
 */
export function encodeTree(source: TreeSource, expr: Expr, options: EncodeOptions = {}): string {
  if (!options.deferBodies && source.text.length < STRINGIFY_FIRST_MAX) {
    // Most files have no `Data` node: then the tree is stringified as it is, without a walk.
    const whole = stringifiedWithoutData(expr);
    if (whole !== undefined) return storedJson(source, whole, [], [], [], options.analysis);
  }
  const data: Found[] = [];
  const funs: Found[] = [];
  walk(expr, [], data, options.deferBodies ? funs : undefined);
  const bodyData = funs.map(({ node }) => {
    const found: Found[] = [];
    walk(node['body'], [], found, undefined);
    return found;
  });
  // Stringified natively (a replacer would call back for every property), with what is left out
  // taken out of the tree meanwhile and put back after.
  const literals = [...data, ...bodyData.flat()].map(({ node }) => ({ node, value: node['value'] }));
  const deferredFuns: { node: Record<string, unknown>; body: unknown }[] = [];
  const bodies: string[] = [];
  const deferred: StoredBody[] = [];
  let tree: string;
  try {
    for (const { node } of literals) node['value'] = null;
    let length = 0;
    funs.forEach((fun, i) => {
      const json = JSON.stringify(fun.node['body']);
      // biome-ignore lint/plugin: bodyData has an entry per function
      const found = bodyData[i]!;
      if (json.length < DEFER_MIN_LENGTH) {
        for (const d of found) data.push({ node: d.node, path: [...fun.path, 'body', ...d.path] });
        return;
      }
      deferredFuns.push({ node: fun.node, body: fun.node['body'] });
      fun.node['body'] = null;
      bodies.push(json);
      deferred.push({ at: fun.path, end: (length += json.length), data: found.map((d) => d.path) });
    });
    tree = JSON.stringify(expr);
  } finally {
    for (const { node, body } of deferredFuns) node['body'] = body;
    for (const { node, value } of literals) node['value'] = value;
  }
  return storedJson(
    source,
    tree,
    data.map((d) => d.path),
    deferred,
    bodies,
    options.analysis,
  );
}

/** `expr` as JSON when it has no `Data` node (else undefined). */
function stringifiedWithoutData(expr: Expr): string | undefined {
  let json: string;
  try {
    json = JSON.stringify(expr);
  } catch {
    return undefined; // a literal's value JSON cannot hold (a big integer)
  }
  // a string's quotes are escaped in JSON, so this is only ever a node's kind
  return json.includes('"kind":"Data"') ? undefined : json;
}

function storedJson(
  source: TreeSource,
  tree: string,
  data: TreePath[],
  deferred: StoredBody[],
  bodies: string[],
  analysis: StoredAnalysis | undefined,
): string {
  const stored = { text: source.text, file: source.id, data, ...(deferred.length > 0 ? { deferred } : {}), ...(analysis ? { analysis } : {}) };
  // the tree is spliced in as text, as stringified by the caller (concatenated: a replacement
  // string would read the `$'` and `$&` a program's strings may hold)
  const head = `{"expr":${tree},${JSON.stringify(stored).slice(1)}`;
  return bodies.length > 0 ? `${head}\n${bodies.join('')}` : head;
}

/** A `Data` node or a function found by `walk`, and where. */
interface Found {
  readonly node: Record<string, unknown>;
  readonly path: TreePath;
}

/**
 * Finds the `Data` nodes under `value`, and with `funs` the functions, whose bodies it leaves to
 * the caller. `path` is where `value` is (changed during the walk, as it was after).
 */
function walk(value: unknown, path: (string | number)[], data: Found[], funs: Found[] | undefined): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walk(value[i], path, data, funs);
      path.pop();
    }
    return;
  }
  const node = value as Record<string, unknown>;
  if (node['kind'] === 'Data') {
    data.push({ node, path: [...path] });
    return;
  }
  if (funs && node['kind'] === 'Fun') {
    funs.push({ node, path: [...path] });
    path.push('params');
    walk(node['params'], path, data, funs);
    path.pop();
    return;
  }
  for (const key in node) {
    // spans hold offsets only
    if (key === 'span') continue;
    path.push(key);
    walk(node[key], path, data, funs);
    path.pop();
  }
}

/** The tree `json` holds when it was encoded from `source` (its text and id), else undefined. */
export function decodeTree(source: TreeSource, json: string): Expr | undefined {
  const lineEnd = json.indexOf('\n');
  let stored: StoredTree;
  try {
    stored = JSON.parse(lineEnd < 0 ? json : json.slice(0, lineEnd)) as StoredTree;
  } catch {
    return undefined;
  }
  if (stored.file !== source.id || stored.text !== source.text || typeof stored.expr !== 'object' || !Array.isArray(stored.data)) return undefined;
  if (!restoreData(stored.expr, stored.data, source.text)) return undefined;
  if (stored.deferred && lineEnd < 0) return undefined; // the bodies are missing
  if (isAnalysis(stored.analysis)) ANALYSES.set(stored.expr, stored.analysis);
  let start = lineEnd + 1;
  for (const body of stored.deferred ?? []) {
    const fun = nodeAt(stored.expr, body.at) as { kind?: unknown } | undefined;
    if (fun?.kind !== 'Fun') return undefined;
    const from = start;
    const to = lineEnd + 1 + body.end;
    start = to;
    DEFERRED.set(fun, () => {
      const expr = JSON.parse(json.slice(from, to)) as Expr;
      // the text was checked when the tree was read, so its literals read as before
      if (!restoreData(expr, body.data, source.text)) throw new Error('a stored tree no longer matches its text');
      return expr;
    });
    Object.defineProperty(fun, 'body', { get: readDeferred, enumerable: true, configurable: true });
  }
  return stored.expr;
}

/** Whether a stored analysis has its shape (a damaged one is ignored: the pass runs again). */
function isAnalysis(a: StoredAnalysis | undefined): a is StoredAnalysis {
  if (a === null || typeof a !== 'object' || !Array.isArray(a.imports) || !Array.isArray(a.consulted)) return false;
  const imports = a.imports as readonly Partial<Import>[];
  return (
    imports.every((e) => e?.kind === 'Import' && typeof e.path === 'string' && typeof e.span?.file === 'number') &&
    a.consulted.every((c) => Number.isInteger(c?.import) && c.import >= 0 && c.import < imports.length && typeof c.apparent === 'string')
  );
}

function nodeAt(root: unknown, path: TreePath): unknown {
  let node = root;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

/** Reads each `Data` node's value again from the text; false when one no longer reads as data. */
function restoreData(root: unknown, paths: readonly TreePath[], text: string): boolean {
  for (const path of paths) {
    const node = nodeAt(root, path) as Partial<DataLit> | undefined;
    if (node?.kind !== 'Data' || !node.span) return false;
    const data = readDataLiteral(text, node.span.start);
    if (data === undefined || data.end !== node.span.end) return false;
    node.value = data.value;
  }
  return true;
}

const DEFERRED = new WeakMap<object, () => Expr>();

/**
 * A deferred body's getter, one function for every node so that they keep one shape: reads the
 * body, then keeps it as a plain property.
 */
function readDeferred(this: object): Expr {
  const body = DEFERRED.get(this)!();
  DEFERRED.delete(this);
  Object.defineProperty(this, 'body', { value: body, writable: true, enumerable: true, configurable: true });
  return body;
}
