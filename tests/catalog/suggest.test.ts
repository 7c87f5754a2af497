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

test('axum/sqlx service: rustelo ranks first and covers every locked package', () => {
  const s = suggest('axum-sqlx-service');
  assert.is(s.basis, 'Cargo.lock');
  assert.is(s.sourceDeps[0]!.name, 'rustelo');
  assert.is(s.sourceDeps[0]!.score, s.sourceDeps[0]!.total);
  assert.is(s.sourceDeps[0]!.missing.length, 0);
  assert.ok(s.sourceDeps[0]!.covered.some((c) => c.startsWith('sqlx@0.8.')));
  // Ranked by score, then name.
  for (let i = 1; i < s.sourceDeps.length; i++) assert.ok(s.sourceDeps[i - 1]!.score >= s.sourceDeps[i]!.score);
  assert.is(s.toolchain.layer, 'rust');
  assert.ok(s.toolchain.matches);
  assert.match(s.toolchain.reason, /rust-version 1\.88 is a minimum/);
  assert.equal(s.nativeDeps, []);
  assert.match(s.snippet, /^FROM daoreg\.librecloud\.online\/lamina\/rustelo:1\.88 AS rustelo-deps$/m);
  assert.match(s.snippet, /^COPY --from=rustelo-deps \/usr\/local\/cargo\/registry \/usr\/local\/cargo\/registry$/m);
  assert.match(s.snippet, /^COPY --from=rustelo-deps \/lamina\/recipe\/target target$/m);
  // rustelo was cooked against the sqlite layer, but this project (Postgres only) does not use
  // libsqlite3-sys: no sqlite prefix, and none of rustelo's variables that point into it.
  assert.not.match(s.snippet, /sqlite/);
  assert.match(s.snippet, /^FROM daoreg\.librecloud\.online\/lamina\/rust:1\.88\.0 AS builder$/m);
  assert.ok(s.snippet.indexOf('AS rustelo-deps') < s.snippet.indexOf('AS builder'), 'donor stages come first');
});

test('clap/tokio CLI with a musl target: cli-tokio, and the rust-musl toolchain', () => {
  const s = suggest('clap-cli');
  assert.is(s.sourceDeps[0]!.name, 'cli-tokio');
  assert.is(s.sourceDeps[0]!.missing.length, 0);
  assert.is(s.toolchain.layer, 'rust-musl');
  assert.ok(s.toolchain.matches);
  assert.equal(s.toolchain.requested, { source: 'rust-toolchain.toml', value: '1.88.0', targets: ['x86_64-unknown-linux-musl'] });
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
  assert.ok(r.project.locked!.every((p) => p.name !== 'shop-core' && p.name !== 'shop-api'), 'path packages are not registry dependencies');
  const s = suggest('workspace-deps');
  assert.is(s.sourceDeps[0]!.score, s.dependencies);
});

test('native deps: openssl-sys, rdkafka-sys, libz-sys, prost-build; a pinned toolchain mismatch is explained', () => {
  const s = suggest('native-heavy');
  assert.equal(
    s.nativeDeps.map((n) => `${n.name}:${n.crates.join(',')}`),
    ['librdkafka:rdkafka-sys', 'openssl:openssl-sys', 'protobuf:prost-build', 'zlib:libz-sys'],
  );
  assert.equal(s.unservedNative, []);
  assert.is(s.toolchain.layer, 'rust');
  assert.not.ok(s.toolchain.matches);
  assert.match(s.toolchain.reason, /rust-toolchain pins 1\.86\.0 but the catalog's Rust layers ship 1\.88\.0/);
  // librdkafka's pkg-config file requires lz4: its prefix comes along although no crate asks for it.
  assert.match(s.snippet, /^COPY --from=lz4-prefix \/opt\/lamina\/lz4 \/opt\/lamina\/lz4$/m);
  // PKG_CONFIG_PATH is merged across the donors, once, not overwritten by each.
  const pkg = /PKG_CONFIG_PATH=(\S+)/.exec(s.snippet)![1]!;
  for (const lib of ['librdkafka', 'openssl', 'zlib', 'lz4', 'protobuf']) assert.ok(pkg.includes(`/opt/lamina/${lib}/lib/pkgconfig`), lib);
  assert.is(s.snippet.match(/PKG_CONFIG_PATH=/g)!.length, 1);
  assert.match(s.snippet, /PROTOC=\/opt\/lamina\/protobuf\/bin\/protoc/);
});

test('no lockfile: requirements are matched against the cooked versions', () => {
  const s = suggest('no-lockfile');
  assert.is(s.basis, 'Cargo.toml');
  const cli = s.sourceDeps.find((d) => d.name === 'cli-tokio')!;
  assert.equal(cli.covered, ['anyhow 1', 'clap 4.5', 'serde 1', 'tokio 1.40']);
  assert.equal(cli.missing, ['axum 0.7']);
  const rustelo = s.sourceDeps.find((d) => d.name === 'rustelo')!;
  assert.ok(rustelo.missing.includes('axum 0.7'), 'rustelo cooked axum 0.8, not 0.7');
  assert.match(s.snippet, /cargo build --release\n$/);
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
    'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\nexclude = ["crates/old"]\n[workspace.dependencies]\nmy-serde = { package = "serde", version = "1.0.200" }\n',
    'crates/a/Cargo.toml': '[package]\nname = "a"\nversion = "0.1.0"\n[dependencies]\nmy-serde.workspace = true\n[target.\'cfg(unix)\'.dependencies]\nlibc = "0.2"\n',
    'crates/old/Cargo.toml': '[package]\nname = "old"\nversion = "0.1.0"\n[dependencies]\nleft-pad = "1"\n',
  });
  const r = readProject(dir);
  assert.ok(r.ok);
  if (r.ok) {
    assert.equal(r.project.members, ['a']);
    assert.equal(r.project.requirements.map((q) => `${q.name} ${q.req}`), ['libc 0.2', 'serde 1.0.200']);
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
