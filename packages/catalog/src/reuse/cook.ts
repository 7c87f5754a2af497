/**
 * What a source-dep layer's cook step is, as data shared by the Dockerfile it is generated into
 * and the snippets consumers follow: one definition, so the consumer's environment and paths are
 * the cook's byte for byte (cargo reruns a build script when a variable it reads changes, and a
 * cooked target directory is only fresh at the absolute path it was cooked at).
 */
import { posix } from 'node:path';
import { inheritedEnv } from '../generate/refs.js';
import type { Catalog, Layer, SourceDepDirectives } from '../model/index.js';
import { byKey } from '../model/order.js';

export const DEFAULT_CARGO_HOME = '/usr/local/cargo';

export interface CookSpec {
  /** Cargo profiles cooked, in the order declared (the first is the one snippets build with). */
  readonly profiles: readonly string[];
  /** `--target` of the cook (a cross target), or undefined for the image's host. */
  readonly target: string | undefined;
  readonly features: readonly string[];
  readonly noDefaultFeatures: boolean;
  /** Where the recipe is cooked (WORKDIR of the cook step). */
  readonly workdir: string;
  /** The absolute target directory: CARGO_TARGET_DIR of the cook step and of every consumer. */
  readonly targetDir: string;
  readonly cargoHome: string;
  /** The environment of the cook step (ENV of the build stage), sorted by name. */
  readonly env: Readonly<Record<string, string>>;
}

export function cookSpec(catalog: Catalog, layer: Layer & { directives: SourceDepDirectives }): CookSpec {
  const d = layer.directives;
  const workdir = d.recipe.workdir.replace(/\/+$/, '') || '/';
  const targetDir = posix.join(workdir, 'target');
  const env: Record<string, string> = { ...d.env };
  if (d.sccache.enabled) {
    env.RUSTC_WRAPPER = 'sccache';
    env.CARGO_INCREMENTAL = '0';
  }
  env.CARGO_TARGET_DIR = targetDir;
  return {
    profiles: d.recipe.profiles,
    target: d.recipe.target,
    features: d.recipe.features,
    noDefaultFeatures: d.recipe.no_default_features,
    workdir,
    targetDir,
    cargoHome: d.env.CARGO_HOME ?? inheritedEnv(catalog, layer, 'CARGO_HOME') ?? DEFAULT_CARGO_HOME,
    env: Object.fromEntries(Object.entries(env).sort(byKey)),
  };
}

/** `cargo chef cook` / `cargo build` arguments selecting one profile of the cook. */
export function profileArgs(profile: string): string[] {
  return profile === 'release' ? ['--release'] : ['--profile', profile];
}

/** The toolchain layer a layer is built on (following build bases), and its Rust version. */
export function toolchainOf(catalog: Catalog, layer: Layer): { name: string; version: string } | undefined {
  const seen = new Set<string>();
  let current: Layer | undefined = layer;
  while (current && !seen.has(current.name)) {
    seen.add(current.name);
    const d = current.directives;
    if (d.class === 'toolchain' && d.toolchain.kind === 'rust') return { name: current.name, version: d.toolchain.version };
    current = current.buildBase.kind === 'layer' ? catalog.layer(current.buildBase.name) : undefined;
  }
  return undefined;
}
