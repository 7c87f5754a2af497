/**
 * Loading with worker threads (loadCatalogAsync): the same layers, fingerprints, import graph and
 * diagnostics as the in-thread load, in the same order, whatever the workers' timing; the
 * evaluation cache written by one is used by the other.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadCatalog, loadCatalogAsync } from '../../packages/catalog/src/index.js';
import { cleanFixtures, fixture, loadSummary, where } from './support.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'lamina-pool-cache-'));
test.after(() => {
  cleanFixtures();
  rmSync(cacheDir, { recursive: true, force: true });
});

const summary = loadSummary;

test('this thread and a worker thread load the good fixture exactly as one thread does', async () => {
  const root = fixture('good');
  assert.equal(summary(await loadCatalogAsync(root, { workers: 2 })), summary(loadCatalog(root)));
});

// Nickel errors, refused imports, schema and graph diagnostics keep their positions and order
// (positions of schema and graph errors come from an evaluator made on demand).
for (const name of ['nickel-error', 'escaping-import', 'schema-violation', 'cycle']) {
  test(`two threads give the same diagnostics for ${name}`, async () => {
    const root = fixture(name);
    const inThread = loadCatalog(root);
    const pooled = await loadCatalogAsync(root, { workers: 2 });
    assert.ok(inThread.diagnostics.length > 0);
    assert.equal(where(pooled.diagnostics), where(inThread.diagnostics));
    assert.equal(summary(pooled), summary(inThread));
  });
}

test('the cache written by a pooled load is used by the next, and a change is re-evaluated', async () => {
  const root = fixture('good');
  const fresh = summary(loadCatalog(root));
  assert.equal(summary(await loadCatalogAsync(root, { workers: 2, cache: true, cacheDir })), fresh);
  assert.ok(readdirSync(cacheDir).some((f) => f.startsWith('eval-')));
  assert.equal(summary(loadCatalog(root, { cache: true, cacheDir })), fresh);
  writeFileSync(join(root, 'layers/versions.ncl'), '{ zlib = "1.3.2" }');
  const changed = await loadCatalogAsync(root, { workers: 2, cache: true, cacheDir });
  assert.equal(summary(changed), summary(loadCatalog(root)));
});

test('below the threshold the default (auto) evaluates in this thread, with the same result', async () => {
  const root = fixture('good');
  assert.equal(summary(await loadCatalogAsync(root)), summary(loadCatalog(root)));
});

test.run();
