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
import { CatalogImporter } from './importer.js';
import { nickelDiagnostic } from './nickel-diagnostic.js';
import { plainToJson, type Json } from './plain.js';

export { plainToJson, type Json } from './plain.js';
export { CatalogImporter, type RefusedImport } from './importer.js';
export { BUILD_FILE, WORKFLOW_FILE, type LayerFolder } from './discover.js';

export interface LoadOptions {
  /** Extra directories `import` may read from (absolute, or relative to the root). */
  importPaths?: readonly string[];
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
  const evaluation = evaluateSource(program, { name: PROGRAM, importer, sources });
  const seen = new Set<string>();
  const report = (d: Diagnostic): void => {
    const key = `${d.file}\0${d.line}\0${d.col}\0${d.code}\0${d.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    diagnostics.push(d);
  };
  const exportFile = (f: LayerFolder, kind: LayerFileKind, file: string): Json | undefined => {
    try {
      return plainToJson(evaluation.toPlain([f.name, kind]));
    } catch (e) {
      if (!(e instanceof NickelError)) throw e;
      report(nickelDiagnostic(e, { sources, importer, file, programName: PROGRAM }));
      return undefined;
    }
  };
  const layers: LoadedLayer[] = folders.map((f) => {
    const buildFile = `${f.dir}/${BUILD_FILE}`;
    const workflowFile = `${f.dir}/${WORKFLOW_FILE}`;
    return {
      ...f,
      buildFile,
      workflowFile,
      build: exportFile(f, 'build', buildFile),
      workflow: exportFile(f, 'workflow', workflowFile),
    };
  });
  importer.addWrittenImports();
  const importGraph = new Map<string, string[]>();
  for (const [from, to] of [...importer.imports].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    importGraph.set(from, [...to].sort());
  }
  return {
    root: absRoot,
    layers,
    diagnostics,
    importGraph,
    texts: importer.texts,
    definitionOf: (layer, kind, path) => definitionOf(evaluation, sources, layer, kind, path),
  };
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
