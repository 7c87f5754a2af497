import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

// These run the built launcher (build first: `pnpm build`): the store of parsed trees belongs to
// the bundled CLI, in the cache folder LAMINA_NICKEL_CODE_CACHE_DIR names.
const BIN = fileURLToPath(new URL('../../bin/lamina-nickel.cjs', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../../dist/cli/main.bundle.cjs', import.meta.url));
const bundleId = (): string => readFileSync(BUNDLE, 'latin1').split('\n', 1)[0]?.split(' ').pop() ?? '';

const dir = mkdtempSync(join(tmpdir(), 'lamina-nickel-parse-cache-'));
const main = join(dir, 'main.ncl');
const lib = join(dir, 'lib.ncl');
writeFileSync(main, 'let lib = import "lib.ncl" in { port = lib.port + 1, name = lib.name }\n');
writeFileSync(lib, '{ port = 8080, name = "web" }\n');

function run(cacheDir: string) {
  const r = spawnSync(process.execPath, [BIN, 'export', main], {
    encoding: 'utf8',
    env: { ...process.env, LAMINA_NICKEL_CODE_CACHE_DIR: cacheDir },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ok = (port: number, name: string) => ({ code: 0, stdout: `{\n  "name": "${name}",\n  "port": ${port}\n}\n`, stderr: '' });

test('a run keeps the trees of the files it parsed, and the next run reads them', () => {
  const cache = mkdtempSync(join(dir, 'c-'));
  assert.equal(run(cache), ok(8081, 'web'));
  const trees = join(cache, `trees-${bundleId()}`);
  const stored = readdirSync(trees).sort();
  assert.is(stored.length, 2, 'the program and its import');
  const before = stored.map((f) => readFileSync(join(trees, f), 'utf8'));
  assert.equal(run(cache), ok(8081, 'web'));
  assert.equal(
    readdirSync(trees)
      .sort()
      .map((f) => readFileSync(join(trees, f), 'utf8')),
    before,
    'a fitting tree is not written again',
  );
});

test('a file edited since (even to the same length) is parsed again', () => {
  const cache = mkdtempSync(join(dir, 'c-'));
  assert.equal(run(cache), ok(8081, 'web'));
  writeFileSync(lib, '{ port = 9090, name = "api" }\n');
  try {
    assert.equal(run(cache), ok(9091, 'api'));
  } finally {
    writeFileSync(lib, '{ port = 8080, name = "web" }\n');
  }
  assert.equal(run(cache), ok(8081, 'web'));
});

test('a damaged tree is ignored and replaced', () => {
  const cache = mkdtempSync(join(dir, 'c-'));
  run(cache);
  const trees = join(cache, `trees-${bundleId()}`);
  for (const f of readdirSync(trees)) writeFileSync(join(trees, f), '{"text": "x", "expr": ');
  assert.equal(run(cache), ok(8081, 'web'));
  for (const f of readdirSync(trees)) assert.type(JSON.parse(readFileSync(join(trees, f), 'utf8').split('\n')[0]!).expr, 'object', f);
});

test("another build's trees are removed; no cache folder, no trees", () => {
  const cache = mkdtempSync(join(dir, 'c-'));
  mkdirSync(join(cache, 'trees-0123'));
  run(cache);
  assert.ok(!existsSync(join(cache, 'trees-0123')));
  assert.ok(existsSync(join(cache, `trees-${bundleId()}`)));
  assert.equal(run(''), ok(8081, 'web'));
});

test.run();
