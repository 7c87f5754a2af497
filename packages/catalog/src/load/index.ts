/**
 * Load: evaluates every layer's `build_directives.ncl` and `workflow.ncl` (layer-evaluator.ts),
 * reusing the evaluation cache for unchanged layers (cache.ts), and on a large catalog spreading
 * the evaluation over worker threads (pool.ts, `loadLayersAsync` only). Imports are confined to
 * the catalog (see importer.ts). Both entry points give the same result for the same files.
 */
import { resolve as resolvePath } from 'node:path';
import type { Diagnostic } from '../model/index.js';
import { BUILD_FILE, WORKFLOW_FILE, discoverLayers, type LayerFolder } from './discover.js';
import { EvalCache } from './cache.js';
import { FolderListings } from './listings.js';
import { LayerEvaluator, type LayerExport, type LayerFileKind, type Position, type ReadFiles } from './layer-evaluator.js';
import { POOL_THRESHOLD, autoWorkers, exportInPool, layerAt } from './pool.js';
import type { Json } from './plain.js';
import { byKey } from '../model/order.js';

export { plainToJson, type Json } from './plain.js';
export { CatalogImporter, type RefusedImport } from './importer.js';
export { BUILD_FILE, WORKFLOW_FILE, type LayerFolder } from './discover.js';
export { FolderListings } from './listings.js';
export type { LayerFileKind, Position } from './layer-evaluator.js';

export interface LoadOptions {
  /** Extra directories `import` may read from (absolute, or relative to the root). */
  importPaths?: readonly string[];
  /**
   * Reuse the exported JSON of layers whose input files are unchanged since the last load
   * (see cache.ts). Off by default for the library; the CLI turns it on. Ignored with importPaths
   * (a new file earlier in the search path could change what an import means).
   */
  cache?: boolean;
  /** Directory for caches (default `~/.cache/lamina`); `false` disables every cache. */
  cacheDir?: string | false;
  /**
   * `loadLayersAsync` only: how many threads evaluate layers, this one included (the others are
   * worker threads). `'auto'` (the default): `$LAMINA_WORKERS` if set, else one per available core,
   * at most 4, when at least POOL_THRESHOLD (2,000) layers need evaluating, else 1; 0 or 1: this
   * thread only.
   */
  workers?: number | 'auto';
}

export interface LoadedLayer extends LayerFolder {
  readonly buildFile: string;
  readonly workflowFile: string;
  /** The exported JSON, or undefined when the file failed to evaluate (a diagnostic says why). */
  readonly build: Json | undefined;
  readonly workflow: Json | undefined;
}

export interface LoadResult {
  readonly root: string;
  readonly layers: readonly LoadedLayer[];
  readonly diagnostics: readonly Diagnostic[];
  /** Importing file → imported files, relative to the root, sorted. */
  readonly importGraph: ReadonlyMap<string, readonly string[]>;
  /** Texts of every Nickel file read, relative to the root. */
  readonly texts: ReadonlyMap<string, string>;
  /** sha256 of files already hashed while loading (the evaluation cache's checks), relative to the root. */
  readonly fileHashes: ReadonlyMap<string, string | undefined>;
  /** The folder listings discovery read (the layers' folders): build contexts are listed from them. */
  readonly listings: FolderListings;
  /**
   * Where the value at `path` (JSON pointer segments) of a layer file was defined: the deepest
   * definition found in the catalog's own files (not the shared contracts), else the file's start.
   */
  definitionOf(layer: string, kind: LayerFileKind, path: readonly (string | number)[]): Position;
}

/** Loads in this thread (the library's synchronous entry point). */
export function loadLayers(root: string, opts: LoadOptions = {}): LoadResult {
  return prepare(root, opts).inThisThread();
}

/**
 * Loads like `loadLayers`, sharing the evaluation with worker threads when many layers need
 * evaluating (see LoadOptions.workers). It pays when the other cores are really free: each
 * evaluator has a warm-up, and V8's GC already keeps a second core partly busy for one thread
 * (measurements: bench/catalog/RESULTS.md).
 */
export async function loadLayersAsync(root: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const plan = prepare(root, opts);
  const evaluators = opts.workers === undefined || opts.workers === 'auto' ? autoEvaluators(plan.todo.length) : opts.workers;
  if (evaluators <= 1) return plan.inThisThread();
  const local = plan.newEvaluator();
  const { exports, files } = await exportInPool({ root: plan.root, importPaths: plan.importPaths, layers: plan.refs }, plan.todo, evaluators, local);
  return plan.finish(exports, [local.readFiles(), ...files], local);
}

/**
 * `workers: 'auto'`: `$LAMINA_WORKERS` when set (a machine whose cores are shared, where a second
 * evaluator only adds its warm-up, sets 1), else one per core from POOL_THRESHOLD layers to evaluate.
 */
function autoEvaluators(toEvaluate: number): number {
  const fromEnv = Number(process.env.LAMINA_WORKERS);
  if (Number.isSafeInteger(fromEnv) && fromEnv >= 1) return fromEnv;
  return toEvaluate >= POOL_THRESHOLD ? autoWorkers() : 1;
}

interface Plan {
  readonly root: string;
  readonly importPaths: readonly string[];
  readonly refs: readonly { name: string; dir: string }[];
  /** Positions in `refs` of the layers to evaluate (the others come from the cache). */
  readonly todo: readonly number[];
  /** Evaluates `todo` here and assembles the result. */
  inThisThread(): LoadResult;
  newEvaluator(): LayerEvaluator;
  /**
   * The result from the fresh exports (by position) and what their evaluations read;
   * `evaluator` (this thread's) answers definitionOf (one is made on demand when undefined).
   */
  finish(exports: ReadonlyMap<number, LayerExport>, read: readonly ReadFiles[], evaluator: LayerEvaluator | undefined): LoadResult;
}

/** Discovery and the cache: what is known before evaluating, and how the result is assembled. */
function prepare(root: string, opts: LoadOptions): Plan {
  const absRoot = resolvePath(root);
  const listings = new FolderListings();
  const { folders, diagnostics } = discoverLayers(absRoot, listings);
  const importPaths = (opts.importPaths ?? []).map((p) => resolvePath(absRoot, p));
  const refs = folders.map((f) => ({ name: f.name, dir: f.dir }));
  const newEvaluator = (): LayerEvaluator => new LayerEvaluator(absRoot, importPaths, refs);
  const cache = opts.cache && opts.cacheDir !== false && importPaths.length === 0 ? EvalCache.open(absRoot, opts.cacheDir) : undefined;
  const cached = folders.map((f) => cache?.reuse(f.name));
  const todo = folders.flatMap((_, i) => (cached[i] ? [] : [i]));

  const finish = (exports: ReadonlyMap<number, LayerExport>, read: readonly ReadFiles[], evaluator: LayerEvaluator | undefined): LoadResult => {
    const seen = new Set<string>();
    const report = (d: Diagnostic): void => {
      const key = `${d.file}\0${d.line}\0${d.col}\0${d.code}\0${d.message}`;
      if (seen.has(key)) return;
      seen.add(key);
      diagnostics.push(d);
    };
    const merged = new Map<string, Set<string>>();
    const addImports = (from: string, to: Iterable<string>): void => {
      let set = merged.get(from);
      if (!set) merged.set(from, (set = new Set()));
      for (const t of to) set.add(t);
    };
    const fresh: LoadedLayer[] = [];
    const layers: LoadedLayer[] = folders.map((f, i) => {
      const buildFile = `${f.dir}/${BUILD_FILE}`;
      const workflowFile = `${f.dir}/${WORKFLOW_FILE}`;
      const hit = cached[i];
      if (hit) {
        for (const [from, to] of hit.imports) addImports(from, to);
        // Parsed from the cache file for this load alone, and saved below, before validation
        // fills defaults in place: no copy needed.
        return { ...f, buildFile, workflowFile, build: hit.build, workflow: hit.workflow };
      }
      const e = exports.get(i)!;
      e.diagnostics.forEach(report);
      const layer = { ...f, buildFile, workflowFile, build: e.build, workflow: e.workflow };
      fresh.push(layer);
      return layer;
    });
    const texts = new Map<string, string>();
    for (const r of read) {
      for (const [from, to] of r.imports) addImports(from, to);
      for (const [name, text] of r.texts) texts.set(name, text);
    }
    const importGraph = new Map<string, string[]>();
    for (const [from, to] of [...merged].sort(byKey)) {
      importGraph.set(from, [...to].sort());
    }
    const sortedTexts = new Map([...texts].sort(byKey));
    if (cache) {
      for (const l of fresh) {
        if (l.build === undefined || l.workflow === undefined) continue;
        const files = [l.buildFile, l.workflowFile, ...closure([l.buildFile, l.workflowFile], importGraph)];
        cache.store(l.name, files, sortedTexts, importGraph, l.build, l.workflow);
      }
      cache.save();
    }
    // Positions are wanted only for diagnostics: without an evaluator at hand (every layer came
    // from the cache), one is started on the first question. This thread's evaluator can place
    // any layer's values, whichever thread exported them.
    let positions = evaluator;
    return {
      root: absRoot,
      layers,
      diagnostics,
      importGraph,
      texts: sortedTexts,
      fileHashes: cache?.knownHashes() ?? new Map(),
      listings,
      definitionOf: (layer, kind, path) => (positions ??= newEvaluator()).definitionOf(layer, kind, path),
    };
  };
  const inThisThread = (): LoadResult => {
    const evaluator = newEvaluator();
    const exports = new Map(todo.map((i) => [i, evaluator.exportLayer(layerAt(refs, i))]));
    return finish(exports, [evaluator.readFiles()], evaluator);
  };
  return { root: absRoot, importPaths, refs, todo, inThisThread, newEvaluator, finish };
}

/** Files reached from `files` through the import graph (excluding `files`), sorted. */
function closure(files: readonly string[], graph: ReadonlyMap<string, readonly string[]>): string[] {
  const seen = new Set(files);
  const stack = [...files];
  while (stack.length > 0) for (const n of graph.get(stack.pop()!) ?? []) if (!seen.has(n)) seen.add(n), stack.push(n);
  for (const f of files) seen.delete(f);
  return [...seen].sort();
}
