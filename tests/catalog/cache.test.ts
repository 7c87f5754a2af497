/** The evaluation cache: reused only while every input is unchanged, invisible in the results. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadCatalog } from '../../packages/catalog/src/index.js';
import { cleanFixtures, fixture, loadSummary, where } from './support.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'lamina-cache-'));
test.after(() => {
  cleanFixtures();
  rmSync(cacheDir, { recursive: true, force: true });
});

const summary = loadSummary;

test('a cached load gives exactly what a fresh load gives', () => {
  const root = fixture('good');
  const fresh = summary(loadCatalog(root));
  const first = summary(loadCatalog(root, { cache: true, cacheDir }));
  const second = summary(loadCatalog(root, { cache: true, cacheDir }));
  assert.equal(first, fresh);
  assert.equal(second, fresh);
});

test('a changed import is re-evaluated', () => {
  const root = fixture('good');
  loadCatalog(root, { cache: true, cacheDir });
  writeFileSync(join(root, 'layers/versions.ncl'), '{ zlib = "1.3.2" }');
  const c = loadCatalog(root, { cache: true, cacheDir });
  assert.is(c.layer('zlib')!.directives.class === 'native-dep' && (c.layer('zlib')!.directives as { source: { version: string } }).source.version, '1.3.2');
  assert.equal(summary(c), summary(loadCatalog(root)));
});

test('diagnostics about cached layers still point at their source', () => {
  const root = fixture('good');
  loadCatalog(root, { cache: true, cacheDir });
  rmSync(join(root, 'layers/zlib'), { recursive: true });
  const c = loadCatalog(root, { cache: true, cacheDir });
  // At the donor's name in the array.
  assert.equal(where(c.diagnostics), ['layers/openssl/workflow.ncl:2:76 graph/unknown-reference']);
  assert.equal(c.diagnostics, loadCatalog(root).diagnostics);
});

test('each build keeps its own cache file, and a root keeps the three most recent', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lamina-cache-builds-'));
  try {
    const root = fixture('good');
    const rootKey = createHash('sha256').update(resolve(root)).digest('hex').slice(0, 24);
    // Files of other builds (and the name used before builds had their own file), oldest first.
    const others = [`eval-${rootKey}.json`, ...['aaaaaaaaaaaa', 'bbbbbbbbbbbb', 'cccccccccccc'].map((b) => `eval-${rootKey}-${b}.json`)];
    others.forEach((name, i) => {
      writeFileSync(join(dir, name), '{}');
      utimesSync(join(dir, name), 1_000_000 + i, 1_000_000 + i);
    });
    const unrelated = 'eval-0123456789abcdef01234567-aaaaaaaaaaaa.json';
    writeFileSync(join(dir, unrelated), '{}');
    utimesSync(join(dir, unrelated), 1, 1);
    const fresh = summary(loadCatalog(root));
    assert.equal(summary(loadCatalog(root, { cache: true, cacheDir: dir })), fresh);
    const files = readdirSync(dir).sort();
    const own = files.filter((f) => f.startsWith(`eval-${rootKey}-`) && !others.includes(f));
    assert.is(own.length, 1, 'this build wrote its own file');
    assert.equal(
      files.filter((f) => others.includes(f)),
      [`eval-${rootKey}-bbbbbbbbbbbb.json`, `eval-${rootKey}-cccccccccccc.json`],
    );
    assert.ok(files.includes(unrelated), "another root's file is left alone");
    assert.equal(summary(loadCatalog(root, { cache: true, cacheDir: dir })), fresh);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
