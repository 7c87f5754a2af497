/**
 * `lamina new`: the files of a new layer of one class, valid as written — required values that
 * only the author can know are placeholders marked `TODO` (a placeholder checksum fails the build,
 * never passes it) — so the author starts from a layer that validates and generates, and replaces
 * the TODOs. It follows the shipped catalog's conventions when `layers/catalog.ncl` provides them
 * (registry, pinned Debian image, sccache bucket, install prefixes).
 */
import type { Catalog, LayerClass } from '../model/index.js';

export interface ScaffoldRequest {
  readonly name: string;
  readonly class: LayerClass;
  /** A layer name or a pinned image; default: the catalog's first fitting layer, or its Debian image. */
  readonly base?: string;
  /** What `layers/catalog.ncl` defines (its top-level field names), when it exists. */
  readonly shared: ReadonlySet<string>;
}

/** The top-level field names of `layers/catalog.ncl`'s text (two-space indented `name =`). */
export function sharedFields(text: string | undefined): Set<string> {
  return new Set(
    text === undefined ? [] : [...text.matchAll(/^ {2}([a-z_][a-z0-9_]*)\s*(?:\|[^=\n]*)?=/gm)].flatMap((m) => (m[1] === undefined ? [] : [m[1]])),
  );
}

export type Scaffold = { ok: true; files: Map<string, string> } | { ok: false; problem: string };

export const LAYER_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const PLACEHOLDER_SHA256 = '0'.repeat(64);

export function scaffoldLayer(catalog: Catalog, req: ScaffoldRequest): Scaffold {
  if (!LAYER_NAME.test(req.name)) return { ok: false, problem: `\`${req.name}\` is not a layer name (lowercase letters, digits and single dashes)` };
  if (catalog.layer(req.name)) return { ok: false, problem: `layer \`${req.name}\` already exists (layers/${req.name}/)` };
  const shared = req.shared;
  const base = req.base ?? defaultBase(catalog, req.class);
  let baseExpr: string;
  if (base === undefined) {
    if (req.class !== 'toolchain') {
      return {
        ok: false,
        problem: `a ${req.class} layer builds on a toolchain layer (${req.class === 'source-dep' ? 'rust' : 'cc'}); the catalog has none: give --base`,
      };
    }
    if (!shared.has('images')) return { ok: false, problem: 'a toolchain layer builds on a pinned image: give --base IMAGE (name:tag@sha256:…)' };
    baseExpr = 'catalog.images.debian_bookworm';
  } else if (catalog.layer(base)) {
    const cls = catalog.layer(base)!.class;
    if (req.class !== 'toolchain' && cls !== 'toolchain')
      return { ok: false, problem: `--base \`${base}\` is a ${cls}; a ${req.class} builds on a toolchain layer` };
    baseExpr = JSON.stringify(base);
  } else if (/^[^\s"]+@sha256:[0-9a-f]{64}$/.test(base)) baseExpr = JSON.stringify(base);
  else return { ok: false, problem: `--base \`${base}\` is neither a layer of the catalog nor an image pinned by digest (name:tag@sha256:…)` };
  const dir = `layers/${req.name}`;
  const files = new Map<string, string>();
  const imports = ['let c = import "../../schemas/contracts.ncl" in', ...(shared.size ? ['let catalog = import "../catalog.ncl" in'] : [])];
  const registry = shared.has('registry') ? 'catalog.registry' : '"registry.example/lamina" # TODO: where the catalog publishes';
  files.set(`${dir}/build_directives.ncl`, [...imports, ...directives(req, shared), ''].join('\n'));
  files.set(
    `${dir}/workflow.ncl`,
    [
      ...imports,
      '{',
      `  name = "${req.name}",`,
      `  build_base = ${baseExpr},`,
      `  runtime_base = ${req.class === 'native-dep' ? '"scratch"' : baseExpr},`,
      '  # TODO: the first tag is the one other layers and consumers use (the upstream version).',
      '  tags = ["0.0.0"],',
      `  registry = ${registry},`,
      ...(req.class === 'toolchain'
        ? ['  # Rebuilt weekly besides on change, for Debian security updates (`lamina impact --scheduled weekly`).', "  rebuild = { schedule = 'weekly },"]
        : []),
      '} | c.Workflow',
      '',
    ].join('\n'),
  );
  if (req.class === 'source-dep') {
    files.set(
      `${dir}/recipe/Cargo.toml`,
      [
        '# The dependency set this layer cooks: `cargo chef cook` compiles exactly these crates once,',
        '# so downstream builds of projects with the same dependencies reuse them.',
        '[package]',
        `name = "${req.name}-recipe"`,
        'version = "0.1.0"',
        'edition = "2021"',
        'publish = false',
        '',
        '[dependencies]',
        '# TODO: the crates to pre-cook, e.g. tokio = { version = "1", features = ["full"] }',
        '',
      ].join('\n'),
    );
    files.set(`${dir}/recipe/src/main.rs`, '// Placeholder entry point: the recipe exists for its dependency set.\nfn main() {}\n');
  }
  return { ok: true, files };
}

function directives(req: ScaffoldRequest, shared: ReadonlySet<string>): string[] {
  const head = ['{', `  name = "${req.name}",`, '  summary = "TODO: one line — what this layer provides, and for which crates or projects",'];
  switch (req.class) {
    case 'toolchain':
      return [
        ...head,
        '  toolchain = {',
        "    kind = 'cc, # 'cc (the distro compiler), 'rust or 'node (with an installer)",
        '    version = "0.0.0", # TODO: the exact compiler version installed',
        '  },',
        '  # Debian packages, pinned: `system_packages = debian.pin ["curl"]` with',
        '  # `let debian = import "../bookworm-packages.ncl" in` above.',
        '  system_packages = [],',
        '} | c.Toolchain',
      ];
    case 'source-dep':
      return [
        ...head,
        '  recipe = {',
        '    path = "recipe",',
        '    profiles = ["release"],',
        '  },',
        ...(shared.has('sccache') ? ['  sccache = catalog.sccache,'] : []),
        '} | c.SourceDep',
      ];
    case 'native-dep':
      return [
        ...head,
        '  source = {',
        '    url = "https://example.org/TODO-0.0.0.tar.gz", # TODO: the upstream release tarball',
        '    version = "0.0.0", # TODO',
        `    sha256 = "${PLACEHOLDER_SHA256}", # TODO: the tarball's sha256 (the build refuses other bytes)`,
        '    provenance = [{ method = \'published_checksum, reference = "TODO: where the checksum was confirmed" }],',
        '  },',
        "  build = { system = 'autotools }, # or 'cmake, 'meson, 'custom with commands",
        `  install = { prefix = ${shared.has('prefix') ? `catalog.prefix "${req.name}"` : `"/opt/lamina/${req.name}"`} },`,
        '  serves = [], # TODO: the *-sys crates this library satisfies, e.g. ["libz-sys"]',
        '} | c.NativeDep',
      ];
  }
}

/** The toolchain a class builds on by default: the catalog's first rust (source-dep) or cc (native-dep) layer. */
function defaultBase(catalog: Catalog, cls: LayerClass): string | undefined {
  if (cls === 'toolchain') return undefined;
  const kind = cls === 'source-dep' ? 'rust' : 'cc';
  return catalog.layers.find((l) => l.directives.class === 'toolchain' && l.directives.toolchain.kind === kind)?.name;
}
