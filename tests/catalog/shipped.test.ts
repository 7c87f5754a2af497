/** The catalog shipped in layers/ satisfies every rule. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatDiagnostic, loadCatalog } from '../../packages/catalog/src/index.js';
import { REPO } from './support.js';

test('the shipped catalog loads with zero errors', () => {
  const c = loadCatalog(REPO);
  const errors = c.diagnostics.filter((d) => d.severity === 'error');
  assert.equal(errors.map(formatDiagnostic), []);
  assert.ok(c.layers.length > 0);
  // Every layer has a fingerprint and a wave; the order respects every edge.
  const position = new Map(c.buildOrder().map((n, i) => [n, i]));
  assert.is(position.size, c.layers.length);
  for (const e of c.edges) assert.ok(position.get(e.from)! < position.get(e.to)!, `${e.from} before ${e.to}`);
  for (const l of c.layers) assert.match(l.fingerprint, /^[0-9a-f]{64}$/);
});

test.run();
