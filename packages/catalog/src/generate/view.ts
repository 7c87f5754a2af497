/**
 * View models: everything a Dockerfile template prints, computed from the typed layer, with every
 * value already quoted for where it lands (quote.ts). Templates only place these strings and
 * iterate lists; booleans choose among a class's variants (build system, toolchain kind).
 */
import type { Catalog, Layer, NativeDepDirectives, SourceDepDirectives, ToolchainDirectives } from '../model/index.js';
import { dockerPair, shellWord, shellWords } from './quote.js';
import { cookSpec, DEFAULT_CARGO_HOME, profileArgs } from '../reuse/cook.js';
import { COOK_MANIFEST, cookManifestFile, type SourceDepLayer } from '../reuse/manifest.js';
import { baseImage, canonicalRef, inheritedEnv, requireLayer } from './refs.js';
import { sortedEntries } from '../model/order.js';

/** The Dockerfile frontend every generated file pins (BuildKit; buildah ignores the directive). */
export const DOCKERFILE_SYNTAX = 'docker/dockerfile:1.10';

const DEFAULT_RUSTUP_HOME = '/usr/local/rustup';
const NODE_PREFIX = '/usr/local/node';
const STANDARD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** Where shared download caches are mounted while a RUN needs them. */
const CACHE_ROOT = '/var/cache/lamina';
/** CARGO_HOME's download folders: on the cache mount while cooking, never in the image. */
const CARGO_DOWNLOADS = ['registry/index', 'registry/cache', 'git/db'];

export interface CommonView {
  syntax: string;
  layer: string;
  class: string;
  /** Build context of the bake target, relative to the catalog root. */
  context: string;
  fingerprint: string;
  /** `key="value"` pairs of the final stage's LABEL, sorted by key. */
  labels: string[];
}

interface Donor {
  /** Fully qualified reference of the donor image. */
  ref: string;
  /** Paths copied from it (its prefix or outputs), quoted. */
  paths: string[];
}

export interface ToolchainView extends CommonView {
  from: string;
  env: string[];
  packages: string[];
  installer: null | {
    name: string;
    downloads: { platform: string; url: string; sha256: string }[];
    rust: null | { args: string };
    node: null | { prefix: string };
  };
  /** A rust toolchain without installer: targets and components added with rustup (null: none). */
  rustup: { targets: string | null; components: string | null; toolchain: string };
  crates: { cargoHome: string; spec: string; features: string; download: null | { url: string; sha256: string; dir: string } }[];
  corepack: { spec: string }[];
  npm: { spec: string; download: null | { url: string; sha256: string } }[];
  verify: string[];
}

export interface SourceDepView extends CommonView {
  build: { from: string };
  runtime: { separate: boolean; from: string };
  workdir: string;
  recipePath: string;
  packages: string[];
  env: string[];
  donors: Donor[];
  sccache: null | { args: string[]; secretId: string; secretFile: string; cacheId: string; dir: string };
  cargoHome: string;
  /** Download folders of CARGO_HOME linked to the cache mount while cooking. */
  cargoLinks: { path: string; cache: string }[];
  cacheId: string;
  cacheRoot: string;
  /** The .crate files on the cache mount. */
  crateCache: string;
  /** `cargo chef cook` arguments, one entry per cooked profile. */
  cooks: string[];
  targetDir: string;
  /** The cook manifest's file name when the layer has one (copied next to the recipe). */
  manifest: string | null;
  outputs: string[];
}

export interface NativeDepView extends CommonView {
  build: {
    from: string;
    /** WORKDIR of the build when the sources are in a subfolder of the tarball, else null. */
    subdir: string | null;
    autotools: boolean;
    cmake: boolean;
    make: boolean;
    configure: string;
    flags: string;
    installTarget: string;
    commands: string[];
  };
  runtime: { from: string };
  packages: string[];
  env: string[];
  donors: Donor[];
  source: { urls: string; sha256: string; strip: string };
  prefix: string;
  exports: string[];
}

export type DockerfileView = ToolchainView | SourceDepView | NativeDepView;

/**
 * What a layer's Dockerfile template prints. `fingerprint` is the value of its fingerprint label:
 * the layer's own, or a stand-in while the fingerprint itself is being computed (fingerprint/).
 */
export function dockerfileView(catalog: Catalog, layer: Layer, fingerprint: string = layer.fingerprint): DockerfileView {
  const d = layer.directives;
  switch (d.class) {
    case 'toolchain':
      return toolchainView(catalog, layer, d, fingerprint);
    case 'source-dep':
      return sourceDepView(catalog, layer, d, fingerprint);
    case 'native-dep':
      return nativeDepView(catalog, layer, d, fingerprint);
  }
}

function common(layer: Layer, runtimeFrom: string, fingerprint: string): CommonView {
  const labels: Record<string, string> = { ...layer.directives.labels };
  labels['org.opencontainers.image.title'] = layer.name;
  labels['org.opencontainers.image.description'] = layer.directives.summary;
  const version = layer.workflow.tags[0]; // the workflow schema requires one tag at least
  if (version !== undefined) labels['org.opencontainers.image.version'] = version;
  if (runtimeFrom !== 'scratch') labels['org.opencontainers.image.base.name'] = runtimeFrom;
  labels['online.librecloud.lamina.layer'] = layer.name;
  labels['online.librecloud.lamina.class'] = layer.class;
  labels['online.librecloud.lamina.fingerprint'] = fingerprint;
  return {
    syntax: DOCKERFILE_SYNTAX,
    layer: layer.name,
    class: layer.class,
    context: layer.dir,
    fingerprint,
    labels: sortedEntries(labels).map(([k, v]) => dockerPair(k, v)),
  };
}

function envPairs(env: Readonly<Record<string, string>>): string[] {
  return sortedEntries(env).map(([k, v]) => dockerPair(k, v));
}

function toolchainView(catalog: Catalog, layer: Layer, d: ToolchainDirectives, fingerprint: string): ToolchainView {
  const from = baseImage(catalog, layer.buildBase);
  const tc = d.toolchain;
  const env: Record<string, string> = { ...d.env };
  // rustup installs where RUSTUP_HOME / CARGO_HOME say; without them it would use root's home and
  // the tools installed next would not be on PATH.
  if (tc.kind === 'rust' && tc.installer) {
    env.RUSTUP_HOME ??= DEFAULT_RUSTUP_HOME;
    env.CARGO_HOME ??= DEFAULT_CARGO_HOME;
    env.PATH ??= `${env.CARGO_HOME}/bin:${STANDARD_PATH}`;
  }
  if (tc.kind === 'node' && tc.installer) env.PATH ??= `${NODE_PREFIX}/bin:${STANDARD_PATH}`;
  const cargoHome = env.CARGO_HOME ?? inheritedEnv(catalog, layer, 'CARGO_HOME') ?? DEFAULT_CARGO_HOME;
  const rustupArgs: string[] = [];
  if (tc.kind === 'rust') {
    rustupArgs.push('-y', '--no-modify-path', '--default-toolchain', tc.version);
    if (tc.profile) rustupArgs.push('--profile', tc.profile);
    if (tc.components.length > 0) rustupArgs.push('--component', tc.components.join(','));
    if (tc.targets.length > 0) rustupArgs.push('--target', tc.targets.join(','));
  }
  const installer = tc.installer
    ? {
        name: tc.installer.name,
        downloads: sortedEntries(tc.installer.downloads).map(([platform, dl]) => {
          return { platform: shellWord(platform), url: shellWord(dl.url), sha256: shellWord(dl.sha256) };
        }),
        rust: tc.kind === 'rust' ? { args: shellWords(rustupArgs) } : null,
        node: tc.kind === 'node' ? { prefix: shellWord(NODE_PREFIX) } : null,
      }
    : null;
  // Without an installer, a rust layer adds targets and components to the toolchain of its base.
  const addToBase = tc.kind === 'rust' && !tc.installer;
  const rustup = {
    targets: addToBase && tc.targets.length > 0 ? shellWords(tc.targets) : null,
    components: addToBase && tc.components.length > 0 ? shellWords(tc.components) : null,
    toolchain: shellWord(tc.version),
  };
  const verify = tc.kind === 'rust' ? ['rustc --version', 'cargo --version'] : tc.kind === 'node' ? ['node --version'] : ['cc --version'];
  const crates = d.tools
    .filter((t) => t.source === 'crates_io')
    .map((t, i) => ({
      cargoHome: shellWord(cargoHome),
      spec: shellWords(['--version', t.version, t.name]),
      features: t.features.length > 0 ? ` --features ${shellWord(t.features.join(','))}` : '',
      download: t.checksum
        ? {
            url: shellWord(`https://static.crates.io/crates/${t.name}/${t.name}-${t.version}.crate`),
            sha256: shellWord(t.checksum),
            dir: `/tmp/lamina-crate-${i}`,
          }
        : null,
    }));
  return {
    ...common(layer, from, fingerprint),
    from,
    env: envPairs(env),
    packages: d.system_packages.map(shellWord),
    installer,
    rustup,
    crates,
    // corepack checks a `+sha256.<hex>` suffix against the package manager's tarball itself.
    corepack: d.tools
      .filter((t) => t.source === 'corepack')
      .map((t) => ({ spec: shellWord(`${t.name}@${t.version}${t.checksum ? `+sha256.${t.checksum}` : ''}`) })),
    npm: d.tools
      .filter((t) => t.source === 'npm')
      .map((t) => ({
        spec: shellWord(`${t.name}@${t.version}`),
        download: t.checksum ? { url: shellWord(`https://registry.npmjs.org/${t.name}/-/${t.name}-${t.version}.tgz`), sha256: shellWord(t.checksum) } : null,
      })),
    verify,
  };
}

function donorsOf(catalog: Catalog, layer: Layer): Donor[] {
  return layer.workflow.donors.map((name) => {
    const donor = requireLayer(catalog, name);
    const dd = donor.directives;
    const paths = dd.class === 'native-dep' ? [dd.install.prefix] : dd.class === 'source-dep' ? [...dd.outputs] : [];
    return { ref: canonicalRef(donor), paths: paths.map(shellWord) };
  });
}

function sourceDepView(catalog: Catalog, layer: Layer, d: SourceDepDirectives, fingerprint: string): SourceDepView {
  const buildFrom = baseImage(catalog, layer.buildBase);
  const runtimeFrom = baseImage(catalog, layer.runtimeBase);
  const spec = cookSpec(catalog, layer as SourceDepLayer);
  const sc = d.sccache;
  const args = sc.enabled
    ? [
        dockerPair('SCCACHE_BUCKET', sc.bucket),
        dockerPair('SCCACHE_REGION', sc.region),
        dockerPair('SCCACHE_S3_KEY_PREFIX', sc.key_prefix),
        ...(sc.endpoint !== undefined ? [dockerPair('SCCACHE_ENDPOINT', sc.endpoint)] : []),
      ]
    : [];
  const selection: string[] = [];
  if (d.recipe.target !== undefined) selection.push('--target', d.recipe.target);
  if (d.recipe.no_default_features) selection.push('--no-default-features');
  if (d.recipe.features.length > 0) selection.push('--features', d.recipe.features.join(','));
  const cacheRoot = `${CACHE_ROOT}/cargo`;
  const hasManifest = layer.inputFiles.includes(cookManifestFile(layer));
  return {
    ...common(layer, runtimeFrom, fingerprint),
    build: { from: buildFrom },
    runtime: { separate: runtimeFrom !== buildFrom, from: runtimeFrom },
    workdir: shellWord(spec.workdir),
    recipePath: shellWord(`${d.recipe.path}/`),
    packages: d.system_packages.map(shellWord),
    env: envPairs(spec.env),
    donors: donorsOf(catalog, layer),
    sccache: sc.enabled
      ? {
          args,
          secretId: sc.auth_secret_id,
          secretFile: shellWord(`/run/secrets/${sc.auth_secret_id}`),
          cacheId: 'lamina-sccache',
          dir: shellWord(`${CACHE_ROOT}/sccache`),
        }
      : null,
    cargoHome: shellWord(spec.cargoHome),
    cargoLinks: CARGO_DOWNLOADS.map((dir) => ({ path: shellWord(`${spec.cargoHome}/${dir}`), cache: shellWord(`${cacheRoot}/${dir}`) })),
    cacheId: 'lamina-cargo',
    cacheRoot: shellWord(cacheRoot),
    crateCache: shellWord(`${cacheRoot}/registry/cache`),
    cooks: spec.profiles.map((p) => shellWords([...profileArgs(p), ...selection])),
    targetDir: spec.targetDir,
    manifest: hasManifest ? COOK_MANIFEST : null,
    outputs: d.outputs.map(shellWord),
  };
}

function nativeDepView(catalog: Catalog, layer: Layer, d: NativeDepDirectives, fingerprint: string): NativeDepView {
  const runtimeFrom = baseImage(catalog, layer.runtimeBase);
  const b = d.build;
  const flags = b.flags.length > 0 ? ` ${shellWords(b.flags)}` : '';
  return {
    ...common(layer, runtimeFrom, fingerprint),
    build: {
      from: baseImage(catalog, layer.buildBase),
      subdir: b.source_subdir !== undefined ? shellWord(`/lamina/src/${b.source_subdir}`) : null,
      autotools: b.system === 'autotools',
      cmake: b.system === 'cmake',
      make: b.system === 'make',
      configure: shellWord(`./${b.configure_script}`),
      flags,
      installTarget: shellWord(b.install_target),
      // Custom commands are shell by design (the layer author's script); safety.ts has made sure
      // each stays one line inside its own RUN.
      commands: b.system === 'custom' ? [...b.commands] : [],
    },
    runtime: { from: runtimeFrom },
    packages: d.system_packages.map(shellWord),
    env: envPairs(b.env),
    donors: donorsOf(catalog, layer),
    source: {
      urls: shellWords([d.source.url, ...d.source.mirrors]),
      sha256: shellWord(d.source.sha256),
      strip: String(d.source.strip_components),
    },
    prefix: shellWord(d.install.prefix),
    exports: envPairs(d.exports),
  };
}
