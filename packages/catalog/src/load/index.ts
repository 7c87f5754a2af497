/**
 * Load: evaluates every layer's `build_directives.ncl` and `workflow.ncl` in ONE Nickel evaluation
 * (one import cache, so `schemas/contracts.ncl` and `layers/catalog.ncl` are parsed and evaluated
 * once for the whole catalog), then exports each file separately so one broken layer does not hide
 * the others' diagnostics. Imports are confined to the catalog (see importer.ts).
 */
import { resolve as resolvePath } from 'node:path';
import { definitionSpans, evaluateSource, NickelError, SourceRegistry, type Evaluation } from '@lamina/nickel';
import { diagnostic, type Diagnostic } from '../model/index.js';
import { BUILD_FILE, WORKFLOW_FILE, discoverLayers, type LayerFolder } from './discover.js';
import { EvalCache } from './cache.js';
import { CatalogImporter } from './importer.js';
import { nickelDiagnostic } from './nickel-diagnostic.js';
import { plainToJson, type Json } from './plain.js';

export { plainToJson, type Json } from './plain.js';
export { CatalogImporter, type RefusedImport } from './importer.js';
export { BUILD_FILE, WORKFLOW_FILE, type LayerFolder } from './discover.js';

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
}

/** Which of a layer's two files. */
export type LayerFileKind = 'build' | 'workflow';

export interface LoadedLayer extends LayerFolder {
  readonly buildFile: string;
  readonly workflowFile: string;
  /** The exported JSON, or undefined when the file failed to evaluate (a diagnostic says why). */
  readonly build: Json | undefined;
  readonly workflow: Json | undefined;
}

export interface Position {
  readonly file: string;
  readonly line: number;
  readonly col: number;
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
  /**
   * Where the value at `path` (JSON pointer segments) of a layer file was defined: the deepest
   * definition found in the catalog's own files (not the shared contracts), else the file's start.
   */
  definitionOf(layer: string, kind: LayerFileKind, path: readonly (string | number)[]): Position;
}

const PROGRAM = '<lamina catalog>';

export function loadLayers(root: string, opts: LoadOptions = {}): LoadResult {
  const absRoot = resolvePath(root);
  const { folders, diagnostics } = discoverLayers(absRoot);
  const importer = new CatalogImporter(
    absRoot,
    (opts.importPaths ?? []).map((p) => resolvePath(absRoot, p)),
  );
  const sources = new SourceRegistry();
  const program =
    '{\n' +
    folders
      .map(
        (f) =>
          `  "${f.name}" = { build = import "${f.dir}/${BUILD_FILE}", workflow = import "${f.dir}/${WORKFLOW_FILE}" },\n`,
      )
      .join('') +
    '}\n';
  // Created on first use: when every layer comes from the cache, the standard library and the
  // evaluator are never started.
  let evaluated: Evaluation | undefined;
  const evaluation = (): Evaluation => (evaluated ??= evaluateSource(program, { name: PROGRAM, importer, sources }));
  const cache =
    opts.cache && opts.cacheDir !== false && (opts.importPaths ?? []).length === 0 ? EvalCache.open(absRoot, opts.cacheDir) : undefined;
  const cachedImports = new Map<string, Set<string>>();
  const seen = new Set<string>();
  const report = (d: Diagnostic): void => {
    const key = `${d.file}\0${d.line}\0${d.col}\0${d.code}\0${d.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    diagnostics.push(d);
  };
  const exportFile = (f: LayerFolder, kind: LayerFileKind, file: string): Json | undefined => {
    try {
      return plainToJson(evaluation().toPlain([f.name, kind]));
    } catch (e) {
      if (!(e instanceof NickelError)) throw e;
      report(nickelDiagnostic(e, { sources, importer, file, programName: PROGRAM }));
      return undefined;
    }
  };
  const fresh: LoadedLayer[] = [];
  const layers: LoadedLayer[] = folders.map((f) => {
    const buildFile = `${f.dir}/${BUILD_FILE}`;
    const workflowFile = `${f.dir}/${WORKFLOW_FILE}`;
    const cached = cache?.reuse(f.name);
    if (cached) {
      for (const [from, to] of cached.imports) {
        let set = cachedImports.get(from);
        if (!set) cachedImports.set(from, (set = new Set()));
        for (const t of to) set.add(t);
      }
      // The cache keeps pre-validation JSON; validation fills defaults in place, so copy.
      return { ...f, buildFile, workflowFile, build: structuredClone(cached.build), workflow: structuredClone(cached.workflow) };
    }
    const layer = {
      ...f,
      buildFile,
      workflowFile,
      build: exportFile(f, 'build', buildFile),
      workflow: exportFile(f, 'workflow', workflowFile),
    };
    fresh.push(layer);
    return layer;
  });
  importer.addWrittenImports();
  const merged = new Map<string, Set<string>>(cachedImports);
  for (const [from, to] of importer.imports) {
    const set = merged.get(from);
    if (set) for (const t of to) set.add(t);
    else merged.set(from, new Set(to));
  }
  const importGraph = new Map<string, string[]>();
  for (const [from, to] of [...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    importGraph.set(from, [...to].sort());
  }
  if (cache) {
    for (const l of fresh) {
      if (l.build === undefined || l.workflow === undefined) continue;
      const files = [l.buildFile, l.workflowFile, ...closure([l.buildFile, l.workflowFile], importGraph)];
      cache.store(l.name, files, importer.texts, importGraph, l.build, l.workflow);
    }
    cache.save();
  }
  return {
    root: absRoot,
    layers,
    diagnostics,
    importGraph,
    texts: importer.texts,
    fileHashes: cache?.knownHashes() ?? new Map(),
    definitionOf: (layer, kind, path) => definitionOf(evaluation(), sources, layer, kind, path),
  };
}

/** Files reached from `files` through the import graph (excluding `files`), sorted. */
function closure(files: readonly string[], graph: ReadonlyMap<string, readonly string[]>): string[] {
  const seen = new Set(files);
  const stack = [...files];
  while (stack.length > 0) for (const n of graph.get(stack.pop()!) ?? []) if (!seen.has(n)) seen.add(n), stack.push(n);
  for (const f of files) seen.delete(f);
  return [...seen].sort();
}

function definitionOf(
  evaluation: Evaluation,
  sources: SourceRegistry,
  layer: string,
  kind: LayerFileKind,
  path: readonly (string | number)[],
): Position {
  const spans = definitionSpans(evaluation, [layer, kind, ...path]);
  for (let i = spans.length - 1; i >= 2; i--) {
    const span = spans[i];
    if (!span) continue;
    const name = sources.get(span.file).name;
    if (name === PROGRAM || name.startsWith('schemas/') || name.startsWith('<')) continue;
    return { file: name, ...sources.lineCol(span.file, span.start) };
  }
  const file = `layers/${layer}/${kind === 'build' ? BUILD_FILE : WORKFLOW_FILE}`;
  return { file, line: 1, col: 1 };
}
