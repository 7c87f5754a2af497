/**
 * The typed module printed in a worker thread (startTypedModuleWriter, what `lamina gen` uses) is
 * byte-identical to the one printed in this thread, and so is one filled into declarations kept
 * from an earlier run (typed-module-cache.ts), which are used only for exactly the same layer
 * names; a writer that is never used does not keep the process alive.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatDiagnostic, loadCatalog } from '../../packages/catalog/src/index.js';
import { render, startTypedModuleWriter, TYPED_MODULE } from '../../packages/catalog/src/generate/index.js';
import { expectedLayerNames, TypedDeclarationsCache } from '../../packages/catalog/src/generate/typed-module-cache.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanFixtures } from './support.js';
import { cleanCopies, fixtureWithTemplates } from './generate-support.js';

test.after(() => {
  cleanCopies();
  cleanFixtures();
});

test('every generated file is the same with the typed module written in a worker', async () => {
  const root = fixtureWithTemplates('good');
  const writer = startTypedModuleWriter();
  const catalog = loadCatalog(root);
  assert.ok(catalog.ok, catalog.diagnostics.map(formatDiagnostic).join('\n'));
  const inWorker = await render(catalog, { root, typedModuleWriter: writer });
  const here = await render(catalog, { root });
  assert.ok(inWorker.ok && here.ok);
  if (!inWorker.ok || !here.ok) return;
  assert.ok(here.files.get(TYPED_MODULE)!.includes('export type LayerName'));
  assert.equal([...inWorker.files], [...here.files]);
});

test('kept declarations give the same module, and only for the same layer names', async () => {
  const root = fixtureWithTemplates('good');
  const cacheDir = mkdtempSync(join(tmpdir(), 'lamina-typed-cache-'));
  try {
    const catalog = loadCatalog(root);
    assert.ok(catalog.ok);
    const here = await render(catalog, { root });
    assert.ok(here.ok);
    if (!here.ok) return;
    const names = catalog.layers.map((l) => l.name);
    assert.equal(expectedLayerNames(root), names);
    // First run: printed (a worker, as nothing is kept) and kept.
    const first = startTypedModuleWriter({ cache: TypedDeclarationsCache.open(root, cacheDir), expectedNames: names });
    const printed = await render(catalog, { root, typedModuleWriter: first });
    assert.ok(printed.ok && printed.files.get(TYPED_MODULE) === here.files.get(TYPED_MODULE));
    const cache = TypedDeclarationsCache.open(root, cacheDir)!;
    assert.ok(cache.get(names) !== undefined, 'kept after printing');
    assert.is(cache.get([...names, 'another']), undefined, 'other names: not kept');
    assert.is(cache.get(names.slice(1)), undefined, 'fewer names: not kept');
    // Second run: filled from the cache.
    const second = startTypedModuleWriter({ cache, expectedNames: names });
    const filled = await render(catalog, { root, typedModuleWriter: second });
    assert.ok(filled.ok && filled.files.get(TYPED_MODULE) === here.files.get(TYPED_MODULE));
    // A wrong guess of the names: printed for the real ones all the same.
    const guessed = startTypedModuleWriter({ cache, expectedNames: ['nothing'] });
    const input = { names: ['a'], layerLiterals: ['{ name: "a" }'], edges: [], waves: [['a']] };
    assert.is(await guessed.write(input), await startTypedModuleWriter().write(input));
    assert.ok(cache.get(['a']) !== undefined);
    const wrong = startTypedModuleWriter({ cache: TypedDeclarationsCache.open(root, cacheDir), expectedNames: ['a'] });
    const again = await render(catalog, { root, typedModuleWriter: wrong });
    assert.ok(again.ok && again.files.get(TYPED_MODULE) === here.files.get(TYPED_MODULE));
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('a writer is used once; closing an unused one is harmless', async () => {
  const writer = startTypedModuleWriter();
  writer.close();
  writer.close();
  const used = startTypedModuleWriter();
  const input = { names: ['a'], layerLiterals: ['{ name: "a" }'], edges: [], waves: [['a']] };
  const text = await used.write(input);
  assert.match(text, /export type LayerName = "a";/);
  try {
    await used.write(input);
    assert.unreachable('a second write must fail');
  } catch (e) {
    assert.match(String(e), /already used/);
  }
});

test.run();
