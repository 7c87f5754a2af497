/** The evaluation cache: reused only while every input is unchanged, invisible in the results. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

test.run();
