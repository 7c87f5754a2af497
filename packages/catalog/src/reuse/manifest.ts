/**
 * The cook manifest: what a source-dep layer cooked, recorded next to its recipe as
 * `layers/<name>/lamina-cook.json` and copied into the image (`<workdir>/lamina-cook.json`). It
 * holds the cook's profiles, target, toolchain, environment and paths, and per platform the units
 * cargo compiles (package ids, features, resolved profiles, dependencies: see units.ts) — the
 * data reuse is predicted from. `inputs` hashes everything the units depend on (the recipe's
 * manifests and lockfile, the cook settings, the platforms, the toolchain), so a stale manifest is
 * found without running cargo; `lamina gen --cook-manifests` asks cargo again when it is.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeAtomic } from '../generate/write.js';
import type { Catalog, Layer, SourceDepDirectives } from '../model/index.js';
import { cargoUnitGraph } from './cargo.js';
import { cookSpec, toolchainOf, type CookSpec } from './cook.js';
import { sortedEntries } from '../model/order.js';
import { canonical, isCompiled, isDependency, tripleOf, unitAt, type Unit, type UnitGraph } from './units.js';

export const COOK_MANIFEST = 'lamina-cook.json';
export const COOK_FORMAT = 'lamina-cook/2';

export interface CookManifest {
  readonly format: typeof COOK_FORMAT;
  readonly layer: string;
  /** sha256 of what the units depend on (see `cookInputs`). */
  readonly inputs: string;
  /** The cargo that resolved the units (features and profiles resolve the same across recent versions). */
  readonly resolved_by: string;
  readonly toolchain: { readonly layer: string; readonly rust: string } | null;
  /** The cook step as generated (profiles, target, paths, environment): what consumers reproduce. */
  readonly cook: CookSpec;
  /** Per container platform (`linux/amd64`): the units of every cooked profile. */
  readonly platforms: Readonly<Record<string, UnitGraph>>;
}

export type SourceDepLayer = Layer & { directives: SourceDepDirectives };

export function isSourceDep(layer: Layer): layer is SourceDepLayer {
  return layer.directives.class === 'source-dep';
}

/** Root-relative path of a layer's cook manifest. */
export function cookManifestFile(layer: Layer): string {
  return `${layer.dir}/${COOK_MANIFEST}`;
}

/** Files of the recipe that decide its units: Cargo manifests, the lockfile, toolchain and cargo config. */
function recipeInputFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'target' && e.name !== '.git') walk(p);
      } else if (/^(Cargo\.toml|Cargo\.lock|rust-toolchain(\.toml)?|config(\.toml)?)$/.test(e.name)) {
        if (!e.name.startsWith('config') || d.endsWith('.cargo')) out.push(p);
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** The hash recorded as `inputs`: a manifest whose `inputs` differs from this is stale. */
export function cookInputs(catalog: Catalog, layer: SourceDepLayer): string {
  const spec = cookSpec(catalog, layer);
  const recipeDir = join(catalog.root, layer.dir, layer.directives.recipe.path);
  const h = createHash('sha256');
  h.update(JSON.stringify({ format: COOK_FORMAT, spec, toolchain: toolchainOf(catalog, layer) ?? null, platforms: layer.workflow.platforms }));
  for (const f of recipeInputFiles(recipeDir)) {
    h.update(`\0${relative(recipeDir, f)}\0`);
    h.update(readFileSync(f));
  }
  return h.digest('hex');
}

export type ManifestState =
  | { readonly state: 'fresh'; readonly manifest: CookManifest }
  | { readonly state: 'stale'; readonly manifest: CookManifest }
  | { readonly state: 'missing' }
  | { readonly state: 'invalid'; readonly message: string };

export function readCookManifest(catalog: Catalog, layer: SourceDepLayer): ManifestState {
  const file = join(catalog.root, cookManifestFile(layer));
  if (!existsSync(file)) return { state: 'missing' };
  let m: CookManifest;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as CookManifest;
  } catch (e) {
    return { state: 'invalid', message: `not JSON: ${(e as Error).message}` };
  }
  if (m?.format !== COOK_FORMAT || typeof m.platforms !== 'object' || m.platforms === null)
    return { state: 'invalid', message: `not a ${COOK_FORMAT} manifest` };
  return { state: m.inputs === cookInputs(catalog, layer) ? 'fresh' : 'stale', manifest: m };
}

export type ComputeResult = { ok: true; manifest: CookManifest } | { ok: false; message: string };

/** Asks cargo for the recipe's units, for every cooked profile and platform. */
export function computeCookManifest(catalog: Catalog, layer: SourceDepLayer, opts: { cargo?: string } = {}): ComputeResult {
  const spec = cookSpec(catalog, layer);
  const dir = join(catalog.root, layer.dir, layer.directives.recipe.path);
  const platforms: Record<string, UnitGraph> = {};
  let resolvedBy = '';
  for (const platform of [...layer.workflow.platforms].sort()) {
    const host = tripleOf(platform);
    if (!host) return { ok: false, message: `platform ${platform} has no known Rust host triple` };
    const graphs: UnitGraph[] = [];
    for (const profile of spec.profiles) {
      const r = cargoUnitGraph({
        dir,
        profile,
        hostTriple: host,
        ...(spec.target !== undefined ? { crossTarget: spec.target } : {}),
        features: spec.features,
        noDefaultFeatures: spec.noDefaultFeatures,
        env: cargoSettings(spec),
        ...(opts.cargo !== undefined ? { cargo: opts.cargo } : {}),
      });
      if (!r.ok) return r;
      resolvedBy = r.cargoVersion;
      graphs.push(r.graph);
    }
    platforms[platform] = withoutLocal(mergeGraphs(graphs));
  }
  const tc = toolchainOf(catalog, layer);
  return {
    ok: true,
    manifest: {
      format: COOK_FORMAT,
      layer: layer.name,
      inputs: cookInputs(catalog, layer),
      resolved_by: resolvedBy,
      toolchain: tc ? { layer: tc.name, rust: tc.version } : null,
      cook: spec,
      platforms,
    },
  };
}

/** The cook environment's variables that are cargo's own settings (they change the units). */
export function cargoSettings(spec: CookSpec): Record<string, string> {
  return Object.fromEntries(Object.entries(spec.env).filter(([k]) => /^(CARGO_PROFILE_|CARGO_INCREMENTAL$|RUSTFLAGS$|CARGO_ENCODED_RUSTFLAGS$)/.test(k)));
}

/** Several graphs (one per profile) as one. */
export function mergeGraphs(graphs: readonly UnitGraph[]): UnitGraph {
  const profiles: UnitGraph['profiles'][number][] = [];
  const units: Unit[] = [];
  for (const g of graphs) {
    const base = units.length;
    const pBase = profiles.length;
    profiles.push(...g.profiles);
    for (const u of g.units) units.push({ ...u, profile: u.profile + pBase, deps: u.deps.map((d) => ({ name: d.name, unit: d.unit + base })) });
  }
  return canonical({ profiles, units });
}

/** The recipe's own packages are never reused (cargo-chef cooks them as empty skeletons): only dependencies and what they need stay. */
function withoutLocal(g: UnitGraph): UnitGraph {
  const keep = new Set<number>();
  const visit = (i: number): void => {
    if (keep.has(i)) return;
    keep.add(i);
    for (const d of unitAt(g, i).deps) visit(d.unit);
  };
  g.units.forEach((u, i) => isDependency(u) && visit(i));
  const index = new Map<number, number>();
  [...keep].sort((a, b) => a - b).forEach((old, i) => index.set(old, i));
  const units = [...index.keys()].map((old) => {
    const u = unitAt(g, old);
    return { ...u, deps: u.deps.map((d) => ({ name: d.name, unit: index.get(d.unit)! })) };
  });
  return canonical({ profiles: g.profiles, units });
}

/** The manifest as written: one unit per line, so a recipe change reads as a small diff. */
export function serializeCookManifest(m: CookManifest): string {
  const { platforms, ...head } = m;
  const lines = JSON.stringify(head, null, 2).slice(0, -2).split('\n');
  lines[lines.length - 1] += ',';
  lines.push('  "platforms": {');
  const names = sortedEntries(platforms);
  names.forEach(([name, g], pi) => {
    lines.push(`    ${JSON.stringify(name)}: {`, '      "profiles": [');
    g.profiles.forEach((p, i) => lines.push(`        ${JSON.stringify(p)}${i < g.profiles.length - 1 ? ',' : ''}`));
    lines.push('      ],', '      "units": [');
    g.units.forEach((u, i) => lines.push(`        ${JSON.stringify(u)}${i < g.units.length - 1 ? ',' : ''}`));
    lines.push('      ]', `    }${pi < names.length - 1 ? ',' : ''}`);
  });
  lines.push('  }', '}');
  return lines.join('\n') + '\n';
}

/** Writes a manifest atomically (temporary file, then rename); false when the bytes were already there. */
export function writeCookManifest(catalog: Catalog, layer: Layer, m: CookManifest): boolean {
  const file = join(catalog.root, cookManifestFile(layer));
  const text = serializeCookManifest(m);
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
  writeAtomic(file, text);
  return true;
}

/** `name@version` of every dependency package a graph compiles (for people reading the manifest). */
export function compiledPackages(g: UnitGraph): string[] {
  return [...new Set(g.units.filter((u) => isCompiled(u) && isDependency(u)).map((u) => u.pkg))].sort();
}
