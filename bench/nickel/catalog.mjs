// Text of a synthetic lamina catalog: a shared contracts library, and per layer a
// `build_directives.ncl` and a `workflow.ncl` written the way layer authors write them (record
// contracts, defaults, `&` of a base with overrides, interpolation, std.array.map, cross-layer
// imports), plus a `catalog.ncl` that imports every layer. Only shapes and sizes are synthetic.

import { seededRandom } from './prng.mjs';

export const CONTRACTS_PATH = 'lib/contracts.ncl';

/** The contracts library every layer file imports. */
export const CONTRACTS = `# Contracts and base records shared by every layer of the catalog.
let NonEmpty
  | doc "A string with at least one character."
  = std.contract.from_predicate (fun s => std.is_string s && std.string.length s > 0)
in
let Sha256 = std.contract.from_predicate (fun s => std.is_string s && std.string.is_match "^[0-9a-f]{64}$" s) in
let LayerName = std.contract.from_validator (fun s =>
  if std.is_string s && std.string.is_match "^[a-z][a-z0-9]*(-[a-z0-9]+)*$" s then 'Ok
  else 'Error { message = "a layer name is lowercase letters, digits and single dashes" })
in
let LayerClass = [| 'toolchain, '"source-dep", '"native-dep" |] in
let Platform = [| 'amd64, 'arm64, 'riscv64 |] in
let Image = {
  name | NonEmpty,
  tag | String | default = "latest",
  digest | Sha256 | optional,
  registry | String | default = "docker.io",
} in
let Step = {
  name | NonEmpty,
  run | String,
  cache_mount | String | optional,
  secret | String | optional,
} in
let Tool = { name | NonEmpty, version | String, run | String } in
let Source = { url | NonEmpty, sha256 | Sha256, strip_components | Number | default = 1 } in
let Sccache = {
  bucket | NonEmpty,
  region | String | default = "eu-west-1",
  secret_id | String | default = "sccache_aws",
} in
{
  BuildDirectives = {
    name | LayerName | doc "Layer name, also the image name in the registry.",
    class | LayerClass,
    version | String,
    description | String | optional,
    base | Image,
    packages | Array String,
    env | { _ : String },
    jobs | Number,
    steps | Array Step,
    tools | Array Tool | default = [],
    source | Source | optional,
    configure | Array String | default = [],
    prefix | String | optional,
    recipe | { manifest | String, features | Array String } | optional,
    sccache | Sccache | optional,
    cache | { enabled | Bool, paths | Array String },
    labels | { _ : String } | default = {},
  },
  Workflow = {
    layer | LayerName,
    build_base | NonEmpty | doc "A catalog layer name or a pinned external image.",
    runtime_base | String,
    donors | Array String | default = [],
    tags | Array String,
    platforms | Array Platform,
    triggers | { paths | Array String, schedule | String | optional },
    priority | Number,
    cache_from | Array { type | String, ref | String } | default = [],
    publish | Bool,
    parent_version | String | optional,
  },
  directive_defaults = {
    packages | default = [],
    env | default = { DEBIAN_FRONTEND = "noninteractive", LANG = "C.UTF-8" },
    jobs | default = 4,
    cache = { enabled | default = true, paths | default = [] },
  },
  workflow_defaults = {
    runtime_base | default = "scratch",
    platforms | default = ['amd64],
    priority | default = 5,
    publish | default = true,
  },
  registry = "registry.example.org/lamina",
  make_steps
    | doc "One build step per make target, run with the layer's parallelism."
    = fun jobs targets =>
      std.array.map (fun t => { name = t, run = "make %{t} -j%{std.string.from_number jobs}" }) targets,
}
`;

const DISTROS = [
  ['debian', 'bookworm-slim'],
  ['debian', 'trixie-slim'],
  ['ubuntu', '24.04'],
  ['alpine', '3.20'],
];
const PACKAGES = [
  'ssl',
  'zstd',
  'curl4-openssl',
  'xml2',
  'sqlite3',
  'pq',
  'protobuf',
  'rdkafka',
  'lz4',
  'bz2',
  'ffi',
  'yaml',
  'gmp',
  'pcre2',
  'icu',
  'z',
  'uring',
  'seccomp',
  'cap',
  'udev',
];
const TOOLS = [
  ['cargo-chef', '0.1.68'],
  ['sccache', '0.8.2'],
  ['cargo-nextest', '0.9.72'],
  ['cargo-deny', '0.16.1'],
  ['just', '1.34.0'],
  ['cargo-audit', '0.20.1'],
  ['wasm-pack', '0.13.0'],
];
const FEATURES = ['tls', 'json', 'tracing', 'postgres', 'sqlite', 'http2', 'compression', 'metrics'];
const CLASSES = ['toolchain', 'source-dep', 'native-dep'];

export const layerName = (i) => `layer-${String(i).padStart(4, '0')}`;
const version = (r) => `${r.int(0, 3)}.${r.int(0, 40)}.${r.int(0, 12)}`;
const quoteList = (items) => `[${items.map((s) => `"${s}"`).join(', ')}]`;

/**
 * One layer: its class, its parent (a previous layer, so the graph stays acyclic) and the text of
 * its two files.
 */
export function layerFiles(i, seed) {
  const r = seededRandom(seed * 1_000_003 + i);
  const name = layerName(i);
  const cls = i < 3 ? CLASSES[i] : r.pick(CLASSES);
  const parent = i === 0 ? null : layerName(r.int(Math.max(0, i - 50), i - 1));
  const [distro, distroTag] = r.pick(DISTROS);
  const pkgs = r.sample(PACKAGES, r.int(1, 5));
  const steps = r.sample(['fetch', 'configure', 'build', 'test', 'install', 'strip', 'verify'], r.int(1, 3));
  const classTag = cls === 'toolchain' ? `'toolchain` : `'"${cls}"`;

  let classFields;
  if (cls === 'toolchain') {
    const tools = r.sample(TOOLS, r.int(1, 2));
    classFields = `  tools = std.array.map
    (fun t => t & { run = "cargo install --locked %{t.name} --version %{t.version}" })
    [${tools.map(([n, v]) => `{ name = "${n}", version = "${v}" }`).join(', ')}],`;
  } else if (cls === 'source-dep') {
    classFields = `  recipe = { manifest = "%{name}/Cargo.toml", features = ${quoteList(r.sample(FEATURES, r.int(1, 4)))} },
  sccache = { bucket = "lamina-sccache-%{std.string.from_number ${r.int(1, 9)}}" },
  cache.paths = ["/usr/local/cargo/registry"],`;
  } else {
    classFields = `  source = {
    url = "https://dl.example.org/%{name}-%{version}.tar.gz",
    sha256 = "${r.hex(64)}",
  },
  prefix = "/opt/%{name}",
  configure = std.array.map (fun flag => "--%{flag}") ["enable-static"${r.bool() ? ', "with-pic"' : ''}],`;
  }

  const build = `let c = import "../../${CONTRACTS_PATH}" in
let layer_name = "${name}" in
(c.directive_defaults & {
  name = layer_name,
  class = ${classTag},
  version = "${version(r)}",
${r.bool(0.25) ? '  description = "Synthetic %{name} at %{version}",\n' : ''}  base = { name = "${distro}", tag = "${distroTag}" },
  packages = std.array.map (fun p => "lib%{p}-dev") ${quoteList(pkgs)},
  jobs = ${r.pick([2, 4, 8, 16])},
  steps = c.make_steps jobs ${quoteList(steps)},
${classFields}
${cls === 'toolchain' ? '  labels = { "org.opencontainers.image.version" = version },\n' : ''}}) | c.BuildDirectives
`;

  const donors =
    i < 10
      ? []
      : r.sample(
          [...Array(Math.min(i, 40)).keys()].map((k) => layerName(i - 1 - k)),
          r.int(0, 2),
        );
  const platforms = r.sample(['amd64', 'arm64', 'riscv64'], r.int(1, 3)).map((p) => `'${p}`);
  const parentImport = parent ? `let parent = import "../${parent}/build_directives.ncl" in\n` : '';
  const workflow = `let c = import "../../${CONTRACTS_PATH}" in
${parentImport}let layer_name = "${name}" in
(c.workflow_defaults & {
  layer = layer_name,
  build_base = ${parent ? `"${parent}"` : `"${distro}:${distroTag}"`},
${r.bool(0.3) ? `  runtime_base = "${distro}:${distroTag}",\n` : ''}${donors.length ? `  donors = ${quoteList(donors)},\n` : ''}  tags = std.array.map (fun t => "%{c.registry}/%{layer_name}:%{t}") ["latest", "${i % 7 === 0 ? 'stable' : 'edge'}"${parent ? ', parent.version' : ''}],
  platforms = [${platforms.join(', ')}],
  triggers.paths = ["layers/%{layer_name}/**"],
${r.bool(0.2) ? `  triggers.schedule = "0 ${r.int(0, 23)} * * ${r.int(0, 6)}",\n` : ''}  priority = ${r.int(1, 9)},
${r.bool(0.3) ? '  cache_from = [{ type = "registry", ref = "%{c.registry}/%{layer_name}:cache" }],\n' : ''}${parent ? '  parent_version = parent.version,\n' : ''}})
| c.Workflow
`;
  return { name, build, workflow };
}

/** The catalog entry point: a record of every layer, each with its two files. */
export function catalogFile(count) {
  const lines = ['# Every layer of the catalog, as one record.', '{'];
  for (let i = 0; i < count; i++) {
    const n = layerName(i);
    lines.push(`  "${n}" = { build = import "layers/${n}/build_directives.ncl", workflow = import "layers/${n}/workflow.ncl" },`);
  }
  lines.push('}', '');
  return lines.join('\n');
}
