/**
 * Reuse prediction without cargo: unit identities and blockers on small graphs, which build
 * scripts a changed variable reruns, cargo's unit-graph JSON read into a canonical form, the cook
 * manifest's staleness, and snippets that keep the cook's environment. (tests/reuse checks the
 * same predictions against real cargo.)
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { consumeSnippet, consumptionPlan, loadCatalog } from '../../packages/catalog/src/index.js';
import { run } from '../../packages/catalog/src/cli/run.js';
import { buildScriptReruns, envChanges } from '../../packages/catalog/src/reuse/env.js';
import { cookInputs, isSourceDep, readCookManifest } from '../../packages/catalog/src/reuse/manifest.js';
import { predictReuse } from '../../packages/catalog/src/reuse/predict.js';
import { parseUnitGraph, type Unit, type UnitGraph, type UnitProfile } from '../../packages/catalog/src/reuse/units.js';
import { REPO } from './support.js';

const REG = 'registry+https://github.com/rust-lang/crates.io-index';
const release = (over: Partial<UnitProfile> = {}): UnitProfile => ({
  name: 'release',
  opt_level: '3',
  lto: 'false',
  codegen_backend: null,
  codegen_units: null,
  debuginfo: 0,
  split_debuginfo: null,
  debug_assertions: false,
  overflow_checks: false,
  rpath: false,
  incremental: false,
  panic: 'unwind',
  strip: { resolved: { Named: 'debuginfo' } },
  ...over,
});
const buildOverride = release({ opt_level: '0' });

/**
 * app → serde_json (lib) → itoa (lib); serde_json also → libz-sys (lib) ← its build-script run ←
 * its build script compiled with pkg-config. Changes are applied per unit.
 */
function graph(change: { itoa?: string; jsonOpt?: string; jsonFeatures?: string[] } = {}): UnitGraph {
  const units: Unit[] = [
    { pkg: `itoa@${change.itoa ?? '1.0.19'}`, source: REG, target: 'lib:itoa', mode: 'build', features: [], profile: 0, platform: null, deps: [] },
    { pkg: 'pkg-config@0.3.32', source: REG, target: 'lib:pkg_config', mode: 'build', features: [], profile: 1, platform: null, deps: [] },
    {
      pkg: 'libz-sys@1.1.33',
      source: REG,
      target: 'custom-build:build-script-build',
      mode: 'build',
      features: ['libc'],
      profile: 1,
      platform: null,
      deps: [{ name: 'pkg_config', unit: 1 }],
    },
    {
      pkg: 'libz-sys@1.1.33',
      source: REG,
      target: 'custom-build:build-script-build',
      mode: 'run-custom-build',
      features: ['libc'],
      profile: 0,
      platform: null,
      deps: [{ name: 'build_script_build', unit: 2 }],
    },
    {
      pkg: 'libz-sys@1.1.33',
      source: REG,
      target: 'lib:libz_sys',
      mode: 'build',
      features: ['libc'],
      profile: 0,
      platform: null,
      deps: [{ name: 'build_script_build', unit: 3 }],
    },
    {
      pkg: 'serde_json@1.0.154',
      source: REG,
      target: 'lib:serde_json',
      mode: 'build',
      features: change.jsonFeatures ?? ['default', 'std'],
      profile: change.jsonOpt ? 2 : 0,
      platform: null,
      deps: [
        { name: 'itoa', unit: 0 },
        { name: 'libz_sys', unit: 4 },
      ],
    },
    { pkg: 'app@0.1.0', source: 'path', target: 'bin:app', mode: 'build', features: [], profile: 0, platform: null, deps: [{ name: 'serde_json', unit: 5 }] },
  ];
  return { profiles: [release(), buildOverride, release({ opt_level: change.jsonOpt ?? '3' })], units };
}

const cooked = graph();

test('the same units: all reusable; local packages and build-script runs are not counted', () => {
  const r = predictReuse(graph(), cooked);
  assert.equal([r.units, r.total, r.blockers], [5, 5, []]);
});

test('another version: the unit and what depends on it, each with its reason', () => {
  const r = predictReuse(graph({ itoa: '1.0.15' }), cooked);
  assert.equal([r.units, r.total], [3, 5]);
  assert.equal(
    r.blockers.map((b) => `${b.unit} ${b.kind}`),
    ['itoa@1.0.15 (lib) version-differs', 'serde_json@1.0.154 (lib) dependency-not-reusable'],
  );
  assert.match(r.blockers[0]!.detail, /the project locks itoa 1\.0\.15; the layer cooked 1\.0\.19/);
  assert.match(r.blockers[1]!.detail, /depends on itoa@1\.0\.15 \(lib\)/);
});

test('profile and features: the differing settings are named as in [profile]', () => {
  const p = predictReuse(graph({ jsonOpt: '2' }), cooked);
  assert.equal(
    p.blockers.map((b) => b.kind),
    ['profile-differs'],
  );
  assert.equal(p.profileKeys, ['opt-level']);
  const f = predictReuse(graph({ jsonFeatures: ['default', 'std', 'float_roundtrip'] }), cooked);
  assert.equal(
    f.blockers.map((b) => [b.kind, b.detail]),
    [['features-differ', 'features differ from the cooked unit: +float_roundtrip']],
  );
});

test('a changed variable reruns the build scripts that read it, and everything above them', () => {
  const changes = envChanges({ PKG_CONFIG_PATH: '/opt/lamina/zlib/lib/pkgconfig' }, { PKG_CONFIG_PATH: '/opt/lamina/zlib/lib/pkgconfig:' });
  assert.equal(
    changes.map((c) => c.key),
    ['PKG_CONFIG_PATH'],
  );
  const r = predictReuse(graph(), cooked, { rerunsBuildScript: buildScriptReruns(changes, () => []) });
  assert.equal(
    r.blockers.map((b) => `${b.unit} ${b.kind}`),
    ['libz-sys@1.1.33 (lib) env-differs', 'serde_json@1.0.154 (lib) env-differs'],
  );
  assert.match(
    r.blockers[0]!.detail,
    /libz-sys@1\.1\.33 \(build script\) runs again: PKG_CONFIG_PATH is "\/opt\/lamina\/zlib\/lib\/pkgconfig:" instead of the cook's "\/opt\/lamina\/zlib\/lib\/pkgconfig"/,
  );
  // A variable a native layer exports is read by the crates it serves; an unrelated one by none.
  const openssl = envChanges({}, { OPENSSL_LIB_DIR: '/opt/lamina/openssl/lib' });
  assert.is(predictReuse(graph(), cooked, { rerunsBuildScript: buildScriptReruns(openssl, (k) => (k === 'OPENSSL_LIB_DIR' ? ['libz-sys'] : [])) }).units, 3);
  assert.is(predictReuse(graph(), cooked, { rerunsBuildScript: buildScriptReruns(openssl, () => []) }).units, 5);
});

test('another rustc or RUSTFLAGS blocks every unit', () => {
  const r = predictReuse(graph(), cooked, { rustcDiffers: 'the project pins 1.86.0' });
  assert.equal([r.units, Object.keys(r.summary)], [0, ['rustc-differs']]);
  const f = predictReuse(graph(), cooked, { rustflagsDiffer: '.cargo/config.toml sets rustflags `--cfg tokio_unstable`' });
  assert.equal([f.units, Object.keys(f.summary)], [0, ['rustflags-differ']]);
});

test("cargo's unit graph: the stand-in triple becomes the host, paths and local packages are dropped, duplicates merge", () => {
  const profile = { ...release(), rustflags: undefined };
  const unit = (id: string, platform: string | null, deps: number[] = []) => ({
    pkg_id: id,
    target: { kind: ['lib'], crate_types: ['lib'], name: 'x', src_path: '/root/.cargo/registry/src/x/lib.rs' },
    profile,
    platform,
    mode: 'build',
    features: ['b', 'a'],
    dependencies: deps.map((index) => ({ index, extern_crate_name: 'x' })),
  });
  const json = JSON.stringify({
    version: 1,
    units: [
      unit(`${REG}#x@1.0.0`, 'x86_64-unknown-linux-gnu'),
      unit(`${REG}#x@1.0.0`, null),
      unit('path+file:///home/me/app#app@0.1.0', 'x86_64-unknown-linux-gnu', [0, 1]),
    ],
    roots: [2],
  });
  const g = parseUnitGraph(json, 'x86_64-unknown-linux-gnu');
  assert.is(g.units.length, 2);
  assert.equal(
    g.units.map((u) => [u.pkg, u.source, u.platform, u.features]),
    [
      ['app@0.1.0', 'path', null, ['a', 'b']],
      ['x@1.0.0', REG, null, ['a', 'b']],
    ],
  );
  assert.not.ok(JSON.stringify(g).includes('/root/') || JSON.stringify(g).includes('/home/'));
  assert.throws(() => parseUnitGraph('{"version":2,"units":[]}'), /unsupported unit graph/);
  // A dependency index that points past the units is the file's error, said as such.
  const dangling = JSON.stringify({ version: 1, units: [unit(`${REG}#x@1.0.0`, null, [3])], roots: [0] });
  assert.throws(() => parseUnitGraph(dangling), /unit graph has no unit 3 \(it has 1\)/);
});

test("every shipped source-dep's cook manifest is fresh; a changed lockfile makes it stale, and gen --check says so", async () => {
  const catalog = loadCatalog(REPO);
  for (const layer of catalog.layers.filter(isSourceDep)) {
    const state = readCookManifest(catalog, layer);
    assert.is(state.state, 'fresh', layer.name);
    if (state.state === 'fresh') assert.is(state.manifest.inputs, cookInputs(catalog, layer));
  }
  const root = mkdtempSync(join(tmpdir(), 'lamina-reuse-stale-'));
  try {
    for (const dir of ['layers', 'schemas', 'templates', 'generated', 'adr']) cpSync(join(REPO, dir), join(root, dir), { recursive: true });
    appendFileSync(join(root, 'layers/cli-tokio/recipe/Cargo.lock'), '\n');
    let out = '';
    const stream = { isTTY: false, write: (c: string) => ((out += String(c)), true) } as unknown as NodeJS.WritableStream;
    const code = await run(['--root', root, 'gen', '--check'], { stdout: stream, stderr: stream, env: {} }, root);
    assert.is(code, 1);
    assert.match(out, /^layers\/cli-tokio\/lamina-cook\.json: stale/m);
    // lamina validate (the pre-commit check) refuses it too, at the manifest.
    out = '';
    assert.is(await run(['--root', root, 'validate'], { stdout: stream, stderr: stream, env: {} }, root), 1);
    assert.match(out, /^layers\/cli-tokio\/lamina-cook\.json:1:1: the cook manifest of `cli-tokio` does not match its recipe .*\[reuse\/manifest-stale\]$/m);
    // A manifest that is not one is reported, not trusted.
    writeFileSync(join(root, 'layers/rustelo/lamina-cook.json'), '{"format":"something-else"}');
    const copy = loadCatalog(root);
    assert.is(readCookManifest(copy, copy.layer('rustelo')! as never).state, 'invalid');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("snippets keep the cook's environment: no appended values, no variables the cook did not set", () => {
  const catalog = loadCatalog(REPO);
  const cli = catalog.layer('cli-tokio')!;
  const text = consumeSnippet(catalog, cli, 'donor');
  assert.not.match(text, /\$\{/);
  // openssl exports OPENSSL_LIB_DIR and OPENSSL_INCLUDE_DIR, but the cook set only OPENSSL_DIR.
  assert.not.match(text, /OPENSSL_LIB_DIR|OPENSSL_INCLUDE_DIR/);
  assert.match(text, /PKG_CONFIG_PATH=\/opt\/lamina\/openssl\/lib\/pkgconfig:\/opt\/lamina\/zlib\/lib\/pkgconfig \\\n/);
  assert.match(text, /^COPY --from=cli-tokio-deps \/lamina\/recipe\/target \/lamina\/recipe\/target$/m);
  const plan = consumptionPlan(catalog, { sourceDep: cli, natives: [] });
  assert.equal(plan.changes, []);
  // A native layer the cook did not use adds its variables: a changed value is reported as a change.
  const withSqlite = consumptionPlan(catalog, { sourceDep: cli, natives: [catalog.layer('sqlite')!] });
  assert.equal(
    withSqlite.changes.map((c) => c.key),
    ['PKG_CONFIG_PATH', 'SQLITE3_INCLUDE_DIR', 'SQLITE3_LIB_DIR'],
  );
  assert.is(withSqlite.env.PKG_CONFIG_PATH, '/opt/lamina/openssl/lib/pkgconfig:/opt/lamina/zlib/lib/pkgconfig:/opt/lamina/sqlite/lib/pkgconfig');
});

test.run();
