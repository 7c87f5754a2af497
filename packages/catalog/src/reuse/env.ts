/**
 * Which build scripts run again when a consumer's environment differs from the cook's. cargo
 * reruns a build script when a variable it declared with `cargo:rerun-if-env-changed` changes,
 * and then recompiles its package and everything above it. Which script declares what is known
 * from the helper crates it builds with and from the native layers:
 *
 * - the `pkg-config` crate declares PKG_CONFIG, PKG_CONFIG_PATH, PKG_CONFIG_LIBDIR,
 *   PKG_CONFIG_SYSROOT_DIR, PKG_CONFIG_ALL_STATIC/DYNAMIC and their target-suffixed forms for every
 *   library it probes: any build script that depends on it (directly or through system-deps);
 * - the `cc` crate declares CC, CFLAGS, AR, … (and target-suffixed forms);
 * - a native-dep layer's `exports` are read by the build scripts of the crates it `serves`.
 */
import { isCompiled, unitAt, type UnitGraph } from './units.js';

export interface EnvChange {
  readonly key: string;
  /** The cook's value, or undefined when the cook did not set it. */
  readonly cooked: string | undefined;
  /** The consumer's value, or undefined when it unsets it. */
  readonly consumer: string | undefined;
}

/** The variables whose values differ between two environments, sorted by name. */
export function envChanges(cooked: Readonly<Record<string, string>>, consumer: Readonly<Record<string, string>>): EnvChange[] {
  const keys = [...new Set([...Object.keys(cooked), ...Object.keys(consumer)])].sort();
  return keys.filter((k) => cooked[k] !== consumer[k]).map((key) => ({ key, cooked: cooked[key], consumer: consumer[key] }));
}

const PKG_CONFIG = /PKG_CONFIG/;
const CC_VARS = /^(?:(?:HOST|TARGET)_)?(?:CC|CXX|AR|RANLIB|CFLAGS|CXXFLAGS|CRATE_CC_NO_DEFAULTS)(?:_[A-Za-z0-9_-]+)?$/;

/**
 * `rerunsBuildScript` for predictReuse: given the changed variables and, per variable, the crates
 * whose build scripts read it (from native layers' `serves`), why a build-script run reruns.
 */
export function buildScriptReruns(changes: readonly EnvChange[], readersOf: (key: string) => readonly string[]) {
  return (graph: UnitGraph, i: number): string | undefined => {
    if (!changes.length) return undefined;
    const run = unitAt(graph, i);
    const name = run.pkg.slice(0, run.pkg.lastIndexOf('@'));
    const helpers = scriptHelpers(graph, i);
    for (const c of changes) {
      const reads = (PKG_CONFIG.test(c.key) && helpers.has('pkg-config')) || (CC_VARS.test(c.key) && helpers.has('cc')) || readersOf(c.key).includes(name);
      if (reads) return `${c.key} is ${show(c.consumer)} instead of the cook's ${show(c.cooked)}`;
    }
    return undefined;
  };
}

/** Names of the packages a build-script run's compiled script depends on, transitively. */
function scriptHelpers(graph: UnitGraph, run: number): Set<string> {
  const names = new Set<string>();
  const seen = new Set<number>();
  const visit = (i: number): void => {
    for (const d of unitAt(graph, i).deps) {
      if (seen.has(d.unit)) continue;
      seen.add(d.unit);
      const u = unitAt(graph, d.unit);
      if (!isCompiled(u)) continue;
      names.add(u.pkg.slice(0, u.pkg.lastIndexOf('@')));
      visit(d.unit);
    }
  };
  for (const d of unitAt(graph, run).deps) {
    const script = unitAt(graph, d.unit);
    if (script.target.startsWith('custom-build:') && isCompiled(script)) visit(d.unit);
  }
  return names;
}

function show(v: string | undefined): string {
  return v === undefined ? 'unset' : JSON.stringify(v);
}
