/**
 * The promise, measured with real cargo: a recipe of 31 locked packages (libz-sys finds zlib with
 * pkg-config through PKG_CONFIG_PATH; serde_derive and clap_derive are proc-macros) is cooked with
 * the real cargo-chef exactly as its generated Dockerfile says, then consumer projects follow the
 * snippet `lamina suggest` prints, and `cargo build --message-format=json` tells which dependency
 * units are Fresh. The prediction of `suggest` must equal the measurement in every case:
 *
 * - a consumer identical to the recipe: every dependency unit Fresh;
 * - one crate moved to another version: that crate and what depends on it rebuild;
 * - another profile (`opt-level = 2`): the target units rebuild, the build-override ones
 *   (build scripts, proc-macros and their dependencies) stay, and suggest names `opt-level`;
 * - another native layer (rusqlite links the sqlite layer): PKG_CONFIG_PATH gains its folder, so
 *   libz-sys's build script runs again and what is above it rebuilds.
 *
 * The snippet pins the cooked target directory's absolute path (CARGO_TARGET_DIR), so a consumer
 * whose target directory sits elsewhere is not a case it allows.
 *
 * Needs cargo and cargo-chef (`cargo install --locked cargo-chef`), pkg-config, zlib's and
 * SQLite's development files, and crates.io; skipped with a message without them, failed under CI=true.
 * Downloads are kept in ~/.cache/lamina-tests (the cook's cache mount) between runs.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadCatalog, suggestFor, type Suggestion } from '../../packages/catalog/src/index.js';
import { inheritedEnv } from '../../packages/catalog/src/generate/refs.js';
import { run } from '../../packages/catalog/src/cli/run.js';
import { REPO } from '../catalog/support.js';
import { bash, cookOnHost, countFresh, hostEnv, reroot, stages, type Measured } from './support.js';

const CI = process.env.CI === 'true';
const HOST_LIB = '/usr/lib/x86_64-linux-gnu';
const ZLIB_PC = `${HOST_LIB}/pkgconfig/zlib.pc`;
const SQLITE_PC = `${HOST_LIB}/pkgconfig/sqlite3.pc`;

function missingTools(): string | undefined {
  // lamina runs the cargo of the PATH it is given (suggest, gen --cook-manifests): so does this check.
  if (spawnSync('cargo', ['--version']).status !== 0) return 'cargo is not on the PATH';
  if (spawnSync('cargo', ['chef', '--version']).status !== 0) return 'cargo-chef is not installed (cargo install --locked cargo-chef)';
  if (spawnSync('pkg-config', ['--version']).status !== 0) return 'pkg-config is not installed';
  if (!existsSync(ZLIB_PC)) return `zlib's development files are not installed (${ZLIB_PC})`;
  if (!existsSync(SQLITE_PC)) return `SQLite's development files are not installed (${SQLITE_PC})`;
  return undefined;
}

const missing = missingTools();
if (missing !== undefined) {
  if (CI)
    test('real cargo: cargo, cargo-chef, pkg-config, zlib1g-dev and libsqlite3-dev are installed (CI=true)', () =>
      assert.unreachable(`${missing}: .ci/run must install them`));
  else {
    console.log(`tests/reuse: ${missing}; skipping the real-cargo reuse test`);
    test.skip('cooked units reused by real cargo', () => {});
  }
  test.run();
} else {
  realCargo();
}

async function lamina(root: string, args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const stream = { isTTY: false, write: (c: string) => ((out += String(c)), true) } as unknown as NodeJS.WritableStream;
  const code = await run(['--root', root, ...args], { stdout: stream, stderr: stream, env: {} }, root);
  return { code, out };
}

function realCargo(): void {
  const root = mkdtempSync(join(tmpdir(), 'lamina-reuse-'));
  const imageRoot = join(root, 'image');
  // The cook's cache mount, kept between runs: downloads only.
  const downloads = join(process.env.LAMINA_TEST_CACHE ?? join(homedir(), '.cache', 'lamina-tests'), 'cargo-downloads');
  const pristine = join(root, 'pristine-target');
  let catalogRoot = '';
  let targetDir = '';
  let cookEnv: Record<string, string> = {};

  test.after(() => {
    if (process.env.LAMINA_REUSE_KEEP !== '1') rmSync(root, { recursive: true, force: true });
  });

  test('the generated cook step runs with real cargo-chef', async () => {
    catalogRoot = join(root, 'catalog');
    for (const dir of ['schemas', 'templates']) cpSync(join(REPO, dir), join(catalogRoot, dir), { recursive: true });
    for (const f of ['catalog.ncl', 'bookworm-packages.ncl', 'rust', 'cc', 'zlib', 'sqlite'])
      cpSync(join(REPO, 'layers', f), join(catalogRoot, 'layers', f), { recursive: true });
    cpSync(join(REPO, 'tests/reuse/fixture/layers'), join(catalogRoot, 'layers'), { recursive: true });
    const gen = await lamina(catalogRoot, ['gen', '--cook-manifests']);
    assert.is(gen.code, 0, gen.out);
    assert.ok(existsSync(join(catalogRoot, 'layers/zdeps/lamina-cook.json')), 'the cook manifest was written');

    const catalog = loadCatalog(catalogRoot);
    // The build stage's base is the rust layer: its CARGO_HOME is part of the environment.
    const baseCargoHome = inheritedEnv(catalog, catalog.layer('rust')!, 'CARGO_HOME')!;
    const cook = cookOnHost({
      catalogRoot,
      layer: 'zdeps',
      imageRoot,
      downloads,
      baseCargoHome,
      planDir: join(root, 'planner'),
      // The zlib donor's prefix: its pkg-config file, standing in for the layer's build of zlib.
      standIn: (prefix, image) => {
        assert.match(image, /\/zlib:/);
        mkdirSync(join(prefix, 'lib/pkgconfig'), { recursive: true });
        symlinkSync(ZLIB_PC, join(prefix, 'lib/pkgconfig/zlib.pc'));
      },
    });
    cookEnv = cook.env;
    targetDir = cook.targetDir;
    assert.ok(existsSync(join(targetDir, 'release')), 'the target directory holds the release profile');
    // Only this recipe's crates are in the image's CARGO_HOME (sources and .crate files), no index.
    const home = cookEnv.CARGO_HOME!;
    assert.not.ok(existsSync(join(home, 'registry/index')), 'the registry index stayed on the cache mount');
    assert.ok(existsSync(join(home, 'registry/cache')), "the recipe's .crate files are in the image");
    cpSync(targetDir, pristine, { recursive: true, preserveTimestamps: true });
  });

  /** Builds a consumer as the snippet of `suggest` says, from the pristine cooked target. */
  function consume(name: string, dir: string, s: Suggestion, changed: string[] = []): Measured {
    const [, ...rest] = stages(s.snippet);
    const builder = rest.find((st) => st.name === 'builder')!;
    for (const c of builder.copies.filter((c) => c.from)) {
      // Each artifact lands at the path it has in its layer (here: already there, under the same root).
      assert.is(c.args[0], c.args[1], `${name}: ${c.args.join(' ')} copies to the path it was cooked at`);
    }
    const env = Object.fromEntries(Object.entries(builder.env).map(([k, v]) => [k, reroot(imageRoot, v)]));
    // Every variable the cook set keeps its value (variables of added native layers may join).
    const differs = Object.keys(cookEnv)
      .filter((k) => env[k] !== cookEnv[k])
      .sort();
    assert.equal(
      differs,
      changed,
      `${name}: the snippet's environment is the cook's, value for value${changed.length ? `, except ${changed.join(', ')}` : ''}`,
    );
    rmSync(targetDir, { recursive: true, force: true });
    cpSync(pristine, targetDir, { recursive: true, preserveTimestamps: true });
    const build = builder.runs.find((r) => r.command.startsWith('cargo build'))!;
    const r = bash(`${build.command} --message-format=json`, dir, hostEnv(env));
    assert.ok(r.ok, `${name}: ${r.output}`);
    const m = countFresh(r.stdout);
    const predictedReuse = s.sourceDeps.find((d) => d.name === 'zdeps')!.reuse!;
    console.log(`tests/reuse: ${name}: predicted ${predictedReuse.units}/${predictedReuse.total} Fresh, cargo reported ${m.fresh}/${m.total}`);
    return m;
  }

  function consumer(name: string, change: (dir: string) => void): string {
    const dir = join(imageRoot, 'src', name);
    cpSync(join(catalogRoot, 'layers/zdeps/recipe'), dir, { recursive: true });
    change(dir);
    return dir;
  }

  function predicted(dir: string, combined = ['zdeps', 'zlib']): { s: Suggestion; reuse: NonNullable<Suggestion['sourceDeps'][number]['reuse']> } {
    const r = suggestFor(loadCatalog(catalogRoot), dir);
    if (!r.ok) throw new Error(r.error.message);
    const zdeps = r.suggestion.sourceDeps.find((d) => d.name === 'zdeps')!;
    assert.ok(zdeps.reuse, zdeps.reuseNote);
    assert.is(r.suggestion.sourceDeps[0]!.name, 'zdeps');
    assert.equal(r.suggestion.combined, combined);
    return { s: r.suggestion, reuse: zdeps.reuse! };
  }

  test('a consumer identical to the recipe: every dependency unit Fresh, as predicted', () => {
    const dir = consumer('same', () => {});
    const { s, reuse } = predicted(dir);
    const m = consume('same', dir, s);
    assert.ok(m.total >= 30, `${m.total} dependency units`);
    assert.is(reuse.total, m.total);
    assert.is(reuse.units, reuse.total);
    assert.is(m.fresh, m.total, `rebuilt: ${m.dirty.join(', ')}`);
  });

  test('one crate at another version: exactly the predicted units Fresh', () => {
    const dir = consumer('bumped', (d) => {
      const r = bash('cargo update --quiet -p itoa --precise 1.0.15', d, hostEnv({}));
      assert.ok(r.ok, r.output);
    });
    const { s, reuse } = predicted(dir);
    const m = consume('bumped', dir, s);
    assert.is(reuse.total, m.total);
    assert.is(reuse.units, m.fresh, `predicted ${reuse.units}, measured ${m.fresh}; rebuilt: ${m.dirty.join(', ')}`);
    assert.ok(reuse.units < reuse.total);
    assert.ok(reuse.blockers.some((b) => b.kind === 'version-differs' && b.unit.startsWith('itoa@1.0.15')));
    assert.ok(reuse.blockers.some((b) => b.kind === 'dependency-not-reusable' && b.unit.startsWith('serde_json@')));
  });

  test('another profile (opt-level = 2): the build-override units stay Fresh, as predicted, and suggest names opt-level', () => {
    const dir = consumer('opt-level-2', (d) => appendFileSync(join(d, 'Cargo.toml'), '\n[profile.release]\nopt-level = 2\n'));
    const { s, reuse } = predicted(dir);
    const m = consume('opt-level-2', dir, s);
    assert.is(reuse.total, m.total);
    assert.is(reuse.units, m.fresh, `predicted ${reuse.units}, measured ${m.fresh}; rebuilt: ${m.dirty.join(', ')}`);
    assert.ok(reuse.units > 0 && reuse.units < reuse.total, `${reuse.units} of ${reuse.total}`);
    assert.equal(reuse.profileKeys, ['opt-level']);
    assert.ok(
      m.dirty.some((u) => u.startsWith('serde_json@')),
      'target units rebuilt',
    );
    assert.not.ok(
      m.dirty.some((u) => u.startsWith('serde_derive@') || u.startsWith('syn@')),
      'proc-macros and their dependencies stayed Fresh',
    );
  });

  test('another native layer changes PKG_CONFIG_PATH: the build scripts that read it run again, as predicted', () => {
    // rusqlite without `bundled` links the sqlite layer: its prefix joins PKG_CONFIG_PATH, which
    // libz-sys's build script declared (through the pkg-config crate) when the layer was cooked.
    const dir = consumer('with-sqlite', (d) => {
      const r = bash('cargo add --quiet rusqlite@0.32', d, hostEnv({}));
      assert.ok(r.ok, r.output);
    });
    const { s, reuse } = predicted(dir, ['zdeps', 'sqlite', 'zlib']);
    assert.equal(
      s.nativeDeps.map((n) => n.name),
      ['sqlite', 'zlib'],
    );
    const sqlite = reroot(imageRoot, '/opt/lamina/sqlite');
    mkdirSync(join(sqlite, 'lib/pkgconfig'), { recursive: true });
    mkdirSync(join(sqlite, 'include'), { recursive: true });
    symlinkSync(SQLITE_PC, join(sqlite, 'lib/pkgconfig/sqlite3.pc'));
    for (const f of ['libsqlite3.so']) symlinkSync(join(HOST_LIB, f), join(sqlite, 'lib', f));
    symlinkSync('/usr/include/sqlite3.h', join(sqlite, 'include/sqlite3.h'));
    const m = consume('with-sqlite', dir, s, ['PKG_CONFIG_PATH']);
    assert.is(reuse.total, m.total);
    assert.is(reuse.units, m.fresh, `predicted ${reuse.units}, measured ${m.fresh}; rebuilt: ${m.dirty.join(', ')}`);
    assert.ok(reuse.blockers.some((b) => b.kind === 'env-differs' && b.unit.startsWith('libz-sys@') && /PKG_CONFIG_PATH/.test(b.detail)));
    assert.ok(
      m.dirty.some((u) => u.startsWith('flate2@')),
      'flate2 rebuilt above libz-sys',
    );
    assert.not.ok(
      m.dirty.some((u) => u.startsWith('serde_json@')),
      'what does not depend on libz-sys stays Fresh',
    );
  });

  test.run();
}
