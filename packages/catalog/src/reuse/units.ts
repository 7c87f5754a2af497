/**
 * The units cargo would compile, as data: what `cargo build --unit-graph` prints (one entry per
 * compilation or build-script run, with its package id, target, mode, enabled features, resolved
 * profile, platform and dependencies), reduced to what decides whether a compiled unit can be
 * reused — and free of absolute paths, so the result is the same on every machine.
 *
 * A unit is identified by its key (package id, target, mode, features, profile, platform) and by
 * its dependencies' identities: cargo's fingerprint of a unit includes its dependencies'
 * fingerprints, so two units are interchangeable only when their whole dependency trees are.
 */
import { createHash } from 'node:crypto';
import { byName } from '../model/order.js';

/** The profile settings cargo resolves per unit (the fields `--unit-graph` prints). */
export interface UnitProfile {
  /** The profile's name; its output folder (`target/<dir>`) follows from it. */
  readonly name: string;
  readonly opt_level: string;
  readonly lto: string;
  readonly codegen_backend: string | null;
  readonly codegen_units: number | null;
  readonly debuginfo: number | string | null;
  readonly split_debuginfo: string | null;
  readonly debug_assertions: boolean;
  readonly overflow_checks: boolean;
  readonly rpath: boolean;
  readonly incremental: boolean;
  readonly panic: string;
  /** `{"resolved":{"Named":"debuginfo"}}` or `{"deferred":"None"}`, kept as cargo prints it. */
  readonly strip: unknown;
}

export interface Unit {
  /** `name@version`. */
  readonly pkg: string;
  /** `registry+https://…`, `git+https://…?rev=…#…`, or `path` (a local package: never reused). */
  readonly source: string;
  /** `lib:serde`, `proc-macro:serde_derive`, `custom-build:build-script-build`, `bin:app`. */
  readonly target: string;
  readonly mode: string;
  readonly features: readonly string[];
  /** Index into the graph's `profiles`. */
  readonly profile: number;
  /** Null for the host (a build without `--target`), else the target triple. */
  readonly platform: string | null;
  readonly deps: readonly { readonly name: string; readonly unit: number }[];
}

export interface UnitGraph {
  readonly profiles: readonly UnitProfile[];
  readonly units: readonly Unit[];
}

/** Cargo's names for the profile settings, as written in `[profile.*]`. */
export const PROFILE_KEYS: readonly (readonly [keyof UnitProfile, string])[] = [
  ['opt_level', 'opt-level'],
  ['debuginfo', 'debug'],
  ['split_debuginfo', 'split-debuginfo'],
  ['strip', 'strip'],
  ['debug_assertions', 'debug-assertions'],
  ['overflow_checks', 'overflow-checks'],
  ['lto', 'lto'],
  ['panic', 'panic'],
  ['incremental', 'incremental'],
  ['codegen_units', 'codegen-units'],
  ['codegen_backend', 'codegen-backend'],
  ['rpath', 'rpath'],
];

/** The folder under the target directory a profile writes to (`dev` and `test` share `debug`). */
export function profileDir(name: string): string {
  if (name === 'dev' || name === 'test') return 'debug';
  if (name === 'bench') return 'release';
  return name;
}

/** The setting names (cargo's spelling) on which two resolved profiles differ, plus `profile` for the folder. */
export function profileDifferences(a: UnitProfile, b: UnitProfile): string[] {
  const keys: string[] = [];
  if (profileDir(a.name) !== profileDir(b.name)) keys.push('profile');
  for (const [field, key] of PROFILE_KEYS) if (JSON.stringify(a[field]) !== JSON.stringify(b[field])) keys.push(key);
  return keys;
}

/** Whether the unit is compiled by rustc (`compiler-artifact` in cargo's JSON messages), not a build-script run. */
export function isCompiled(u: Unit): boolean {
  return u.mode === 'build';
}

/** A dependency unit: a package that is not local to the project (registry or git). */
export function isDependency(u: Unit): boolean {
  return u.source !== 'path';
}

/**
 * Unit `i` of the graph. Indices come from files (cargo's unit graph, a cook manifest read back),
 * so one that points nowhere is an error in that file, said as such.
 */
export function unitAt(g: UnitGraph, i: number): Unit {
  const u = g.units[i];
  if (u === undefined) throw new Error(`unit graph has no unit ${i} (it has ${g.units.length})`);
  return u;
}

/** Profile `i` of the graph, likewise. */
export function profileAt(g: UnitGraph, i: number): UnitProfile {
  const p = g.profiles[i];
  if (p === undefined) throw new Error(`unit graph has no profile ${i} (it has ${g.profiles.length})`);
  return p;
}

/** The part of a unit's identity that is its own (not its dependencies'). */
export function ownKey(g: UnitGraph, u: Unit): string {
  const p = profileAt(g, u.profile);
  const profile = [profileDir(p.name), ...PROFILE_KEYS.map(([f]) => JSON.stringify(p[f]))].join(',');
  return [u.source, u.pkg, u.target, u.mode, u.features.join(','), profile, u.platform ?? 'host'].join('|');
}

/**
 * Each unit's identity: its own key and its dependencies' identities (with the names they are
 * linked under), hashed bottom-up. Equal identities are units cargo would call the same.
 */
export function identities(g: UnitGraph): string[] {
  const ids: (string | undefined)[] = new Array(g.units.length);
  const visiting = new Set<number>();
  const id = (i: number): string => {
    const known = ids[i];
    if (known !== undefined) return known;
    if (visiting.has(i)) throw new Error(`unit graph has a cycle through ${unitAt(g, i).pkg}`);
    visiting.add(i);
    const u = unitAt(g, i);
    const deps = u.deps.map((d) => `${d.name}=${id(d.unit)}`).sort();
    const h = createHash('sha256').update(ownKey(g, u)).update('\0').update(deps.join('\0')).digest('hex').slice(0, 24);
    visiting.delete(i);
    ids[i] = h;
    return h;
  };
  return g.units.map((_, i) => id(i));
}

interface RawUnit {
  pkg_id: string;
  target: { kind: string[]; name: string };
  profile: UnitProfile;
  platform: string | null;
  mode: string;
  features: string[];
  dependencies: { index: number; extern_crate_name: string }[];
}

/** `registry+https://github.com/rust-lang/crates.io-index#serde@1.0.219` → source and `name@version`. */
export function splitPackageId(id: string): { source: string; pkg: string } {
  const hash = id.lastIndexOf('#');
  const source = id.slice(0, hash);
  let pkg = id.slice(hash + 1);
  // An id whose fragment is only a version (`path+file:///x/serde#1.0.0`) names the package by its folder.
  if (!pkg.includes('@')) pkg = `${source.slice(source.lastIndexOf('/') + 1)}@${pkg}`;
  return { source: source.startsWith('path+') ? 'path' : source, pkg };
}

/**
 * Reads cargo's `--unit-graph` JSON. `hostTriple`: the triple passed with `--target` to stand for
 * the host of the machine that builds (a build without `--target` there): its units become
 * host units, and units cargo would then build once are merged.
 */
export function parseUnitGraph(json: string, hostTriple?: string): UnitGraph {
  const raw = JSON.parse(json) as { version: number; units: RawUnit[] };
  if (raw.version !== 1 || !Array.isArray(raw.units)) throw new Error(`unsupported unit graph (version ${String(raw.version)})`);
  const profiles: UnitProfile[] = [];
  const profileIndex = new Map<string, number>();
  const profileOf = (p: UnitProfile): number => {
    const clean: UnitProfile = {
      name: p.name,
      opt_level: p.opt_level,
      lto: p.lto,
      codegen_backend: p.codegen_backend ?? null,
      codegen_units: p.codegen_units ?? null,
      debuginfo: p.debuginfo ?? null,
      split_debuginfo: p.split_debuginfo ?? null,
      debug_assertions: p.debug_assertions,
      overflow_checks: p.overflow_checks,
      rpath: p.rpath,
      incremental: p.incremental,
      panic: p.panic,
      strip: p.strip ?? null,
    };
    const key = JSON.stringify(clean);
    let i = profileIndex.get(key);
    if (i === undefined) profileIndex.set(key, (i = profiles.push(clean) - 1));
    return i;
  };
  const units: Unit[] = raw.units.map((r) => {
    const { source, pkg } = splitPackageId(r.pkg_id);
    return {
      pkg,
      source,
      target: `${r.target.kind.join(',')}:${r.target.name}`,
      mode: r.mode,
      features: [...r.features].sort(),
      profile: profileOf(r.profile),
      platform: r.platform === null || r.platform === hostTriple ? null : r.platform,
      deps: r.dependencies.map((d) => ({ name: d.extern_crate_name, unit: d.index })),
    };
  });
  return canonical({ profiles, units });
}

/**
 * The graph in a canonical form: identical units merged, units sorted by identity-independent
 * keys then identity, dependencies sorted, profiles in first-use order. Two runs of cargo that
 * describe the same build give the same bytes.
 */
export function canonical(g: UnitGraph): UnitGraph {
  const ids = identities(g);
  const first = new Map<string, number>();
  ids.forEach((id, i) => first.has(id) || first.set(id, i));
  const keep = [...first.values()];
  keep.sort((a, b) => cmp(sortKey(g, a, ids), sortKey(g, b, ids)));
  const newIndex = new Map<string | undefined, number>();
  keep.forEach((old, i) => newIndex.set(ids[old], i));
  const profiles: UnitProfile[] = [];
  const profileMap = new Map<number, number>();
  const units = keep.map((old) => {
    const u = unitAt(g, old);
    let p = profileMap.get(u.profile);
    if (p === undefined) profileMap.set(u.profile, (p = profiles.push(profileAt(g, u.profile)) - 1));
    const deps = u.deps.map((d) => ({ name: d.name, unit: newIndex.get(ids[d.unit])! }));
    deps.sort((a, b) => cmp(a.name, b.name) || a.unit - b.unit);
    return { ...u, profile: p, deps };
  });
  return { profiles, units };
}

function sortKey(g: UnitGraph, i: number, ids: readonly string[]): string {
  const u = unitAt(g, i);
  return `${u.pkg}\0${u.source}\0${u.target}\0${u.mode}\0${ids[i]}`;
}

const cmp = byName;

/** Rust's host triple for a container platform (`linux/amd64` → `x86_64-unknown-linux-gnu`). */
export function tripleOf(platform: string): string | undefined {
  return PLATFORM_TRIPLES[platform];
}

const PLATFORM_TRIPLES: Readonly<Record<string, string>> = {
  'linux/amd64': 'x86_64-unknown-linux-gnu',
  'linux/arm64': 'aarch64-unknown-linux-gnu',
  'linux/arm/v7': 'armv7-unknown-linux-gnueabihf',
  'linux/ppc64le': 'powerpc64le-unknown-linux-gnu',
  'linux/s390x': 's390x-unknown-linux-gnu',
  'linux/riscv64': 'riscv64gc-unknown-linux-gnu',
};
