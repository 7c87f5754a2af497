/**
 * Dockerfile snippets that consume layers, in the two modes of the design:
 * - `from`: the layer is the build stage's base (`FROM <ref> AS builder`) — toolchains, and
 *   source-dep layers, which ship inside their toolchain with the cook's environment;
 * - `donor`: the layer is a named stage whose artifact paths are copied into the build stage —
 *   a source-dep's `outputs` at the paths they were cooked at, a native-dep's prefix.
 *
 * A source-dep's cooked units are Fresh only under the cook's own conditions, so a snippet that
 * uses one sets exactly the cook's environment (no `${VAR}` appends: an appended colon is another
 * value), copies the target directory to the absolute path it was cooked at and points
 * CARGO_TARGET_DIR there, and builds with the cooked profile. Native layers the cook did not use
 * add their variables; where that changes a value the cook set, the reuse prediction counts the
 * build scripts that run again (reuse/env.ts).
 */
import { dockerWord } from '../generate/quote.js';
import type { Catalog, Layer } from '../model/index.js';
import { cookSpec, profileArgs } from '../reuse/cook.js';
import { envChanges, type EnvChange } from '../reuse/env.js';
import { canonicalRef } from '../generate/refs.js';
import type { Pins } from '../registry/lock.js';
import { isSourceDep } from '../reuse/manifest.js';
import { byKey, sortedEntries } from '../model/order.js';

export type ConsumeMode = 'from' | 'donor';

/** A layer's reference: its canonical tag, pinned by digest when the lock knows its build (pins). */
export function imageRef(layer: Layer, pins?: Pins): string {
  return pins?.get(layer.name) ?? canonicalRef(layer);
}

/** The mode a layer is consumed in when none is asked for. */
export function defaultMode(layer: Layer): ConsumeMode {
  return layer.class === 'toolchain' ? 'from' : 'donor';
}

/** Why a layer cannot be consumed in `mode`, or undefined when it can. */
export function modeProblem(layer: Layer, mode: ConsumeMode): string | undefined {
  if (mode === 'donor' && layer.class === 'toolchain') return `\`${layer.name}\` is a toolchain layer: it has no artifact to copy, consume it with --mode from`;
  // A layer shipped on `scratch` holds its artifact and nothing to build with.
  if (mode === 'from' && layer.workflow.runtime_base === 'scratch')
    return `\`${layer.name}\` is a ${layer.class} layer shipped on scratch (its artifact alone, no toolchain): consume it with --mode donor`;
  return undefined;
}

/** The stage alias a donor gets in a snippet (`rustelo-deps`, `openssl-prefix`). */
export function stageAlias(layer: Layer): string {
  return layer.class === 'source-dep' ? `${layer.name}-deps` : `${layer.name}-prefix`;
}

/** The `FROM … AS alias` line of a donor stage. */
export function donorStage(layer: Layer, pins?: Pins): string {
  return `FROM ${imageRef(layer, pins)} AS ${stageAlias(layer)}`;
}

/** The COPY lines that take a donor's artifact into the build stage, each to the path it has in the layer. */
export function donorCopies(layer: Layer): string[] {
  const alias = stageAlias(layer);
  const d = layer.directives;
  if (d.class === 'source-dep') return d.outputs.map((p) => `COPY --from=${alias} ${p} ${p}`);
  if (d.class === 'native-dep') return [`COPY --from=${alias} ${d.install.prefix} ${d.install.prefix}`];
  return [];
}

/** A native-dep's variables for a build that links it: its `exports`, plus its pkg-config folder. */
export function nativeEnv(layer: Layer): Record<string, string> {
  const d = layer.directives;
  if (d.class !== 'native-dep') return {};
  const env: Record<string, string> = { ...d.exports };
  if (d.install.pkg_config_path && env.PKG_CONFIG_PATH === undefined) env.PKG_CONFIG_PATH = d.install.pkg_config_path;
  return env;
}

/** Variables holding `:`-separated lists: merged across layers instead of overwritten. */
const PATH_LISTS = new Set(['PKG_CONFIG_PATH', 'LD_LIBRARY_PATH', 'LIBRARY_PATH', 'CPATH']);

/** One environment from several (in order); list variables are unioned in first-seen order, nothing is appended. */
export function mergeEnv(envs: readonly Record<string, string>[]): Record<string, string> {
  const lists = new Map<string, string[]>();
  const out: Record<string, string> = {};
  for (const env of envs) {
    for (const [k, v] of Object.entries(env)) {
      if (!PATH_LISTS.has(k)) {
        out[k] = v;
        continue;
      }
      const list = lists.get(k) ?? lists.set(k, []).get(k)!;
      for (const part of v.split(':')) if (part !== '' && !part.startsWith('$') && !list.includes(part)) list.push(part);
    }
  }
  for (const [k, list] of lists) out[k] = list.join(':');
  return out;
}

/** `ENV A=… \\n    B=…` with the variables sorted, or nothing for an empty environment. */
export function envLines(env: Readonly<Record<string, string>>): string[] {
  const entries = sortedEntries(env);
  return entries.length ? [`ENV ${entries.map(([k, v]) => `${k}=${dockerWord(v)}`).join(' \\\n    ')}`] : [];
}

/** What a build stage needs to use a source-dep (optional) and native layers together. */
export interface ConsumptionPlan {
  /** The donor layers, the source-dep first, then native layers by name. */
  readonly donors: readonly Layer[];
  /** The environment of the build stage. */
  readonly env: Readonly<Record<string, string>>;
  /** Where `env` differs from the cook's (empty without a source-dep). */
  readonly changes: readonly EnvChange[];
  /** `cargo build` arguments: the profile, `--locked`, a cross target. */
  readonly buildArgs: readonly string[];
  /** Where cargo writes (the cooked target directory), when a source-dep sets it. */
  readonly targetDir: string | undefined;
  /** The native layers whose libraries the build links (the ones asked for, and what they were built against). */
  readonly linked: readonly Layer[];
  readonly profile: string;
}

export interface PlanRequest {
  readonly sourceDep?: Layer;
  readonly natives: readonly Layer[];
  /** The consumer's profile; defaults to the source-dep's first cooked profile, else `release`. */
  readonly profile?: string;
  /** A cross target the consumer builds for (`--target`). */
  readonly target?: string;
  readonly locked?: boolean;
}

export function consumptionPlan(catalog: Catalog, req: PlanRequest): ConsumptionPlan {
  const deps = req.sourceDep && isSourceDep(req.sourceDep) ? req.sourceDep : undefined;
  const spec = deps ? cookSpec(catalog, deps) : undefined;
  // Native layers come with the native layers they were built against (librdkafka's pkg-config
  // file names OpenSSL, zlib and lz4), and a source-dep with the native layers it cooked with.
  const cookedWith = new Set(deps ? deps.workflow.donors.filter((n) => catalog.layer(n)?.class === 'native-dep') : []);
  const withDonors = (names: Iterable<string>): Set<string> => {
    const out = new Set(names);
    const pending = [...out];
    while (pending.length) {
      for (const donor of catalog.layer(pending.pop()!)?.workflow.donors ?? []) {
        if (catalog.layer(donor)?.class === 'native-dep' && !out.has(donor)) {
          out.add(donor);
          pending.push(donor);
        }
      }
    }
    return out;
  };
  const natives = withDonors([...req.natives.map((l) => l.name), ...cookedWith]);
  const linked = withDonors(req.natives.map((l) => l.name));
  const nativeLayers = [...natives].sort().map((n) => catalog.layer(n)!);
  // The cook's variables already say how the cook used its own native layers; only the others add theirs.
  const extra = mergeEnv(nativeLayers.filter((l) => !cookedWith.has(l.name)).map(nativeEnv));
  let env: Record<string, string>;
  if (spec) {
    env = { ...spec.env };
    for (const [k, v] of Object.entries(extra)) {
      const current = env[k];
      if (current === undefined) env[k] = v;
      else if (PATH_LISTS.has(k)) env[k] = mergeEnv([{ [k]: current }, { [k]: v }])[k] ?? current;
      // A single-valued variable the cook set keeps the cook's value: a native layer's other copy is not used.
    }
    env.CARGO_HOME = spec.cargoHome;
  } else {
    env = extra;
  }
  const profile = req.profile ?? spec?.profiles[0] ?? 'release';
  const buildArgs = [...profileArgs(profile), ...(req.locked === false ? [] : ['--locked']), ...(req.target ? ['--target', req.target] : [])];
  const cookEnv = spec ? { ...spec.env, CARGO_HOME: spec.cargoHome } : {};
  return {
    donors: [...(deps ? [deps] : []), ...nativeLayers],
    env: Object.fromEntries(Object.entries(env).sort(byKey)),
    changes: spec ? envChanges(cookEnv, env) : [],
    buildArgs,
    targetDir: spec?.targetDir,
    linked: [...linked].sort().map((n) => catalog.layer(n)!),
    profile,
  };
}

/** The lines of a build stage that follows a plan: copies, environment, build. */
export function buildStageLines(plan: ConsumptionPlan, builder: string, reuseComment?: string): string[] {
  const lines = [`FROM ${builder} AS builder`];
  for (const d of plan.donors) lines.push(...donorCopies(d));
  if (plan.targetDir) {
    lines.push(
      plan.changes.length
        ? `# The cook's environment, with ${plan.changes.map((c) => c.key).join(', ')} changed for the native layers added (the build scripts that read them run again).`
        : `# The cook's environment, unchanged: a variable a build script reads with another value makes cargo rebuild it.`,
    );
  }
  lines.push(...envLines(plan.env));
  if (reuseComment) lines.push(`# ${reuseComment}`);
  lines.push('WORKDIR /src', 'COPY . .', `RUN cargo build ${plan.buildArgs.join(' ')}`.trimEnd());
  if (plan.targetDir) {
    const dir = plan.buildArgs.includes('--target') ? `${plan.targetDir}/${plan.buildArgs[plan.buildArgs.indexOf('--target') + 1]}` : plan.targetDir;
    lines.push(`# Your binaries are in ${dir}/${profileFolder(plan.profile)}/ (CARGO_TARGET_DIR), not in /src/target.`);
  }
  lines.push(...runtimeNotes(plan.linked));
  return lines;
}

/** What a runtime image needs from the native layers: their shared libraries, found through LD_LIBRARY_PATH. */
export function runtimeNotes(donors: readonly Layer[], from?: string): string[] {
  const libs = donors.flatMap((l) => (l.directives.class === 'native-dep' ? [`${l.directives.install.prefix}/lib`] : []));
  if (!libs.length) return [];
  const lines = ['# At run time the binary loads the shared libraries it linked from the native layers; in your runtime image:'];
  for (const l of donors)
    if (l.directives.class === 'native-dep')
      lines.push(`#   COPY --from=${from ?? stageAlias(l)} ${l.directives.install.prefix}/lib ${l.directives.install.prefix}/lib`);
  lines.push(`#   ENV LD_LIBRARY_PATH=${libs.join(':')}`);
  lines.push('# (an rpath in RUSTFLAGS, or a *_STATIC variable, would change the cook conditions and rebuild what they touch)');
  return lines;
}

function profileFolder(profile: string): string {
  return profile === 'dev' || profile === 'test' ? 'debug' : profile === 'bench' ? 'release' : profile;
}

/** The snippet of `lamina consume LAYER --mode MODE` (the caller checks `modeProblem` first). */
export function consumeSnippet(catalog: Catalog, layer: Layer, mode: ConsumeMode, pins?: Pins): string {
  const header = `# lamina layer \`${layer.name}\` (${layer.class}), fingerprint ${layer.fingerprint.slice(0, 12)}`;
  if (layer.class === 'toolchain') return [header, `FROM ${imageRef(layer, pins)} AS builder`].join('\n') + '\n';
  if (isSourceDep(layer)) {
    const spec = cookSpec(catalog, layer);
    const plan = consumptionPlan(catalog, { sourceDep: layer, natives: [] });
    const natives = plan.donors.filter((d) => d !== layer);
    const cooked = `# cooked: profile${spec.profiles.length > 1 ? 's' : ''} ${spec.profiles.join(', ')}, ${spec.target ?? 'the host target'}, in ${spec.targetDir}; built with the native layer(s) ${natives.map((n) => n.name).join(', ') || '—'}`;
    if (mode === 'from') {
      return (
        [
          header,
          cooked,
          `FROM ${imageRef(layer, pins)} AS builder`,
          `# The image passes on: the cooked ${spec.targetDir} (CARGO_TARGET_DIR), the recipe's crates in ${spec.cargoHome}/registry and /git,`,
          `# the native prefixes ${natives.map((n) => (n.directives.class === 'native-dep' ? n.directives.install.prefix : n.name)).join(', ') || '—'}, and the cook's environment:`,
          ...Object.entries(plan.env).map(([k, v]) => `#   ${k}=${v}`),
          '# Build anywhere in it (cargo writes to CARGO_TARGET_DIR) and keep that environment as it is:',
          'WORKDIR /src',
          'COPY . .',
          `RUN cargo build ${plan.buildArgs.join(' ')}`,
          `# Your binaries are in ${spec.targetDir}/${profileFolder(plan.profile)}/.`,
          ...runtimeNotes(natives, 'builder'),
        ].join('\n') + '\n'
      );
    }
    // Without a project, the libraries the recipe itself linked are the ones to expect at run time.
    const recipePlan = { ...plan, linked: natives };
    return (
      [header, cooked, ...plan.donors.map((d) => donorStage(d, pins)), '', ...buildStageLines(recipePlan, toolchainImage(catalog, layer, pins))].join('\n') +
      '\n'
    );
  }
  const plan = consumptionPlan(catalog, { natives: [layer] });
  return (
    [
      header,
      ...plan.donors.map((d) => donorStage(d, pins)),
      '',
      '# in your build stage:',
      ...plan.donors.flatMap(donorCopies),
      ...envLines(plan.env),
      ...runtimeNotes(plan.donors),
    ].join('\n') + '\n'
  );
}

/** The image of the toolchain a layer was built on (its build base, followed up the catalog). */
export function toolchainImage(catalog: Catalog, layer: Layer, pins?: Pins): string {
  let current: Layer | undefined = layer;
  const seen = new Set<string>();
  while (current && !seen.has(current.name)) {
    seen.add(current.name);
    if (current.class === 'toolchain') return imageRef(current, pins);
    if (current.buildBase.kind !== 'layer') return current.buildBase.ref;
    current = catalog.layer(current.buildBase.name);
  }
  return imageRef(layer, pins);
}
