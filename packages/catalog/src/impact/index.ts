/**
 * Impact: which layers must rebuild after a change, in which waves, and why.
 *
 *     impactOf(catalog, { layers: ['rust'], paths: ['layers/catalog.ncl'] })
 *       → { changed: [...], affected: [{ name, reasons }], waves: [[...], ...], unmapped, ... }
 *
 * A pure function of the loaded catalog and the changes (paths relative to the catalog root); git
 * is in git.ts and printing in the CLI. A path maps to layers by four rules, each a reason kind:
 * inside `layers/<name>/` (file-in-layer); imported, directly or transitively, by a layer's Nickel
 * files (imports — or schema when the file is under `schemas/`); a Dockerfile template or partial
 * of the layer's class (template); a JSON Schema every layer is validated against (schema). Then
 * every descendant is affected because a parent is (parent).
 */
import type { Catalog, Layer, Role } from '../model/index.js';

export type ImpactReason =
  /** Named on the command line (`lamina impact rust`). */
  | { readonly kind: 'named' }
  | { readonly kind: 'file-in-layer'; readonly path: string }
  /** `chain`: the changed file first, then each importer, ending at the layer's own Nickel file. */
  | { readonly kind: 'imports'; readonly path: string; readonly chain: readonly string[] }
  | { readonly kind: 'template'; readonly path: string; readonly class: string }
  /** A contract or JSON Schema every layer depends on; `chain` as for imports (just `[path]` for a JSON Schema). */
  | { readonly kind: 'schema'; readonly path: string; readonly chain: readonly string[] }
  /** A parent in the rebuild set; `roles` are the edges' roles (build_base, runtime_base, donor). */
  | { readonly kind: 'parent'; readonly parent: string; readonly roles: readonly Role[] };

export interface AffectedLayer {
  readonly name: string;
  /** Direct reasons first (sorted by kind, path), then parent reasons sorted by parent name. */
  readonly reasons: readonly ImpactReason[];
}

export interface ImpactChanges {
  /** Layer names (validated by the caller with `unknownLayers`). */
  readonly layers?: readonly string[];
  /** Changed files, relative to the catalog root, `/`-separated. */
  readonly paths?: readonly string[];
}

export interface ImpactResult {
  /** Layers changed directly (named, or mapped from a path), sorted. */
  readonly changed: readonly string[];
  /** Changed layers and all their descendants, sorted by name. */
  readonly affected: readonly AffectedLayer[];
  /** The affected layers in build waves: a layer comes after every affected parent. */
  readonly waves: readonly (readonly string[])[];
  /** Changed paths that no rule maps to a layer (docs, tests, tooling), sorted. */
  readonly unmapped: readonly string[];
  /**
   * For each affected layer that is not changed itself, the parent it was first reached through
   * on a shortest path from a changed layer — `chainOf` follows it.
   */
  readonly via: ReadonlyMap<string, string>;
}

const TEMPLATE_DIR = 'templates/dockerfile/';
const LAYER_NCL = /^layers\/([^/]+)\/(build_directives|workflow)\.ncl$/;

export function impactOf(catalog: Catalog, changes: ImpactChanges): ImpactResult {
  const direct = new Map<string, ImpactReason[]>();
  const add = (name: string, reason: ImpactReason): void => {
    if (!catalog.layer(name)) return;
    (direct.get(name) ?? direct.set(name, []).get(name)!).push(reason);
  };
  for (const name of changes.layers ?? []) add(name, { kind: 'named' });

  const unmapped: string[] = [];
  const paths = [...new Set(changes.paths ?? [])].sort();
  let importers: Map<string, string[]> | undefined;
  for (const path of paths) {
    let mapped = false;
    const m = /^layers\/([^/]+)\//.exec(path);
    if (m && catalog.layer(m[1]!)) {
      add(m[1]!, { kind: 'file-in-layer', path });
      mapped = true;
    }
    if (path.startsWith(TEMPLATE_DIR) && path.endsWith('.hbs')) {
      const partial = path.startsWith(TEMPLATE_DIR + 'partials/');
      for (const layer of catalog.layers) {
        if (partial || layer.templateFiles.includes(path) || path === `${TEMPLATE_DIR}${layer.class}.hbs`) {
          add(layer.name, { kind: 'template', path, class: layer.class });
          mapped = true;
        }
      }
    }
    if (/^schemas\/[^/]+\.schema\.json$/.test(path)) {
      for (const layer of catalog.layers) add(layer.name, { kind: 'schema', path, chain: [path] });
      mapped = catalog.layers.length > 0 || mapped;
    }
    // Imports: walk the reversed import graph up from the file to the layers' own Nickel files.
    importers ??= reverse(catalog.importGraph);
    if (importers.has(path)) {
      const kind = path.startsWith('schemas/') ? 'schema' : 'imports';
      for (const [file, chain] of importChains(path, importers)) {
        const owner = LAYER_NCL.exec(file);
        if (owner && owner[1] !== undefined && catalog.layer(owner[1])) {
          add(owner[1], { kind, path, chain });
          mapped = true;
        }
      }
    }
    if (!mapped) unmapped.push(path);
  }

  // Descendants, breadth first from every changed layer, so `via` gives a shortest chain.
  const changed = [...direct.keys()].sort();
  const via = new Map<string, string>();
  const inSet = new Set(changed);
  let frontier = changed;
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const n of frontier) {
      for (const c of catalog.children(n)) {
        if (inSet.has(c)) continue;
        inSet.add(c);
        via.set(c, n);
        next.push(c);
      }
    }
    frontier = next;
  }

  const rolesInto = new Map<string, Map<string, Role[]>>();
  for (const e of catalog.edges) {
    if (!inSet.has(e.to) || !inSet.has(e.from)) continue;
    const byParent = rolesInto.get(e.to) ?? rolesInto.set(e.to, new Map()).get(e.to)!;
    (byParent.get(e.from) ?? byParent.set(e.from, []).get(e.from)!).push(e.role);
  }
  const affected: AffectedLayer[] = [...inSet].sort(byName).map((name) => {
    const reasons = (direct.get(name) ?? []).sort(byReason);
    const parents = rolesInto.get(name);
    const fromParents: ImpactReason[] = parents
      ? [...parents.keys()].sort(byName).map((parent) => ({ kind: 'parent', parent, roles: parents.get(parent)!.sort() }))
      : [];
    return { name, reasons: [...reasons, ...fromParents] };
  });

  return { changed, affected, waves: wavesOf(catalog, inSet, rolesInto), unmapped, via };
}

/** The chain of layers from a changed layer down to `name` (both included). */
export function chainOf(result: ImpactResult, name: string): string[] {
  const chain = [name];
  for (let at = result.via.get(name); at !== undefined; at = result.via.get(at)) chain.unshift(at);
  return chain;
}

/** Names that are not layers of the catalog (for the caller's diagnostic). */
export function unknownLayers(catalog: Catalog, names: readonly string[]): string[] {
  return names.filter((n) => !catalog.layer(n));
}

/**
 * Parents of affected layers that are not rebuilt: the diamond's other sides. They are provided
 * as already-built images (their pinned reference and fingerprint), never rebuilt or skipped.
 */
export function providedParents(catalog: Catalog, result: ImpactResult): { layer: string; parent: Layer }[] {
  const rebuilt = new Set(result.affected.map((a) => a.name));
  const out: { layer: string; parent: Layer }[] = [];
  for (const a of result.affected) {
    for (const p of catalog.parents(a.name)) if (!rebuilt.has(p)) out.push({ layer: a.name, parent: catalog.layer(p)! });
  }
  return out;
}

function wavesOf(catalog: Catalog, inSet: ReadonlySet<string>, rolesInto: ReadonlyMap<string, ReadonlyMap<string, Role[]>>): string[][] {
  // Longest path from a changed layer, over the affected subgraph only: an unaffected parent is
  // already built, so it does not hold a layer back. buildOrder() is cached by the graph.
  const level = new Map<string, number>();
  const waves: string[][] = [];
  for (const n of catalog.buildOrder()) {
    if (!inSet.has(n)) continue;
    let l = 0;
    for (const p of rolesInto.get(n)?.keys() ?? []) l = Math.max(l, level.get(p)! + 1);
    level.set(n, l);
    (waves[l] ??= []).push(n);
  }
  for (const w of waves) w.sort(byName);
  return waves;
}

function reverse(graph: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [from, tos] of graph) for (const to of tos) (out.get(to) ?? out.set(to, []).get(to)!).push(from);
  for (const list of out.values()) list.sort(byName);
  return out;
}

/** Every file importing `path` transitively, with the shortest chain `[path, …, file]`. */
function importChains(path: string, importers: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const chains = new Map<string, string[]>([[path, [path]]]);
  let frontier = [path];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const f of frontier) {
      for (const by of importers.get(f) ?? []) {
        if (chains.has(by)) continue;
        chains.set(by, [...chains.get(f)!, by]);
        next.push(by);
      }
    }
    frontier = next;
  }
  chains.delete(path);
  return chains;
}

const KIND_ORDER = ['named', 'file-in-layer', 'imports', 'schema', 'template', 'parent'];

function byReason(a: ImpactReason, b: ImpactReason): number {
  const k = KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
  if (k !== 0) return k;
  const pa = 'path' in a ? a.path : '';
  const pb = 'path' in b ? b.path : '';
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
