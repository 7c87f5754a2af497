/**
 * `suggestFor(catalog, projectDir)`: which layers a downstream Cargo project should build on.
 *
 * - toolchain: the Rust toolchain layer whose version matches the project's pinned channel
 *   (rust-toolchain.toml / rust-toolchain) or satisfies its `rust-version` (a minimum), and whose
 *   targets include the project's extra targets (musl); a mismatch is explained, not hidden;
 * - source-dep layers, ranked by how many of the project's dependencies they have cooked: with a
 *   Cargo.lock, the project's resolved registry packages against the layer recipe's Cargo.lock,
 *   counted as covered when the layer cooked the same crate at a cargo-compatible version (see
 *   compat.ts); without one, the direct requirements against the cooked versions;
 * - native-dep layers whose `serves` names a crate the project depends on;
 * - a Dockerfile snippet: donor stages, then the toolchain as the builder base.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { semver } from '../lazy-deps.js';
import { parse } from 'smol-toml';
import type { Catalog, Layer } from '../model/index.js';
import { cargoCompatible, cargoSatisfies } from './compat.js';
import { lockedPackages, readProject, type Locked, type Project, type ProjectError, type ToolchainRequest } from './project.js';
import { donorCopies, donorEnv, donorStage, envLines, imageRef, mergeEnv } from './snippet.js';

export { cargoCompatible, cargoRange, cargoSatisfies, compatKey } from './compat.js';
export { readProject, lockedPackages, type Project, type ProjectError, type Requirement, type Locked, type ToolchainRequest } from './project.js';
export { consumeSnippet, defaultMode, modeProblem, imageRef, type ConsumeMode } from './snippet.js';

export interface ToolchainSuggestion {
  /** The layer recommended, or null when the catalog has no Rust toolchain layer. */
  readonly layer: string | null;
  readonly version: string | null;
  readonly image: string | null;
  /** What the project asked for (null when it declares nothing). */
  readonly requested: ToolchainRequest | null;
  /** Whether the layer's version and targets meet the request. */
  readonly matches: boolean;
  /** One sentence: why this layer, and what differs when it does not match. */
  readonly reason: string;
}

export interface SourceDepSuggestion {
  readonly name: string;
  readonly image: string;
  /** How many of the project's dependencies the layer has cooked at a compatible version. */
  readonly score: number;
  /** Of how many (the basis: locked packages, or direct requirements without a lockfile). */
  readonly total: number;
  /** `crate@version` (locked) or `crate req` (requirements), sorted. */
  readonly covered: readonly string[];
  readonly missing: readonly string[];
}

export interface NativeDepSuggestion {
  readonly name: string;
  readonly image: string;
  /** The project's crates this layer serves. */
  readonly crates: readonly string[];
  readonly exports: Readonly<Record<string, string>>;
}

export interface Suggestion {
  /** `Cargo.lock` when the resolved packages were scored, `Cargo.toml` for requirements only. */
  readonly basis: 'Cargo.lock' | 'Cargo.toml';
  readonly members: readonly string[];
  readonly dependencies: number;
  readonly toolchain: ToolchainSuggestion;
  /** Every source-dep layer, best first (score, then name); score 0 means nothing in common. */
  readonly sourceDeps: readonly SourceDepSuggestion[];
  readonly nativeDeps: readonly NativeDepSuggestion[];
  /** `-sys`/codegen crates of the project that no native-dep layer serves. */
  readonly unservedNative: readonly string[];
  readonly snippet: string;
}

export type SuggestResult = { ok: true; suggestion: Suggestion } | { ok: false; error: ProjectError };

export interface SuggestOptions {
  /** How file paths appear in errors (default: as joined from projectDir). */
  readonly display?: (file: string) => string;
}

export function suggestFor(catalog: Catalog, projectDir: string, opts: SuggestOptions = {}): SuggestResult {
  const read = readProject(projectDir, opts.display);
  if (!read.ok) return read;
  return { ok: true, suggestion: suggestForProject(catalog, read.project) };
}

export function suggestForProject(catalog: Catalog, project: Project): Suggestion {
  const toolchain = suggestToolchain(catalog, project.toolchain);
  const sourceDeps = catalog.layers
    .filter((l) => l.class === 'source-dep')
    .map((l) => scoreSourceDep(catalog, l, project))
    .sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : 1));

  const crateNames = new Set([...project.requirements.map((r) => r.name), ...(project.locked ?? []).map((p) => p.name)]);
  const nativeDeps: NativeDepSuggestion[] = [];
  const served = new Set<string>();
  for (const l of catalog.layers) {
    if (l.directives.class !== 'native-dep') continue;
    const crates = l.directives.serves.filter((c) => crateNames.has(c)).sort();
    crates.forEach((c) => served.add(c));
    if (crates.length) nativeDeps.push({ name: l.name, image: imageRef(l), crates, exports: l.directives.exports });
  }
  const unservedNative = [...crateNames].filter((c) => c.endsWith('-sys') && !served.has(c) && !PURE_RUST_SYS.has(c)).sort();

  const best = sourceDeps.find((s) => s.score > 0);
  const snippet = renderSnippet(catalog, toolchain, best?.name, nativeDeps.map((n) => n.name), project.locked !== undefined);
  return {
    basis: project.locked ? 'Cargo.lock' : 'Cargo.toml',
    members: project.members,
    dependencies: project.locked ? project.locked.length : new Set(project.requirements.map((r) => `${r.name} ${r.req}`)).size,
    toolchain,
    sourceDeps,
    nativeDeps,
    unservedNative,
    snippet,
  };
}

/** The registry packages a source-dep layer cooked: its recipe's Cargo.lock. */
export function cookedPackages(catalog: Catalog, layer: Layer): Locked[] {
  if (layer.directives.class !== 'source-dep') return [];
  const file = join(catalog.root, layer.dir, layer.directives.recipe.path, 'Cargo.lock');
  if (!existsSync(file)) return [];
  return lockedPackages(parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
}

function scoreSourceDep(catalog: Catalog, layer: Layer, project: Project): SourceDepSuggestion {
  const cooked = new Map<string, string[]>();
  for (const p of cookedPackages(catalog, layer)) (cooked.get(p.name) ?? cooked.set(p.name, []).get(p.name)!).push(p.version);
  const covered: string[] = [];
  const missing: string[] = [];
  if (project.locked) {
    for (const p of project.locked) {
      const ok = (cooked.get(p.name) ?? []).some((v) => cargoCompatible(v, p.version));
      (ok ? covered : missing).push(`${p.name}@${p.version}`);
    }
  } else {
    for (const key of [...new Set(project.requirements.map((r) => `${r.name} ${r.req}`))].sort()) {
      const [name, req] = [key.slice(0, key.indexOf(' ')), key.slice(key.indexOf(' ') + 1)];
      const ok = (cooked.get(name) ?? []).some((v) => cargoSatisfies(v, req));
      (ok ? covered : missing).push(key);
    }
  }
  return { name: layer.name, image: imageRef(layer), score: covered.length, total: covered.length + missing.length, covered, missing };
}

/** `-sys` crates that bind the OS or the browser, not a C library a layer could provide. */
const PURE_RUST_SYS = new Set(['windows-sys', 'linux-raw-sys', 'js-sys', 'web-sys', 'wasi', 'redox_syscall', 'core-foundation-sys', 'security-framework-sys', 'libredox']);

/** Targets every Rust toolchain has without `rustup target add`. */
const HOST_TARGETS = new Set(['x86_64-unknown-linux-gnu', 'aarch64-unknown-linux-gnu']);

function suggestToolchain(catalog: Catalog, requested: ToolchainRequest | undefined): ToolchainSuggestion {
  const rust = catalog.layers.filter((l) => l.directives.class === 'toolchain' && l.directives.toolchain.kind === 'rust');
  if (!rust.length) return { layer: null, version: null, image: null, requested: requested ?? null, matches: false, reason: 'the catalog has no Rust toolchain layer' };
  const wanted = (requested?.targets ?? []).filter((t) => !HOST_TARGETS.has(t));
  const facts = rust.map((l) => {
    const tc = l.directives.class === 'toolchain' ? l.directives.toolchain : undefined!;
    return {
      layer: l,
      version: tc.version,
      versionOk: requested ? versionMatches(tc.version, requested) : true,
      targetsOk: wanted.every((t) => tc.targets.includes(t)),
      extra: tc.targets.length,
    };
  });
  // Version first, then targets, then the plainest layer (fewest extra targets), then name.
  facts.sort((a, b) => Number(b.versionOk) - Number(a.versionOk) || Number(b.targetsOk) - Number(a.targetsOk) || a.extra - b.extra || (a.layer.name < b.layer.name ? -1 : 1));
  const pick = facts[0]!;
  const versions = [...new Set(facts.map((f) => f.version))].sort().join(', ');
  let reason: string;
  if (!requested) reason = `the project declares no toolchain (no rust-toolchain.toml, rust-toolchain or rust-version); \`${pick.layer.name}\` ships Rust ${pick.version}`;
  else if (!pick.versionOk) reason = mismatch(requested, versions);
  else if (!pick.targetsOk) reason = `no Rust layer has the target(s) ${wanted.join(', ')}; \`${pick.layer.name}\` matches the version (${pick.version}), add them with \`rustup target add\``;
  else reason = matchReason(requested, pick.layer.name, pick.version, wanted);
  return {
    layer: pick.layer.name,
    version: pick.version,
    image: imageRef(pick.layer),
    requested: requested ?? null,
    matches: pick.versionOk && pick.targetsOk,
    reason,
  };
}

function versionMatches(layerVersion: string, req: ToolchainRequest): boolean {
  const v = semver().coerce(layerVersion)?.version;
  if (!v) return false;
  if (req.source === 'rust-version') {
    const min = semver().coerce(req.value)?.version;
    return min !== undefined && semver().gte(v, min);
  }
  const pinned = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(req.value);
  if (!pinned) return req.value === 'stable';
  const [maj, min, patch] = [Number(pinned[1]), Number(pinned[2]), pinned[3]];
  const s = semver();
  return s.major(v) === maj && s.minor(v) === min && (patch === undefined || s.patch(v) === Number(patch));
}

function matchReason(req: ToolchainRequest, layer: string, version: string, targets: readonly string[]): string {
  const withTargets = targets.length ? ` with ${targets.join(', ')}` : '';
  if (req.source === 'rust-version') return `rust-version ${req.value} is a minimum; \`${layer}\` ships Rust ${version}${withTargets}, which satisfies it`;
  if (req.value === 'stable') return `${req.source} asks for \`stable\`, which moves; \`${layer}\` pins Rust ${version}${withTargets} (pin the channel to reproduce its builds)`;
  return `${req.source} pins ${req.value}; \`${layer}\` ships Rust ${version}${withTargets}`;
}

function mismatch(req: ToolchainRequest, versions: string): string {
  if (req.source === 'rust-version') return `rust-version ${req.value} is newer than every Rust layer of the catalog (${versions}): lower rust-version or add a newer toolchain layer`;
  if (!/^\d+\.\d+(\.\d+)?$/.test(req.value)) return `${req.source} asks for \`${req.value}\`, which no layer ships (the catalog's Rust layers are ${versions}): pin a released version`;
  return `${req.source} pins ${req.value} but the catalog's Rust layers ship ${versions}: building FROM them uses ${versions}, or rustup downloads ${req.value} at build time; align the pin with the catalog`;
}

function renderSnippet(catalog: Catalog, toolchain: ToolchainSuggestion, sourceDep: string | undefined, natives: readonly string[], locked: boolean): string {
  const layer = (name: string): Layer => catalog.layer(name)!;
  // The native libraries the chosen native layers were built against come along: librdkafka's
  // pkg-config file names OpenSSL, zlib and lz4. A source-dep's own native donors (rustelo's
  // sqlite) are only needed when the project uses the crates they serve, and then they are
  // in `natives` already.
  const nativeNames = new Set(natives);
  const pending = [...natives];
  while (pending.length) {
    for (const donor of layer(pending.pop()!).workflow.donors) {
      if (catalog.layer(donor)?.class === 'native-dep' && !nativeNames.has(donor)) {
        nativeNames.add(donor);
        pending.push(donor);
      }
    }
  }
  const nativeLayers = [...nativeNames].sort().map(layer);
  const deps = sourceDep ? layer(sourceDep) : undefined;
  const donors = [...(deps ? [deps] : []), ...nativeLayers];
  const lines = ['# syntax=docker/dockerfile:1', '# Suggested by `lamina suggest`: donor stages first, then the build stage.'];
  for (const d of donors) lines.push(donorStage(d));
  if (toolchain.image) {
    lines.push('', `FROM ${toolchain.image} AS builder`, 'WORKDIR /src');
  } else {
    lines.push('', '# (no Rust toolchain layer in the catalog: use your own base)', 'FROM scratch AS builder');
  }
  for (const d of donors) lines.push(...donorCopies(d));
  // Native prefixes first, then the source-dep's cook environment (so its values win) — but only
  // when its native donors are all copied in: its variables point into their prefixes.
  const depsEnv = deps && deps.workflow.donors.every((d) => catalog.layer(d)?.class !== 'native-dep' || nativeNames.has(d)) ? [donorEnv(deps)] : [];
  lines.push(...envLines(mergeEnv([...nativeLayers.map(donorEnv), ...depsEnv])));
  const target = (toolchain.requested?.targets ?? []).find((t) => !HOST_TARGETS.has(t));
  if (target && deps?.directives.class === 'source-dep' && deps.directives.recipe.target !== target) {
    // cargo keeps each target's artifacts apart (target/<triple>/), so only the sources are reused.
    lines.push(`# ${deps.name} was cooked for ${deps.directives.recipe.target ?? 'the host target'}: with --target ${target} cargo reuses its downloaded sources, not its compiled crates`);
  }
  lines.push('COPY . .', `RUN cargo build --release${locked ? ' --locked' : ''}${target ? ` --target ${target}` : ''}`);
  return lines.join('\n') + '\n';
}
