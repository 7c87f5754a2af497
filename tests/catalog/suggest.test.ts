/** `suggestFor`: toolchain, source-dep ranking, native-dep layers and the snippet, on the fixture projects in projects/. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cargoCompatible, cargoRange, cargoSatisfies, loadCatalog, readProject, suggestFor, type Suggestion } from '../../packages/catalog/src/index.js';
import { REPO } from './support.js';

const catalog = loadCatalog(REPO);
const project = (name: string): string => join(REPO, 'tests/catalog/projects', name);

function suggest(name: string): Suggestion {
  const r = suggestFor(catalog, project(name));
  if (!r.ok) throw new Error(`${r.error.file}:${r.error.line}:${r.error.col}: ${r.error.message}`);
  return r.suggestion;
}

const temps: string[] = [];
function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lamina-suggest-'));
  temps.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
test.after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

test('the shipped catalog loads', () => {
  assert.ok(catalog.ok, catalog.diagnostics.map((d) => d.message).join('\n'));
});

test('cargo compatibility: same major ≥ 1, same minor for 0.x, same patch for 0.0.x', () => {
  assert.ok(cargoCompatible('1.45.0', '1.47.1'));
  assert.not.ok(cargoCompatible('1.45.0', '2.0.0'));
  assert.ok(cargoCompatible('0.8.1', '0.8.9'));
  assert.not.ok(cargoCompatible('0.7.9', '0.8.0'));
  assert.not.ok(cargoCompatible('0.0.3', '0.0.4'));
  assert.not.ok(cargoCompatible('not-a-version', 'not-a-version'));
});

test('cargo requirements: bare versions are caret requirements, commas are conjunctions', () => {
  assert.ok(cargoSatisfies('4.5.30', '4.5'));
  assert.not.ok(cargoSatisfies('4.4.0', '4.5'));
  assert.ok(cargoSatisfies('1.47.0', '>=1.40, <2'));
  assert.not.ok(cargoSatisfies('4.8.1', '=4.8.0'));
  assert.ok(cargoSatisfies('0.3.9', '~0.3'));
  assert.ok(cargoSatisfies('3.0.0', '*'));
  assert.not.ok(cargoSatisfies('0.8.1', '0.7'));
  assert.is(cargoRange('nonsense!'), undefined);
});

test('axum/sqlx service: rustelo ranks first by the units cargo would find Fresh', () => {
  const s = suggest('axum-sqlx-service');
  assert.is(s.basis, 'Cargo.lock');
  assert.equal(s.build, { profile: 'release', platform: 'linux/amd64', target: null, dev: false });
  const best = s.sourceDeps[0]!;
  assert.is(best.name, 'rustelo');
  const r = best.reuse!;
  assert.ok(r, best.reuseNote);
  assert.is(r.total, s.units);
  assert.is(best.score, r.units);
  assert.ok(r.units > r.total / 2 && r.units < r.total, `${r.units} of ${r.total}`);
  // Every unit that is not reusable says why, and the summary counts them.
  assert.is(r.blockers.length, r.total - r.units);
  assert.is(
    Object.values(r.summary).reduce((a, b) => a + b, 0),
    r.blockers.length,
  );
  // "Covered" is Fresh, not semver-compatible: a package locked at another version than rustelo cooked is not.
  for (const b of r.blockers.filter((x) => x.kind === 'version-differs')) assert.match(b.detail, /the project locks \S+ \S+; the layer cooked /);
  assert.ok(best.covered.some((c) => c.startsWith('bytes@')));
  assert.ok(
    r.blockers.some((b) => b.unit.startsWith('tokio@') && b.kind === 'features-differ'),
    'tokio is cooked with other features',
  );
  for (const c of best.covered) assert.not.ok(best.missing.includes(c));
  // Ranked by score, then name.
  for (let i = 1; i < s.sourceDeps.length; i++) assert.ok(s.sourceDeps[i - 1]!.score >= s.sourceDeps[i]!.score);
  assert.is(s.toolchain.layer, 'rust');
  assert.ok(s.toolchain.matches);
  assert.match(s.toolchain.reason, /rust-version 1\.88 is a minimum/);
  assert.equal(s.nativeDeps, []);
  assert.match(s.snippet, /^FROM daoreg\.librecloud\.online\/lamina\/rustelo:1\.88 AS rustelo-deps$/m);
  assert.match(s.snippet, /^COPY --from=rustelo-deps \/usr\/local\/cargo\/registry \/usr\/local\/cargo\/registry$/m);
  // The cooked target directory keeps its absolute path, and cargo is pointed at it.
  assert.match(s.snippet, /^COPY --from=rustelo-deps \/lamina\/recipe\/target \/lamina\/recipe\/target$/m);
  assert.match(s.snippet, /CARGO_TARGET_DIR=\/lamina\/recipe\/target/);
  // rustelo was cooked with the sqlite layer's variables: they are set exactly, so its prefix comes along.
  assert.match(s.snippet, /^COPY --from=sqlite-prefix \/opt\/lamina\/sqlite \/opt\/lamina\/sqlite$/m);
  assert.match(s.snippet, /PKG_CONFIG_PATH=\/opt\/lamina\/sqlite\/lib\/pkgconfig \\$/m);
  assert.not.match(s.snippet, /\$\{/);
  assert.match(s.snippet, /^FROM daoreg\.librecloud\.online\/lamina\/rust:1\.88\.0 AS builder$/m);
  assert.match(s.snippet, new RegExp(`^# rustelo: ${r.units} of ${r.total} dependency units Fresh`, 'm'));
  assert.ok(s.snippet.indexOf('AS rustelo-deps') < s.snippet.indexOf('AS builder'), 'donor stages come first');
});

test('clap/tokio CLI with a musl target: target units are not the cooked host units; rust-musl builds', () => {
  const s = suggest('clap-cli');
  assert.equal(s.build.target, 'x86_64-unknown-linux-musl');
  const cli = s.sourceDeps.find((d) => d.name === 'cli-tokio')!;
  assert.ok(cli.reuse, cli.reuseNote);
  assert.ok(cli.reuse!.summary['target-differs']! > 0);
  for (const b of cli.reuse!.blockers.filter((x) => x.kind === 'target-differs'))
    assert.match(b.detail, /built for x86_64-unknown-linux-musl; the layer cooked it for the host/);
  // Build scripts and proc-macros run on the host: those stay reusable.
  assert.ok(cli.reuse!.units > 0);
  assert.is(s.toolchain.layer, 'rust-musl');
  assert.ok(s.toolchain.matches);
  assert.equal(s.toolchain.requested, { source: 'rust-toolchain.toml', value: '1.88.0', targets: ['x86_64-unknown-linux-musl'] });
  assert.match(s.snippet, /^FROM daoreg\.librecloud\.online\/lamina\/rust-musl:1\.88\.0-musl AS builder$/m);
  assert.match(s.snippet, /cargo build --release --locked --target x86_64-unknown-linux-musl/);
});

test('workspace: members from globs, [workspace.dependencies] inherited, path members left out', () => {
  const r = readProject(project('workspace-deps'));
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.project.members, ['shop-api', 'shop-core']);
  const reqs = r.project.requirements.map((q) => `${q.member}:${q.name} ${q.req}`);
  assert.equal(reqs, ['shop-core:serde 1', 'shop-api:serde_json 1', 'shop-core:thiserror 2', 'shop-api:tokio 1', 'shop-api:tracing 0.1']);
  assert.equal(r.project.toolchain, { source: 'rust-version', value: '1.88', targets: [] });
  assert.ok(
    r.project.locked!.every((p) => p.name !== 'shop-core' && p.name !== 'shop-api'),
    'path packages are not registry dependencies',
  );
  const s = suggest('workspace-deps');
  assert.ok(s.units! > 0);
  assert.is(s.sourceDeps[0]!.score, s.sourceDeps[0]!.reuse!.units);
  assert.is(s.sourceDeps[0]!.total, s.units);
});

test('native deps: only crates really built link a layer; a pinned toolchain mismatch blocks every unit', () => {
  const s = suggest('native-heavy');
  assert.equal(
    s.nativeDeps.map((n) => `${n.name}:${n.crates.join(',')}`),
    ['librdkafka:rdkafka-sys', 'openssl:openssl-sys', 'protobuf:prost-build', 'zlib:libz-sys'],
  );
  assert.equal(s.unservedNative, []);
  assert.is(s.toolchain.layer, 'rust');
  assert.not.ok(s.toolchain.matches);
  assert.match(s.toolchain.reason, /rust-toolchain pins 1\.86\.0 but the catalog's Rust layers ship 1\.88\.0/);
  // Cooked units are reusable only by the rustc that compiled them.
  for (const d of s.sourceDeps) {
    assert.is(d.score, 0);
    assert.equal(Object.keys(d.reuse!.summary), ['rustc-differs']);
  }
  // librdkafka's pkg-config file requires lz4: its prefix comes along although no crate asks for it.
  assert.match(s.snippet, /^COPY --from=lz4-prefix \/opt\/lamina\/lz4 \/opt\/lamina\/lz4$/m);
  // PKG_CONFIG_PATH is merged across the donors, once, and nothing is appended to it.
  const pkg = /PKG_CONFIG_PATH=(\S+)/.exec(s.snippet)![1]!;
  for (const lib of ['librdkafka', 'openssl', 'zlib', 'lz4', 'protobuf']) assert.ok(pkg.includes(`/opt/lamina/${lib}/lib/pkgconfig`), lib);
  assert.not.match(pkg, /\$|:$/);
  assert.is(s.snippet.match(/PKG_CONFIG_PATH=/g)!.length, 1);
  assert.match(s.snippet, /PROTOC=\/opt\/lamina\/protobuf\/bin\/protoc/);
  assert.match(s.snippet, /^#   ENV LD_LIBRARY_PATH=.*\/opt\/lamina\/openssl\/lib/m);
});

test('no lockfile: reuse is not predicted; requirements a cooked version satisfies are listed', () => {
  const s = suggest('no-lockfile');
  assert.is(s.basis, 'Cargo.toml');
  assert.is(s.units, null);
  assert.match(s.reuseNote!, /no Cargo\.lock/);
  const cli = s.sourceDeps.find((d) => d.name === 'cli-tokio')!;
  assert.is(cli.reuse, null);
  // Dev-dependencies (anyhow) do not count unless asked.
  assert.equal(cli.covered, ['clap 4.5', 'serde 1', 'tokio 1.40']);
  assert.equal(cli.missing, ['axum 0.7']);
  const rustelo = s.sourceDeps.find((d) => d.name === 'rustelo')!;
  assert.ok(rustelo.missing.includes('axum 0.7'), 'rustelo cooked axum 0.8, not 0.7');
  assert.match(s.snippet, /cargo build --release\n/);
});

test('Cargo.toml only: direct dependencies map to the native layers they link, features and releases considered', () => {
  const manifest = (deps: string): string => `[package]\nname = "p"\nversion = "0.1.0"\n[dependencies]\n${deps}\n`;
  const natives = (deps: string): string[] => {
    const r = suggestFor(catalog, tempProject({ 'Cargo.toml': manifest(deps) }));
    if (!r.ok) throw new Error(r.error.message);
    return r.suggestion.nativeDeps.map((n) => `${n.name}:${n.crates.join(',')}`);
  };
  assert.equal(natives('openssl = "0.10"'), ['openssl:openssl → openssl-sys']);
  assert.equal(natives('openssl = { version = "0.10", features = ["vendored"] }'), []);
  assert.equal(natives('rusqlite = "0.32"'), ['sqlite:rusqlite → libsqlite3-sys']);
  assert.equal(natives('rusqlite = { version = "0.32", features = ["bundled"] }'), []);
  assert.equal(natives('reqwest = "0.12"'), ['openssl:reqwest → openssl-sys']);
  assert.equal(natives('reqwest = { version = "0.12", default-features = false, features = ["rustls-tls"] }'), []);
  assert.equal(natives('reqwest = "0.13"'), []);
  assert.equal(natives('flate2 = "1"'), []);
  assert.equal(natives('flate2 = { version = "1", features = ["zlib"] }'), ['zlib:flate2 → libz-sys']);
  assert.equal(natives('sqlx = { version = "0.8", features = ["sqlite"] }'), []);
  assert.equal(natives('sqlx = { version = "0.8", features = ["sqlite-unbundled"] }'), ['sqlite:sqlx → libsqlite3-sys']);
  assert.equal(natives('rdkafka = "0.37"'), ['zlib:rdkafka → libz-sys']);
  assert.equal(natives('rdkafka = { version = "0.37", features = ["dynamic-linking", "ssl"] }'), [
    'librdkafka:rdkafka → rdkafka-sys',
    'openssl:rdkafka → openssl-sys',
    'zlib:rdkafka → libz-sys',
  ]);
  assert.equal(natives('tonic-build = "0.13"'), ['protobuf:tonic-build → prost-build']);
  assert.equal(natives('lz4 = "1"'), []);
});

test('a legacy rust-toolchain file, a floating channel, and no toolchain at all', () => {
  const toml = '[package]\nname = "p"\nversion = "0.1.0"\n';
  const stable = suggestFor(catalog, tempProject({ 'Cargo.toml': toml, 'rust-toolchain': '[toolchain]\nchannel = "stable"\n' }));
  assert.ok(stable.ok && stable.suggestion.toolchain.matches);
  if (stable.ok) assert.match(stable.suggestion.toolchain.reason, /`stable`, which moves/);
  const nightly = suggestFor(catalog, tempProject({ 'Cargo.toml': toml, 'rust-toolchain.toml': '[toolchain]\nchannel = "nightly-2025-06-01"\n' }));
  assert.ok(nightly.ok && !nightly.suggestion.toolchain.matches);
  const none = suggestFor(catalog, tempProject({ 'Cargo.toml': toml }));
  assert.ok(none.ok && none.suggestion.toolchain.layer === 'rust' && none.suggestion.toolchain.requested === null);
  const future = suggestFor(catalog, tempProject({ 'Cargo.toml': toml.replace('"0.1.0"', '"0.1.0"\nrust-version = "1.95"') }));
  assert.ok(future.ok && !future.suggestion.toolchain.matches);
  if (future.ok) assert.match(future.suggestion.toolchain.reason, /rust-version 1\.95 is newer than every Rust layer/);
});

test('workspace exclude, renamed and target-specific dependencies', () => {
  const dir = tempProject({
    'Cargo.toml':
      '[workspace]\nmembers = ["crates/*"]\nexclude = ["crates/old"]\n[workspace.dependencies]\nmy-serde = { package = "serde", version = "1.0.200" }\n',
    'crates/a/Cargo.toml':
      '[package]\nname = "a"\nversion = "0.1.0"\n[dependencies]\nmy-serde.workspace = true\n[target.\'cfg(unix)\'.dependencies]\nlibc = "0.2"\n',
    'crates/old/Cargo.toml': '[package]\nname = "old"\nversion = "0.1.0"\n[dependencies]\nleft-pad = "1"\n',
  });
  const r = readProject(dir);
  assert.ok(r.ok);
  if (r.ok) {
    assert.equal(r.project.members, ['a']);
    assert.equal(
      r.project.requirements.map((q) => `${q.name} ${q.req}`),
      ['libc 0.2', 'serde 1.0.200'],
    );
    assert.is(r.project.locked, undefined);
  }
});

test('errors: no Cargo.toml, and malformed TOML with file:line:col', () => {
  const empty = tempProject({ 'README.md': 'nothing\n' });
  const missing = suggestFor(catalog, empty, { display: (f) => f.slice(empty.length + 1) });
  assert.ok(!missing.ok);
  if (!missing.ok) assert.equal([missing.error.file, missing.error.line, missing.error.code], ['Cargo.toml', 1, 'project-manifest']);
  const bad = tempProject({ 'Cargo.toml': '[package]\nname = "x"\nversion = 1.0.0"\n' });
  const malformed = suggestFor(catalog, bad, { display: (f) => f.slice(bad.length + 1) });
  assert.ok(!malformed.ok);
  if (!malformed.ok) {
    assert.equal([malformed.error.file, malformed.error.line, malformed.error.col, malformed.error.code], ['Cargo.toml', 3, 14, 'project-toml']);
    assert.not.match(malformed.error.message, /\n/);
  }
  const badMember = tempProject({ 'Cargo.toml': '[workspace]\nmembers = ["m"]\n', 'm/Cargo.toml': '[package\n' });
  const member = suggestFor(catalog, badMember, { display: (f) => f.slice(badMember.length + 1) });
  assert.ok(!member.ok && member.error.file === 'm/Cargo.toml' && member.error.line === 1);
});

test('deterministic, and free of absolute paths', () => {
  const a = JSON.stringify(suggest('native-heavy'));
  const b = JSON.stringify(suggestFor(loadCatalog(REPO), project('native-heavy')).ok && suggest('native-heavy'));
  assert.is(a, b);
  assert.not.ok(a.includes(REPO));
});

test.run();
