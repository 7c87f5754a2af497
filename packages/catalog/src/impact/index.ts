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
import type { Catalog, FlowsTo, Layer, Role } from '../model/index.js';
import { byName } from '../model/order.js';

export type ImpactReason =
  /** Named on the command line (`lamina impact rust`). */
  | { readonly kind: 'named' }
  /** Due on its `rebuild.schedule` (`lamina impact --scheduled weekly`): same inputs, fresh distro packages. */
  | { readonly kind: 'scheduled'; readonly schedule: string }
  | { readonly kind: 'file-in-layer'; readonly path: string }
  /** `chain`: the changed file first, then each importer, ending at the layer's own Nickel file. */
  | { readonly kind: 'imports'; readonly path: string; readonly chain: readonly string[] }
  | { readonly kind: 'template'; readonly path: string; readonly class: string }
  /** A contract or JSON Schema every layer depends on; `chain` as for imports (just `[path]` for a JSON Schema). */
  | { readonly kind: 'schema'; readonly path: string; readonly chain: readonly string[] }
  /**
   * What BuildKit is given differs from the compared revision's (`--since`): the Dockerfile, a
   * context file, the platforms… (impact/outputs.ts). A layer whose inputs changed but whose
   * build does not is listed in `identical` instead of rebuilt.
   */
  | { readonly kind: 'output'; readonly differences: readonly string[] }
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
  /** Rebuild the layers whose `rebuild.schedule` is this one (a scheduled run: weekly, monthly). */
  readonly scheduled?: string;
  /**
   * Confirms a layer reached through changed paths: the differences of its build from the
   * compared revision's, none when it renders identically (then it is not rebuilt). Without it,
   * every layer a changed path maps to is rebuilt.
   */
  readonly outputDifferences?: (layer: string) => readonly string[];
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
  /** Layers whose input files changed but whose build renders identically (with those reasons), sorted. */
  readonly identical: readonly AffectedLayer[];
  /**
   * For each affected layer that is not changed itself, the parent it was first reached through
   * on a shortest path from a changed layer — `chainOf` follows it.
   */
  readonly via: ReadonlyMap<string, string>;
}

const TEMPLATE_DIR = 'templates/dockerfile/';

export function impactOf(catalog: Catalog, changes: ImpactChanges): ImpactResult {
  const direct = new Map<string, ImpactReason[]>();
  const add = (name: string, reason: ImpactReason): void => {
    if (!catalog.layer(name)) return;
    const list = direct.get(name);
    if (!list) return void direct.set(name, [reason]);
    // One reason per rule and path: both Nickel files of a layer often import the same file;
    // the first chain found (breadth first, so a shortest one) stands for both.
    const path = 'path' in reason ? reason.path : undefined;
    if (!list.some((r) => r.kind === reason.kind && ('path' in r ? r.path : undefined) === path)) list.push(reason);
  };
  for (const name of changes.layers ?? []) add(name, { kind: 'named' });
  if (changes.scheduled !== undefined) {
    for (const layer of catalog.layers)
      if (layer.workflow.rebuild.schedule === changes.scheduled) add(layer.name, { kind: 'scheduled', schedule: changes.scheduled });
  }

  const unmapped: string[] = [];
  const paths = [...new Set(changes.paths ?? [])].sort();
  let importers: ReadonlyMap<string, readonly string[]> | undefined;
  for (const path of paths) {
    let mapped = false;
    const layer = /^layers\/([^/]+)\//.exec(path)?.[1];
    if (layer !== undefined && catalog.layer(layer)) {
      add(layer, { kind: 'file-in-layer', path });
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
    importers ??= indexOf(catalog).importers;
    if (importers.has(path)) {
      const kind = path.startsWith('schemas/') ? 'schema' : 'imports';
      const importedVia = importersOf(path, importers);
      const done = new Set<string>();
      for (const file of importedVia.keys()) {
        const owner = layerOfNickelFile(file);
        if (owner !== undefined && !done.has(owner) && catalog.layer(owner)) {
          done.add(owner);
          add(owner, { kind, path, chain: chainUp(file, importedVia) });
          mapped = true;
        }
      }
    }
    if (!mapped) unmapped.push(path);
  }

  // Paths are a pre-filter: a layer they reach is rebuilt only when its build differs.
  const identical: AffectedLayer[] = [];
  if (changes.outputDifferences) {
    for (const [name, reasons] of direct) {
      if (reasons.some((r) => r.kind === 'named' || r.kind === 'scheduled')) continue;
      const differences = changes.outputDifferences(name);
      if (differences.length > 0) reasons.push({ kind: 'output', differences });
      else {
        direct.delete(name);
        identical.push({ name, reasons: reasons.sort(byReason) });
      }
    }
    identical.sort((a, b) => byName(a.name, b.name));
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

  const { edgesInto } = indexOf(catalog);
  // The default sort compares UTF-16 code units, like byName, and is faster on large sets.
  const affected: AffectedLayer[] = [...inSet].sort().map((name) => {
    const own = direct.get(name);
    const reasons: ImpactReason[] = own ? own.sort(byReason) : [];
    // edgesInto is sorted by (parent, role): one pass groups each affected parent's roles.
    let last: { kind: 'parent'; parent: string; roles: Role[] } | undefined;
    for (const e of edgesInto.get(name) ?? []) {
      if (!inSet.has(e.from)) continue;
      if (last !== undefined && last.parent === e.from) last.roles.push(e.role);
      else reasons.push((last = { kind: 'parent', parent: e.from, roles: [e.role] }));
    }
    return { name, reasons };
  });

  return { changed, affected, waves: wavesOf(catalog, inSet, edgesInto), unmapped, identical, via };
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

function wavesOf(catalog: Catalog, inSet: ReadonlySet<string>, edgesInto: ReadonlyMap<string, readonly FlowsTo[]>): string[][] {
  // Longest path from a changed layer, over the affected subgraph only: an unaffected parent is
  // already built, so it does not hold a layer back. buildOrder() is cached by the graph.
  const level = new Map<string, number>();
  const waves: string[][] = [];
  for (const n of catalog.buildOrder()) {
    if (!inSet.has(n)) continue;
    let l = 0;
    for (const e of edgesInto.get(n) ?? []) {
      const pl = level.get(e.from);
      if (pl !== undefined && pl >= l) l = pl + 1;
    }
    level.set(n, l);
    (waves[l] ??= []).push(n);
  }
  for (const w of waves) w.sort(byName);
  return waves;
}

interface CatalogIndex {
  readonly edgesInto: ReadonlyMap<string, readonly FlowsTo[]>;
  readonly importers: ReadonlyMap<string, readonly string[]>;
}

// Built once per loaded catalog (a catalog never changes), so a query only walks what changed.
const indexes = new WeakMap<Catalog, CatalogIndex>();

function indexOf(catalog: Catalog): CatalogIndex {
  let index = indexes.get(catalog);
  if (!index) {
    const edgesInto = new Map<string, FlowsTo[]>();
    for (const e of catalog.edges) (edgesInto.get(e.to) ?? edgesInto.set(e.to, []).get(e.to)!).push(e);
    for (const list of edgesInto.values()) list.sort((a, b) => byName(a.from, b.from) || byName(a.role, b.role));
    index = { edgesInto, importers: reverse(catalog.importGraph) };
    indexes.set(catalog, index);
  }
  return index;
}

function reverse(graph: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [from, tos] of graph) for (const to of tos) (out.get(to) ?? out.set(to, []).get(to)!).push(from);
  for (const list of out.values()) list.sort(byName);
  return out;
}

/** Every file importing `path` transitively, each with the file it imports on a shortest path. */
function importersOf(path: string, importers: ReadonlyMap<string, readonly string[]>): Map<string, string> {
  const via = new Map<string, string>();
  let frontier = [path];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const f of frontier) {
      for (const by of importers.get(f) ?? []) {
        if (by === path || via.has(by)) continue;
        via.set(by, f);
        next.push(by);
      }
    }
    frontier = next;
  }
  return via;
}

/** `[path, …, file]`: the changed file first, then each importer up to `file`. */
function chainUp(file: string, via: ReadonlyMap<string, string>): string[] {
  const chain = [file];
  for (let at = via.get(file); at !== undefined; at = via.get(at)) chain.push(at);
  return chain.reverse();
}

/** `layers/<name>/build_directives.ncl` or `…/workflow.ncl` → `<name>`. */
function layerOfNickelFile(file: string): string | undefined {
  if (!file.startsWith('layers/')) return undefined;
  const slash = file.indexOf('/', 7);
  if (slash < 0) return undefined;
  const rest = file.slice(slash + 1);
  return rest === 'build_directives.ncl' || rest === 'workflow.ncl' ? file.slice(7, slash) : undefined;
}

const KIND_ORDER = ['named', 'scheduled', 'file-in-layer', 'imports', 'schema', 'template', 'output', 'parent'];

function byReason(a: ImpactReason, b: ImpactReason): number {
  const k = KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
  if (k !== 0) return k;
  const pa = 'path' in a ? a.path : '';
  const pb = 'path' in b ? b.path : '';
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}
