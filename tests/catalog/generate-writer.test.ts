/**
 * The typed module printed in a worker thread (startTypedModuleWriter, what `lamina gen` uses) is
 * byte-identical to the one printed in this thread, and a writer that is never used does not keep
 * the process alive.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatDiagnostic, loadCatalog } from '../../packages/catalog/src/index.js';
import { render, startTypedModuleWriter, TYPED_MODULE } from '../../packages/catalog/src/generate/index.js';
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
