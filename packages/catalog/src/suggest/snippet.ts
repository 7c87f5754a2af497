/**
 * Dockerfile snippets that consume a layer, in the two modes of the design:
 * - `from`: the layer is the build stage's base (`FROM <ref> AS builder`) — toolchains, and
 *   source-dep layers, which ship inside their toolchain;
 * - `donor`: the layer is a named stage whose artifact paths are copied into the build stage —
 *   a source-dep's `outputs`, a native-dep's `install.prefix` plus its `exports` as ENV.
 * The reference is the canonical (first) tag, which the catalog pins per layer.
 */
import type { Layer } from '../model/index.js';

export type ConsumeMode = 'from' | 'donor';

export function imageRef(layer: Layer): string {
  return `${layer.workflow.registry}/${layer.name}:${layer.workflow.tags[0]}`;
}

/** The mode a layer is consumed in when none is asked for. */
export function defaultMode(layer: Layer): ConsumeMode {
  return layer.class === 'toolchain' ? 'from' : 'donor';
}

/** Why a layer cannot be consumed in `mode`, or undefined when it can. */
export function modeProblem(layer: Layer, mode: ConsumeMode): string | undefined {
  if (mode === 'donor' && layer.class === 'toolchain') return `\`${layer.name}\` is a toolchain layer: it has no artifact to copy, consume it with --mode from`;
  // A layer shipped on `scratch` holds its artifact and nothing to build with.
  if (mode === 'from' && layer.workflow.runtime_base === 'scratch') return `\`${layer.name}\` is a ${layer.class} layer shipped on scratch (its artifact alone, no toolchain): consume it with --mode donor`;
  return undefined;
}

/** The stage alias a donor gets in a snippet (`rustelo-deps`, `openssl-prefix`). */
export function stageAlias(layer: Layer): string {
  return layer.class === 'source-dep' ? `${layer.name}-deps` : `${layer.name}-prefix`;
}

/** The `FROM … AS alias` line of a donor stage. */
export function donorStage(layer: Layer): string {
  return `FROM ${imageRef(layer)} AS ${stageAlias(layer)}`;
}

/** The COPY lines that take a donor's artifact into the current stage. */
export function donorCopies(layer: Layer): string[] {
  const alias = stageAlias(layer);
  const d = layer.directives;
  if (d.class === 'source-dep') {
    // The cooked target/ lands in the consumer's WORKDIR, where its own `cargo build` looks.
    const target = `${d.recipe.workdir.replace(/\/+$/, '')}/target`;
    return d.outputs.map((p) => `COPY --from=${alias} ${p} ${p === target ? 'target' : p}`);
  }
  if (d.class === 'native-dep') return [`COPY --from=${alias} ${d.install.prefix} ${d.install.prefix}`];
  return [];
}

/**
 * The environment a consumer sets for a donor: a native-dep's `exports` (plus its pkg-config
 * directory), a source-dep's cook `env` — build scripts that read these variables
 * (`cargo:rerun-if-env-changed`) would otherwise rebuild what the layer cooked.
 */
export function donorEnv(layer: Layer): Record<string, string> {
  const d = layer.directives;
  if (d.class === 'native-dep') {
    const env: Record<string, string> = { ...d.exports };
    if (d.install.pkg_config_path && env.PKG_CONFIG_PATH === undefined) env.PKG_CONFIG_PATH = d.install.pkg_config_path;
    return env;
  }
  if (d.class === 'source-dep') return { ...d.env };
  return {};
}

/** Variables holding `:`-separated lists: merged across donors instead of overwritten. */
const PATH_LISTS = new Set(['PKG_CONFIG_PATH', 'LD_LIBRARY_PATH', 'LIBRARY_PATH', 'CPATH', 'PATH']);

/** One environment from several donors' (in order); list variables are unioned, in first-seen order. */
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
  for (const [k, list] of lists) out[k] = [...list, `\${${k}}`].join(':');
  return out;
}

/** `ENV A=… \\n    B=…` with the variables sorted, or nothing for an empty environment. */
export function envLines(env: Record<string, string>): string[] {
  const keys = Object.keys(env).sort();
  return keys.length ? [`ENV ${keys.map((k) => `${k}=${quote(env[k]!)}`).join(' \\\n    ')}`] : [];
}

/** The snippet of `lamina consume LAYER --mode MODE` (the caller checks `modeProblem` first). */
export function consumeSnippet(layer: Layer, mode: ConsumeMode): string {
  const header = `# lamina layer \`${layer.name}\` (${layer.class}), fingerprint ${layer.fingerprint.slice(0, 12)}`;
  const built = layer.workflow.donors.length ? [`# built with the donor layer(s) ${layer.workflow.donors.join(', ')}: consume them too (\`lamina consume <donor>\`)`] : [];
  if (mode === 'from') return [header, ...built, `FROM ${imageRef(layer)} AS builder`].join('\n') + '\n';
  return [header, ...built, donorStage(layer), '', '# in your build stage:', ...donorCopies(layer), ...envLines(mergeEnv([donorEnv(layer)]))].join('\n') + '\n';
}

function quote(v: string): string {
  return /^[A-Za-z0-9_./:${}-]+$/.test(v) ? v : JSON.stringify(v);
}
