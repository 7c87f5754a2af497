/**
 * Which native-dep layers a project needs: a layer is suggested only when a crate it `serves` is
 * really compiled for the build (cargo's unit graph: host platform, features resolved) without a
 * feature that makes the crate build its own copy of the library (`bundled_features`: sqlite's
 * `bundled`, openssl's `vendored`, …). With only a Cargo.toml, the direct dependencies are mapped
 * through each layer's `used_by` (openssl → openssl-sys, rusqlite without `bundled` → sqlite, …).
 */
import type { Catalog, Layer, NativeDepDirectives } from '../model/index.js';
import { isCompiled, isDependency, type UnitGraph } from '../reuse/units.js';
import { semver } from '../lazy-deps.js';
import { cargoRange, cargoSatisfies } from './compat.js';
import type { Project, Requirement } from './project.js';

export interface NativeNeed {
  readonly layer: Layer;
  /** The project's crates that link the layer's library (`rusqlite → libsqlite3-sys` without a lockfile). */
  readonly crates: string[];
}

/** `-sys` crates that bind the OS or the browser, not a C library a layer could provide. */
const PURE_RUST_SYS = new Set([
  'windows-sys',
  'linux-raw-sys',
  'js-sys',
  'web-sys',
  'wasi',
  'redox_syscall',
  'core-foundation-sys',
  'security-framework-sys',
  'libredox',
  'system-configuration-sys',
  'dirs-sys',
  'dirs-sys-next',
]);

/** Platform tables of a manifest that a Linux build never uses. */
const NOT_LINUX = /windows|macos|target_os\s*=\s*"(?:ios|android|freebsd|netbsd|openbsd|wasi|emscripten)"|wasm|apple|darwin|msvc/;

export function nativeLayersFor(catalog: Catalog, project: Project, graph: UnitGraph | undefined, dev: boolean): { layers: NativeNeed[]; unserved: string[] } {
  const natives = catalog.layers.filter((l): l is Layer & { directives: NativeDepDirectives } => l.directives.class === 'native-dep');
  const needs: NativeNeed[] = [];
  const served = new Set<string>();
  let candidates: string[];

  if (graph) {
    // Crates compiled for this build, with the features they are compiled with.
    const features = new Map<string, Set<string>>();
    for (const u of graph.units) {
      if (!isCompiled(u) || !isDependency(u)) continue;
      const name = u.pkg.slice(0, u.pkg.lastIndexOf('@'));
      const set = features.get(name) ?? features.set(name, new Set()).get(name)!;
      u.features.forEach((f) => set.add(f));
    }
    for (const l of natives) {
      const crates = l.directives.serves.filter((c) => {
        if (!features.has(c)) return false;
        served.add(c);
        return !bundles(l.directives, c, features.get(c)!);
      });
      if (crates.length) needs.push({ layer: l, crates: crates.sort() });
    }
    candidates = [...features.keys()];
  } else if (project.locked === undefined) {
    const reqs = project.requirements.filter((r) => (dev || r.kind !== 'dev') && (r.platform === undefined || !NOT_LINUX.test(r.platform)));
    for (const l of natives) {
      const crates = new Set<string>();
      for (const r of reqs) {
        const asked = new Set([...r.features, ...(r.defaultFeatures ? ['default'] : [])]);
        if (l.directives.serves.includes(r.name)) {
          served.add(r.name);
          if (!bundles(l.directives, r.name, asked)) crates.add(r.name);
        }
        for (const u of l.directives.used_by) {
          if (u.crate !== r.name || !releaseMatches(r.req, u.versions)) continue;
          const when = u.when_features.length === 0 || u.when_features.some((f) => asked.has(f));
          const unless = u.unless_features.some((f) => asked.has(f));
          if (when && !unless) crates.add(`${r.name} → ${u.links}`);
          served.add(u.links);
        }
      }
      if (crates.size) needs.push({ layer: l, crates: [...crates].sort() });
    }
    candidates = reqs.map((r: Requirement) => r.name);
  } else {
    // A lockfile cargo could not resolve: every locked crate a layer serves (features unknown).
    const locked = new Set(project.locked.map((p) => p.name));
    for (const l of natives) {
      const crates = l.directives.serves.filter((c) => locked.has(c));
      crates.forEach((c) => served.add(c));
      if (crates.length) needs.push({ layer: l, crates: crates.sort() });
    }
    candidates = [...locked];
  }
  const unserved = [...new Set(candidates)].filter((c) => c.endsWith('-sys') && !served.has(c) && !PURE_RUST_SYS.has(c)).sort();
  return { layers: needs.sort((a, b) => (a.layer.name < b.layer.name ? -1 : 1)), unserved };
}

/** Whether a served crate, with these features, builds its own copy of the library instead of linking the layer's. */
function bundles(d: NativeDepDirectives, crate: string, features: ReadonlySet<string>): boolean {
  const needs = d.needs_features[crate];
  if (needs !== undefined && !needs.some((f) => features.has(f))) return true;
  return (d.bundled_features[crate] ?? []).some((f) => features.has(f));
}

/** Whether the lowest release a requirement accepts is among `versions` (a cargo requirement too). */
function releaseMatches(req: string, versions: string | undefined): boolean {
  if (versions === undefined) return true;
  const range = cargoRange(req);
  const min = range === undefined ? null : semver().minVersion(range);
  return min !== null && cargoSatisfies(min.version, versions);
}
