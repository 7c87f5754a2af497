/**
 * `suggestFor(catalog, projectDir)`: which layers a downstream Cargo project should build on.
 *
 * - toolchain: the Rust toolchain layer whose version matches the project's pinned channel
 *   (rust-toolchain.toml / rust-toolchain) or satisfies its `rust-version` (a minimum), and whose
 *   targets include the project's extra targets (musl); a mismatch is explained, not hidden;
 * - source-dep layers, ranked by the dependency units cargo would find Fresh: the project's unit
 *   graph (asked of cargo for the build the snippet runs) against each layer's cook manifest
 *   (reuse/); without a Cargo.lock, or when cargo cannot resolve the project, nothing is
 *   predicted and exact version matches are listed instead;
 * - native-dep layers whose library a crate of the build really links (natives.ts);
 * - a Dockerfile snippet that reproduces the cook of the best layer (snippet.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { semver } from '../lazy-deps.js';
import { parse } from 'smol-toml';
import type { Catalog, Layer } from '../model/index.js';
import { pinsFor, type Pins } from '../registry/lock.js';
import { cargoUnitGraph } from '../reuse/cargo.js';
import { buildScriptReruns } from '../reuse/env.js';
import { isSourceDep, readCookManifest } from '../reuse/manifest.js';
import { predictReuse, type Reuse } from '../reuse/predict.js';
import { isCompiled, isDependency, tripleOf, type UnitGraph } from '../reuse/units.js';
import { cargoSatisfies } from './compat.js';
import { nativeLayersFor, type NativeNeed } from './natives.js';
import { lockedPackages, readProject, type Locked, type Project, type ProjectError, type ToolchainRequest } from './project.js';
import { buildStageLines, consumptionPlan, donorStage, imageRef, nativeEnv, toolchainImage } from './snippet.js';

export { cargoCompatible, cargoRange, cargoSatisfies, compatKey } from './compat.js';
export { readProject, lockedPackages, type Project, type ProjectError, type Requirement, type Locked, type ToolchainRequest } from './project.js';
export { consumeSnippet, consumptionPlan, defaultMode, modeProblem, imageRef, type ConsumeMode, type ConsumptionPlan } from './snippet.js';

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
  /** Dependency units cargo would find Fresh with this layer (`reuse.units`), 0 when not predicted. */
  readonly score: number;
  /** The project's dependency units (`reuse.total`), or its locked packages when not predicted. */
  readonly total: number;
  /** Packages (`name@version`) all of whose units are reusable, sorted. */
  readonly covered: readonly string[];
  /** The project's other dependency packages. */
  readonly missing: readonly string[];
  /** The prediction, or null with `reuseNote` saying why there is none. */
  readonly reuse: Reuse | null;
  readonly reuseNote?: string;
}

export interface NativeDepSuggestion {
  readonly name: string;
  readonly image: string;
  /** The project's crates that link this layer's library. */
  readonly crates: readonly string[];
  readonly exports: Readonly<Record<string, string>>;
}

export interface Suggestion {
  /** `Cargo.lock` when the resolved packages were examined, `Cargo.toml` for requirements only. */
  readonly basis: 'Cargo.lock' | 'Cargo.toml';
  readonly members: readonly string[];
  /** Locked registry packages, or distinct direct requirements without a lockfile. */
  readonly dependencies: number;
  /** The consumer build reuse is predicted for. */
  readonly build: { readonly profile: string; readonly platform: string; readonly target: string | null; readonly dev: boolean };
  /** The project's dependency units as cargo resolves them for that build, or null (see `reuseNote`). */
  readonly units: number | null;
  /** Why reuse could not be predicted for any layer, when so. */
  readonly reuseNote?: string;
  readonly toolchain: ToolchainSuggestion;
  /** Every source-dep layer, best first (predicted reusable units, then name). */
  readonly sourceDeps: readonly SourceDepSuggestion[];
  readonly nativeDeps: readonly NativeDepSuggestion[];
  /** `-sys`/codegen crates of the project that build against a system library no layer provides. */
  readonly unservedNative: readonly string[];
  /** The layers the snippet combines. */
  readonly combined: readonly string[];
  readonly snippet: string;
}

export type SuggestResult = { ok: true; suggestion: Suggestion } | { ok: false; error: ProjectError };

export interface SuggestOptions {
  /** How file paths appear in errors (default: as joined from projectDir). */
  readonly display?: (file: string) => string;
  /** The consumer's cargo profile (default `release`). */
  readonly profile?: string;
  /** The container platform the consumer builds on (default `linux/amd64`). */
  readonly platform?: string;
  /** Count dev-dependencies too (tests, benches, examples). */
  readonly dev?: boolean;
  /** The cargo to ask for the project's units (default `$CARGO` or `cargo`). */
  readonly cargo?: string;
}

export function suggestFor(catalog: Catalog, projectDir: string, opts: SuggestOptions = {}): SuggestResult {
  const read = readProject(projectDir, opts.display);
  if (!read.ok) return read;
  return { ok: true, suggestion: suggestForProject(catalog, read.project, projectDir, opts) };
}

export function suggestForProject(catalog: Catalog, project: Project, projectDir: string, opts: SuggestOptions = {}): Suggestion {
  const pins = pinsFor(catalog);
  const toolchain = suggestToolchain(catalog, project.toolchain, pins);
  const profile = opts.profile ?? 'release';
  const platform = opts.platform ?? 'linux/amd64';
  const hostTriple = tripleOf(platform) ?? 'x86_64-unknown-linux-gnu';
  const target = (project.toolchain?.targets ?? []).find((t) => !HOST_TARGETS.has(t));
  const build = { profile, platform, target: target ?? null, dev: opts.dev === true };

  // The project's units as cargo resolves them for this build (features, platforms, profiles).
  let graph: UnitGraph | undefined;
  let reuseNote: string | undefined;
  if (!project.locked) reuseNote = 'no Cargo.lock: cargo would resolve the versions at build time, so reuse cannot be predicted (commit a Cargo.lock)';
  else {
    const r = cargoUnitGraph({
      dir: projectDir,
      profile,
      hostTriple,
      ...(target ? { crossTarget: target } : {}),
      allTargets: opts.dev === true,
      ...(opts.cargo ? { cargo: opts.cargo } : {}),
    });
    if (r.ok) graph = r.graph;
    else reuseNote = r.message;
  }

  const natives = nativeLayersFor(catalog, project, graph, opts.dev === true);
  const nativeDeps: NativeDepSuggestion[] = natives.layers.map((n: NativeNeed) => ({
    name: n.layer.name,
    image: imageRef(n.layer, pins),
    crates: n.crates,
    exports: n.layer.directives.class === 'native-dep' ? n.layer.directives.exports : {},
  }));
  const nativeLayers = natives.layers.map((n) => n.layer);

  const sourceDeps = catalog.layers
    .filter(isSourceDep)
    .map((l) => scoreSourceDep(catalog, l, project, graph, reuseNote, { profile, platform, target, nativeLayers, toolchain, pins }))
    .sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : 1));
  const best = sourceDeps.find((s) => s.score > 0);
  const deps = best ? catalog.layer(best.name) : undefined;
  const plan = consumptionPlan(catalog, {
    ...(deps ? { sourceDep: deps } : {}),
    natives: nativeLayers,
    profile,
    ...(target ? { target } : {}),
    locked: project.locked !== undefined,
  });
  // The layer's own toolchain (the rustc that cooked it), unless the build needs a target only
  // the suggested toolchain has; lamina's Rust layers of one version share the same rustc.
  const builder = deps && !target ? toolchainImage(catalog, deps, pins) : toolchain.image;
  const lines = ['# syntax=docker/dockerfile:1', '# Suggested by `lamina suggest`: donor stages first, then the build stage.'];
  for (const d of plan.donors) lines.push(donorStage(d, pins));
  const reuse = best?.reuse
    ? `${best.name}: ${best.reuse.units} of ${best.reuse.total} dependency units Fresh (predicted, profile ${profile}, ${platform})`
    : undefined;
  lines.push('', ...(builder ? [] : ['# (no Rust toolchain layer in the catalog: use your own base)']), ...buildStageLines(plan, builder ?? 'scratch', reuse));
  if (deps && toolchain.layer && builder !== toolchain.image)
    lines.push(`# ${deps.name} was cooked on ${builder}; the toolchain suggested for the project alone is ${toolchain.image}.`);
  return {
    basis: project.locked ? 'Cargo.lock' : 'Cargo.toml',
    members: project.members,
    dependencies: project.locked ? project.locked.length : new Set(project.requirements.map((r) => `${r.name} ${r.req}`)).size,
    build,
    units: graph ? graph.units.filter((u) => isCompiled(u) && isDependency(u)).length : null,
    ...(graph === undefined && reuseNote !== undefined ? { reuseNote } : {}),
    toolchain,
    sourceDeps,
    nativeDeps,
    unservedNative: natives.unserved,
    combined: plan.donors.map((d) => d.name),
    snippet: lines.join('\n') + '\n',
  };
}

/** The registry packages a source-dep layer cooked: its recipe's Cargo.lock. */
export function cookedPackages(catalog: Catalog, layer: Layer): Locked[] {
  if (layer.directives.class !== 'source-dep') return [];
  const file = join(catalog.root, layer.dir, layer.directives.recipe.path, 'Cargo.lock');
  if (!existsSync(file)) return [];
  return lockedPackages(parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
}

interface ScoreContext {
  readonly profile: string;
  readonly platform: string;
  readonly target: string | undefined;
  readonly nativeLayers: readonly Layer[];
  readonly toolchain: ToolchainSuggestion;
  readonly pins: Pins;
}

function scoreSourceDep(
  catalog: Catalog,
  layer: Layer,
  project: Project,
  graph: UnitGraph | undefined,
  note: string | undefined,
  ctx: ScoreContext,
): SourceDepSuggestion {
  const base = { name: layer.name, image: imageRef(layer, ctx.pins) };
  const unpredicted = (reuseNote: string): SourceDepSuggestion => {
    // Without a prediction, what is known: the locked packages the layer cooked at exactly the same version.
    const cooked = new Set(cookedPackages(catalog, layer).map((p) => `${p.name}@${p.version}`));
    const covered: string[] = [];
    const missing: string[] = [];
    if (project.locked) for (const p of project.locked) (cooked.has(`${p.name}@${p.version}`) ? covered : missing).push(`${p.name}@${p.version}`);
    else {
      const versions = [...cooked].map((c) => [c.slice(0, c.lastIndexOf('@')), c.slice(c.lastIndexOf('@') + 1)] as const);
      for (const key of [...new Set(project.requirements.filter((r) => r.kind !== 'dev').map((r) => `${r.name} ${r.req}`))].sort()) {
        const [name, req] = [key.slice(0, key.indexOf(' ')), key.slice(key.indexOf(' ') + 1)];
        (versions.some(([n, v]) => n === name && cargoSatisfies(v, req)) ? covered : missing).push(key);
      }
    }
    return { ...base, score: 0, total: covered.length + missing.length, covered, missing, reuse: null, reuseNote };
  };
  if (!isSourceDep(layer)) return unpredicted('not a source-dep layer');
  if (!graph) return unpredicted(note ?? "the project's units are unknown");
  const state = readCookManifest(catalog, layer);
  if (state.state === 'missing')
    return unpredicted(`${layer.name} has no cook manifest (layers/${layer.name}/lamina-cook.json): run \`lamina gen --cook-manifests\``);
  if (state.state === 'invalid') return unpredicted(`the cook manifest of ${layer.name} cannot be read: ${state.message}`);
  if (state.state === 'stale') return unpredicted(`the cook manifest of ${layer.name} is stale (its recipe changed): run \`lamina gen\``);
  const cooked = state.manifest.platforms[ctx.platform];
  if (!cooked) return unpredicted(`${layer.name} is not built for ${ctx.platform} (${Object.keys(state.manifest.platforms).join(', ')})`);
  const plan = consumptionPlan(catalog, { sourceDep: layer, natives: ctx.nativeLayers, profile: ctx.profile, ...(ctx.target ? { target: ctx.target } : {}) });
  const rust = state.manifest.toolchain?.rust;
  const req = project.toolchain;
  const rustcDiffers =
    req && req.source !== 'rust-version' && rust !== undefined && !versionMatches(rust, req)
      ? `the project pins ${req.value} (${req.source}); ${layer.name} was cooked with Rust ${rust}`
      : undefined;
  const cookFlags = state.manifest.cook.env.RUSTFLAGS;
  const rustflagsDiffer =
    project.rustflags !== undefined && project.rustflags !== cookFlags
      ? `.cargo/config.toml sets rustflags \`${project.rustflags}\`; ${layer.name} was cooked with ${cookFlags === undefined ? 'none' : `\`${cookFlags}\``}`
      : undefined;
  const readers = (key: string): string[] =>
    catalog.layers.flatMap((l) => (l.directives.class === 'native-dep' && Object.hasOwn(nativeEnv(l), key) ? l.directives.serves : []));
  const reuse = predictReuse(graph, cooked, {
    ...(rustcDiffers ? { rustcDiffers } : {}),
    ...(rustflagsDiffer ? { rustflagsDiffer } : {}),
    rerunsBuildScript: buildScriptReruns(plan.changes, readers),
  });
  const blocked = new Set(reuse.blockers.map((b) => b.unit.slice(0, b.unit.indexOf(' '))));
  const packages = [...new Set(graph.units.filter((u) => isCompiled(u) && isDependency(u)).map((u) => u.pkg))].sort();
  return {
    ...base,
    score: reuse.units,
    total: reuse.total,
    covered: packages.filter((p) => !blocked.has(p)),
    missing: packages.filter((p) => blocked.has(p)),
    reuse,
  };
}

/** Targets every Rust toolchain has without `rustup target add`. */
const HOST_TARGETS = new Set(['x86_64-unknown-linux-gnu', 'aarch64-unknown-linux-gnu']);

function suggestToolchain(catalog: Catalog, requested: ToolchainRequest | undefined, pins: Pins): ToolchainSuggestion {
  const rust = catalog.layers.filter((l) => l.directives.class === 'toolchain' && l.directives.toolchain.kind === 'rust');
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
  facts.sort(
    (a, b) =>
      Number(b.versionOk) - Number(a.versionOk) || Number(b.targetsOk) - Number(a.targetsOk) || a.extra - b.extra || (a.layer.name < b.layer.name ? -1 : 1),
  );
  const pick = facts[0];
  if (pick === undefined)
    return { layer: null, version: null, image: null, requested: requested ?? null, matches: false, reason: 'the catalog has no Rust toolchain layer' };
  const versions = [...new Set(facts.map((f) => f.version))].sort().join(', ');
  let reason: string;
  if (!requested)
    reason = `the project declares no toolchain (no rust-toolchain.toml, rust-toolchain or rust-version); \`${pick.layer.name}\` ships Rust ${pick.version}`;
  else if (!pick.versionOk) reason = mismatch(requested, versions);
  else if (!pick.targetsOk)
    reason = `no Rust layer has the target(s) ${wanted.join(', ')}; \`${pick.layer.name}\` matches the version (${pick.version}), add them with \`rustup target add\``;
  else reason = matchReason(requested, pick.layer.name, pick.version, wanted);
  return {
    layer: pick.layer.name,
    version: pick.version,
    image: imageRef(pick.layer, pins),
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
  if (req.value === 'stable')
    return `${req.source} asks for \`stable\`, which moves; \`${layer}\` pins Rust ${version}${withTargets} (pin the channel to reproduce its builds)`;
  return `${req.source} pins ${req.value}; \`${layer}\` ships Rust ${version}${withTargets}`;
}

function mismatch(req: ToolchainRequest, versions: string): string {
  if (req.source === 'rust-version')
    return `rust-version ${req.value} is newer than every Rust layer of the catalog (${versions}): lower rust-version or add a newer toolchain layer`;
  if (!/^\d+\.\d+(\.\d+)?$/.test(req.value))
    return `${req.source} asks for \`${req.value}\`, which no layer ships (the catalog's Rust layers are ${versions}): pin a released version`;
  return `${req.source} pins ${req.value} but the catalog's Rust layers ship ${versions}: building FROM them uses ${versions}, or rustup downloads ${req.value} at build time; align the pin with the catalog`;
}
