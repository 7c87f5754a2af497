/**
 * @lamina/catalog — the catalog of build layers as a typed library.
 *
 *     const catalog = loadCatalog('/path/to/repo');
 *     if (!catalog.ok) for (const d of catalog.diagnostics) console.log(formatDiagnostic(d));
 *     catalog.buildWaves();            // [['cc', 'node', 'rust'], ['openssl', …], …]
 *     catalog.descendants('rust');     // what rebuilds when rust changes
 *
 * Loading runs the phases in order — load (Nickel) → validate (JSON Schema) → graph (FlowsTo
 * edges and catalog-wide rules) → fingerprint — and never throws for a mistake in the catalog:
 * every problem is a diagnostic.
 */
import { join, resolve as resolvePath } from 'node:path';
import { nearest } from './model/nearest.js';
import { schemaFieldNames } from './validate/field-names.js';
import { buildGraph, type LayerGraph } from './graph/index.js';
import type { RenderDigest } from './fingerprint/render-memo.js';
import {
  BuildInputs,
  FileHashes,
  RenderMemo,
  type BuildInput,
  fingerprintOf,
  importClosure,
  shortFingerprint,
  templateFilesByClass,
} from './fingerprint/index.js';
import { loadLayers, loadLayersAsync, type LayerFileKind, type LoadOptions, type LoadResult, type Position } from './load/index.js';
import { hasErrors, sortDiagnostics, type Catalog, type Diagnostic, type FlowsTo, type Layer } from './model/index.js';
import { validateLayers, type ValidatorOptions } from './validate/index.js';

export * from './model/index.js';
export { parseBaseRef, isLayerReference, LayerGraph } from './graph/index.js';
export { canonicalJson, shortFingerprint, type BuildInput, type ContextFile } from './fingerprint/index.js';
export type { LayerFileKind, LoadOptions, Position as DefinitionPosition } from './load/index.js';
export { checkInvariants, loadAdrs, formatViolation, type Adr, type CheckResult, type Violation } from './adr/index.js';
export * from './impact/index.js';
export * from './suggest/index.js';
export { predictReuse, type Reuse, type Blocker, type BlockerKind, type BuildConditions } from './reuse/predict.js';
export { readCookManifest, computeCookManifest, cookManifestFile, type CookManifest, type ManifestState } from './reuse/manifest.js';
export { refreshCookManifests, type RefreshReport } from './reuse/refresh.js';
export { cargoUnitGraph, type UnitGraphRequest } from './reuse/cargo.js';
export type { Unit, UnitGraph, UnitProfile } from './reuse/units.js';

export interface LoadCatalogOptions extends LoadOptions, ValidatorOptions {
  /** Where the JSON Schemas are (default `<root>/schemas`). */
  schemasDir?: string;
}

export interface LoadedCatalog extends Catalog {
  /** The graph itself, for queries beyond the Catalog interface. */
  readonly graph: LayerGraph;
  /** What BuildKit is given to build a layer: what its fingerprint hashes, besides its parents'. */
  buildInput(name: string): BuildInput;
  /** Why a layer's Dockerfile cannot be rendered (none when it can; the render memo may know without rendering). */
  renderProblems(name: string): readonly Diagnostic[];
  /**
   * The render memo's digest of a layer's final Dockerfile (with its own fingerprint) when it was
   * rendered before from the same inputs; `record` keeps one.
   */
  readonly finalDockerfiles: { known(name: string): RenderDigest | undefined; record(name: string, digest: RenderDigest): void };
  /** Whether the render memo knows these templates compiled and rendered a catalog; `good()` records it. */
  readonly templates: { knownGood(): boolean; good(): void };
  /**
   * Where the value at `path` (JSON pointer segments) of a layer's file was defined, in the
   * catalog's own files (else the file's start): for diagnostics about a layer's values.
   */
  definitionOf(layer: string, kind: LayerFileKind, path: readonly (string | number)[]): Position;
}

/** Loads the catalog in this thread. */
export function loadCatalog(root: string, opts: LoadCatalogOptions = {}): LoadedCatalog {
  return assemble(loadLayers(resolvePath(root), opts), opts);
}

/**
 * Loads the catalog like `loadCatalog` — the same layers, diagnostics and fingerprints — but
 * evaluates a large catalog's layers in worker threads (LoadOptions.workers); what the CLI uses.
 */
export async function loadCatalogAsync(root: string, opts: LoadCatalogOptions = {}): Promise<LoadedCatalog> {
  return assemble(await loadLayersAsync(resolvePath(root), opts), opts);
}

/** "extra field `serve`" from a closed contract gains the field the schemas define: "(did you mean `serves`?)". */
function withFieldSuggestions(ds: readonly Diagnostic[], schemasDir: string): readonly Diagnostic[] {
  let names: Set<string> | undefined;
  return ds.map((d) => {
    const m = d.code === 'load/nickel' ? /extra field `([^`]+)`/.exec(d.message) : null;
    const field = m?.[1];
    if (!m || field === undefined) return d;
    names ??= schemaFieldNames(schemasDir);
    const hint = nearest(field, names);
    return hint === '' ? d : { ...d, message: d.message.replace(m[0], `${m[0]}${hint}`) };
  });
}

/** Validate → graph → fingerprints, from the loaded layers. */
function assemble(load: LoadResult, opts: LoadCatalogOptions): LoadedCatalog {
  const absRoot = load.root;
  const validation = validateLayers(load, opts);
  const g = buildGraph({
    known: new Set(load.layers.map((l) => l.name)),
    layers: validation.valid,
    position: load.definitionOf,
  });

  // Fingerprints are computed when first asked for (rendering a Dockerfile per layer is work a
  // query like `lamina layers` need not pay), parents first; in a cycle (an error already) a layer
  // is fingerprinted without the parents inside it.
  const hashes = new FileHashes(absRoot, load.texts, load.fileHashes);
  const templates = templateFilesByClass(absRoot);
  const edgesInto = new Map<string, FlowsTo[]>();
  for (const e of g.edges) (edgesInto.get(e.to) ?? edgesInto.set(e.to, []).get(e.to)!).push(e);
  const fingerprints = new Map<string, string>();
  const computing = new Set<string>();
  const cacheDir = opts.cache === true ? opts.cacheDir : false;
  const buildInputs = new BuildInputs(absRoot, hashes, RenderMemo.open(absRoot, cacheDir), cacheDir, load.listings);
  const fingerprintOfLayer = (name: string): string => {
    const known = fingerprints.get(name);
    if (known !== undefined) return known;
    computing.add(name);
    const parents = (edgesInto.get(name) ?? [])
      .filter((edge) => byName.has(edge.from) && !computing.has(edge.from))
      .map((edge) => ({ edge, fingerprint: fingerprintOfLayer(edge.from) }));
    const fp = fingerprintOf(buildInputs.of(catalog, byName.get(name)!), parents);
    computing.delete(name);
    fingerprints.set(name, fp);
    return fp;
  };
  const loadedByName = new Map(load.layers.map((l) => [l.name, l]));

  const layers: Layer[] = [...validation.valid.keys()].sort().map((name) => {
    const loaded = loadedByName.get(name)!;
    const { directives, workflow } = validation.valid.get(name)!;
    const bases = g.bases.get(name)!;
    const files = [...new Set([...loaded.files, ...importClosure([loaded.buildFile, loaded.workflowFile], load.importGraph)])].sort();
    return {
      name,
      class: directives.class,
      dir: loaded.dir,
      directives,
      workflow,
      inputFiles: files,
      templateFiles: templates[directives.class],
      buildBase: bases.build,
      runtimeBase: bases.runtime,
      get fingerprint(): string {
        return fingerprintOfLayer(name);
      },
    };
  });
  const byName = new Map(layers.map((l) => [l.name, l]));
  const diagnostics: Diagnostic[] = sortDiagnostics([
    ...withFieldSuggestions(load.diagnostics, opts.schemasDir ?? join(absRoot, 'schemas')),
    ...validation.diagnostics,
    ...g.diagnostics,
  ]);
  const known = (name: string): string => {
    if (!byName.has(name)) throw new Error(`unknown layer \`${name}\``);
    return name;
  };

  const catalog: LoadedCatalog = {
    root: absRoot,
    layers,
    edges: g.edges,
    externalBases: g.externalBases,
    diagnostics,
    importGraph: load.importGraph,
    ok: !hasErrors(diagnostics),
    graph: g.graph,
    layer: (name) => byName.get(name),
    parents: (name) => g.graph.parents(known(name)),
    children: (name) => g.graph.children(known(name)),
    ancestors: (name) => g.graph.ancestors(known(name)),
    descendants: (name) => g.graph.descendants(known(name)),
    buildOrder: () => g.graph.buildOrder(),
    buildWaves: () => g.graph.buildWaves(),
    fingerprint: (name) => byName.get(known(name))!.fingerprint,
    shortFingerprint: (name) => shortFingerprint(byName.get(known(name))!.fingerprint),
    buildInput: (name) => buildInputs.of(catalog, byName.get(known(name))!),
    renderProblems: (name) => buildInputs.renderProblems(catalog, byName.get(known(name))!),
    finalDockerfiles: {
      known: (name) => buildInputs.finalDigest(catalog, byName.get(known(name))!),
      record: (name, digest) => buildInputs.finalRendered(catalog, byName.get(known(name))!, digest),
    },
    templates: { knownGood: () => buildInputs.templatesKnownGood(), good: () => buildInputs.templatesGood() },
    definitionOf: load.definitionOf,
  };
  return catalog;
}
