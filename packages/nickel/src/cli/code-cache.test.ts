import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cacheFileName, userCacheDir } from './code-cache.js';

// These run the built launcher (build first: `pnpm build`), with a Node flag of their own so that
// the cache the build wrote does not fit and the run's own cache folder is used.
const BIN = fileURLToPath(new URL('../../bin/lamina-nickel.cjs', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../../dist/cli/main.bundle.cjs', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'lamina-nickel-code-cache-'));
const program = join(dir, 'p.ncl');
writeFileSync(program, '{ a = std.string.uppercase "x", b = [1, 2] }');

function run(cacheDir: string) {
  const r = spawnSync(process.execPath, ['--stack-size=900', BIN, 'export', program], {
    encoding: 'utf8',
    env: { ...process.env, LAMINA_NICKEL_CODE_CACHE_DIR: cacheDir },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The code cache files in `dir` (beside them, runs keep parsed trees: cli/parse-cache.ts). */
const v8Files = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.v8'));

const EXPECTED = '{\n  "a": "X",\n  "b": [\n    1,\n    2\n  ]\n}\n';
const bundleId = (): string => readFileSync(BUNDLE, 'utf8').split('\n', 1)[0]!.split(' ').pop()!;

test('a run writes its cache once, marked with the bundle it was made from', () => {
  const cache = mkdtempSync(join(dir, 'c-'));
  assert.equal(run(cache), { code: 0, stdout: EXPECTED, stderr: '' });
  const files = v8Files(cache);
  assert.is(files.length, 1);
  const written = readFileSync(join(cache, files[0]!));
  // V8's data starts 8-byte aligned (V8 copies unaligned data before reading it)
  assert.is(written.toString('latin1', 0, 40), `${bundleId().padEnd(39)}\n`);
  assert.equal(run(cache), { code: 0, stdout: EXPECTED, stderr: '' });
  assert.ok(readFileSync(join(cache, files[0]!)).equals(written), 'a fitting cache is not rewritten');
});

test('a cache of another bundle, or a damaged one, is ignored and replaced', () => {
  const cache = mkdtempSync(join(dir, 'c-'));
  run(cache);
  const [name] = v8Files(cache);
  const path = join(cache, name!);
  for (const stale of [`${'0'.repeat(39)}\n${'x'.repeat(100)}`, `${bundleId().padEnd(39)}\n${'garbage'.repeat(50)}`]) {
    writeFileSync(path, stale);
    assert.equal(run(cache), { code: 0, stdout: EXPECTED, stderr: '' });
    assert.is.not(readFileSync(path, 'latin1'), stale);
  }
});

test('no cache folder: nothing written, same output', () => {
  assert.equal(run(''), { code: 0, stdout: EXPECTED, stderr: '' });
  assert.is(userCacheDir({ LAMINA_NICKEL_CODE_CACHE_DIR: '' }), undefined);
  assert.is(userCacheDir({ XDG_CACHE_HOME: '/x' }), join('/x', 'lamina-nickel'));
});

test('the bin runs as an executable (its first line) as it runs under node', () => {
  const direct = spawnSync(BIN, ['export', program], { encoding: 'utf8' });
  assert.equal({ code: direct.status, stdout: direct.stdout, stderr: direct.stderr }, { code: 0, stdout: EXPECTED, stderr: '' });
});

test('the bundle is the wrapped CommonJS module its launcher compiles', () => {
  const text = readFileSync(BUNDLE, 'latin1');
  assert.match(text, /^\/\/ lamina-nickel bundle [0-9a-f]{32}\n\(function \(exports, require, module, __filename, __dirname\) \{/);
  assert.ok(text.endsWith('\n})'));
});

test('the bundle is ASCII, as the launcher reads it (latin1)', () => {
  assert.ok(/^[\x00-\x7f]*$/.test(readFileSync(BUNDLE, 'latin1')));
});

test('the cache file name follows the flags V8 checks', () => {
  assert.is(cacheFileName('main.bundle.cjs', ['--a'], {}), cacheFileName('main.bundle.cjs', ['--a'], {}));
  assert.is.not(cacheFileName('main.bundle.cjs', ['--a'], {}), cacheFileName('main.bundle.cjs', ['--b'], {}));
  assert.is.not(cacheFileName('main.bundle.cjs', [], {}), cacheFileName('main.bundle.cjs', [], { NODE_OPTIONS: '--max-old-space-size=100' }));
  assert.match(cacheFileName('libraries.bundle.cjs', [], {}), /^libraries-[0-9a-f]{8}\.v8$/);
});

test.run();
