// Writes a synthetic catalog of N layers under DIR (deterministic: same N, same files).
//
//   node bench/catalog/synth.mjs N DIR
//
// Shape, roughly like a real catalog grown large: 1% toolchains (on a pinned external base),
// 50% native-deps (build on a toolchain, 0-3 native donors chosen among earlier ones),
// 49% source-deps (build and ship in a toolchain, 1-3 native donors). Every layer imports the
// shared contracts and a shared catalog.ncl, as the shipped layers do.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const IMAGE = 'docker.io/library/debian:bookworm-20250630-slim@sha256:6ac2c08566499cc2415926653cf2ed7c3aedac445675a013cc09469c9e118fdd';

export function synthesise(n, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'layers'), { recursive: true });
  cpSync(join(REPO, 'schemas'), join(dir, 'schemas'), { recursive: true });
  if (existsSync(join(REPO, 'templates'))) cpSync(join(REPO, 'templates'), join(dir, 'templates'), { recursive: true });
  writeFileSync(
    join(dir, 'layers/catalog.ncl'),
    `{\n  registry = "daoreg.librecloud.online/lamina",\n  images = { debian = "${IMAGE}" },\n  sccache = { bucket = "lamina-sccache", region = "eu-west-1" },\n  prefix | not_exported = fun name => "/opt/lamina/%{name}",\n}\n`,
  );
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const toolchains = [];
  const natives = [];
  const width = String(n).length;
  for (let i = 0; i < n; i++) {
    const id = String(i).padStart(width, '0');
    const kind = i < Math.max(2, Math.ceil(n / 100)) ? 'toolchain' : i % 2 === 0 ? 'native' : 'source';
    let name;
    let build;
    let workflow;
    const header = 'let c = import "../../schemas/contracts.ncl" in\nlet catalog = import "../catalog.ncl" in\n';
    if (kind === 'toolchain') {
      name = `tc-${id}`;
      toolchains.push(name);
      build = `${header}{\n  name = "${name}",\n  summary = "toolchain ${id}",\n  toolchain = { kind = 'rust, version = "1.88.0", profile = 'minimal, components = ["rustfmt"] },\n  system_packages = ["ca-certificates=20250419~deb12u2", "curl=7.88.1-10+deb12u15"],\n  tools = [{ name = "cargo-chef", version = "0.1.72" }],\n  env = { CARGO_HOME = "/usr/local/cargo" },\n} | c.Toolchain\n`;
      workflow = `${header}{ name = "${name}", build_base = catalog.images.debian, runtime_base = catalog.images.debian, tags = ["1.88"], registry = catalog.registry } | c.Workflow\n`;
    } else if (kind === 'native') {
      name = `lib-${id}`;
      const donors = [...new Set(Array.from({ length: Math.floor(random() * 4) }, () => (natives.length ? pick(natives) : undefined)).filter(Boolean))].sort();
      natives.push(name);
      build = `${header}let dir = catalog.prefix "${name}" in\n{\n  name = "${name}",\n  summary = "native library ${id}",\n  source = {\n    url = "https://example.org/${name}-1.0.${i}.tar.gz",\n    version = "1.0.${i}",\n    sha256 = "${(i.toString(16) + '0'.repeat(64)).slice(0, 64)}",\n    provenance = [{ method = 'published_checksum, reference = "synthetic" }],\n  },\n  build = { system = 'autotools, flags = ["--disable-static"] },\n  install = { prefix = dir, pkg_config_path = "%{dir}/lib/pkgconfig" },\n  serves = ["${name}-sys"],\n  exports = { LIB_DIR = "%{dir}/lib" },\n} | c.NativeDep\n`;
      workflow = `${header}{ name = "${name}", build_base = "${pick(toolchains)}", runtime_base = "scratch", donors = ${JSON.stringify(donors)}, tags = ["1.0.${i}"], registry = catalog.registry } | c.Workflow\n`;
    } else {
      name = `deps-${id}`;
      const donors = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(natives)))].sort();
      const tc = pick(toolchains);
      build = `${header}{\n  name = "${name}",\n  summary = "dependency cache ${id}",\n  recipe = { path = "recipe", features = ["full"] },\n  sccache = catalog.sccache,\n  env = { RUSTFLAGS = "-C debuginfo=0" },\n} | c.SourceDep\n`;
      workflow = `${header}{ name = "${name}", build_base = "${tc}", runtime_base = "${tc}", donors = ${JSON.stringify(donors)}, tags = ["1.88"], registry = catalog.registry } | c.Workflow\n`;
    }
    mkdirSync(join(dir, 'layers', name), { recursive: true });
    writeFileSync(join(dir, 'layers', name, 'build_directives.ncl'), build);
    writeFileSync(join(dir, 'layers', name, 'workflow.ncl'), workflow);
    if (kind === 'source') {
      mkdirSync(join(dir, 'layers', name, 'recipe'), { recursive: true });
      writeFileSync(join(dir, 'layers', name, 'recipe', 'Cargo.toml'), `[package]\nname = "${name}"\nversion = "0.0.0"\nedition = "2021"\n`);
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  synthesise(Number(process.argv[2]), resolve(process.argv[3]));
}
