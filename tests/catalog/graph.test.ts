/** Graph queries over the good fixture: parents, children, ancestors, descendants, order, waves. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LayerGraph, loadCatalog, type FlowsTo } from '../../packages/catalog/src/index.js';
import { cleanFixtures, fixture } from './support.js';

test.after(cleanFixtures);

const edge = (from: string, to: string, role: FlowsTo['role'] = 'build_base'): FlowsTo => ({ from, to, kind: 'FlowsTo', role });

test('edges point from parent to consumer, with the role of the workflow field', () => {
  const c = loadCatalog(fixture('good'));
  assert.equal(c.edges, [
    edge('rust', 'app-deps', 'build_base'),
    edge('rust', 'app-deps', 'runtime_base'),
    edge('openssl', 'app-deps', 'donor'),
    edge('cc', 'openssl', 'build_base'),
    edge('zlib', 'openssl', 'donor'),
    edge('cc', 'zlib', 'build_base'),
  ]);
  assert.equal(
    c.externalBases.map((b) => [b.kind, b.repository, b.tag]),
    [['external', 'docker.io/library/debian', 'bookworm-slim']],
  );
  const zlib = c.layer('zlib')!;
  assert.equal(zlib.buildBase, { kind: 'layer', name: 'cc' });
  assert.is(zlib.runtimeBase.kind, 'scratch');
  assert.is(zlib.class, 'native-dep');
  assert.is(zlib.dir, 'layers/zlib');
});

test('parents, children, ancestors, descendants', () => {
  const c = loadCatalog(fixture('good'));
  assert.equal(c.parents('app-deps'), ['openssl', 'rust']);
  assert.equal(c.children('cc'), ['openssl', 'zlib']);
  assert.equal(c.ancestors('app-deps'), ['cc', 'openssl', 'rust', 'zlib']);
  assert.equal(c.descendants('zlib'), ['app-deps', 'openssl']);
  assert.equal(c.descendants('app-deps'), []);
  assert.throws(() => c.parents('nope'), /unknown layer `nope`/);
});

test('build order puts parents first, ties by name; waves group what can build together', () => {
  const c = loadCatalog(fixture('good'));
  assert.equal(c.buildOrder(), ['cc', 'rust', 'zlib', 'openssl', 'app-deps']);
  assert.equal(c.buildWaves(), [['cc', 'rust'], ['zlib'], ['openssl'], ['app-deps']]);
});

test('waves: a layer is in the wave after its latest parent', () => {
  const g = new LayerGraph(['a', 'b', 'c', 'd', 'e'], [edge('a', 'b'), edge('b', 'c'), edge('a', 'd'), edge('c', 'd', 'donor')]);
  assert.equal(g.buildWaves(), [['a', 'e'], ['b'], ['c'], ['d']]);
  assert.equal(g.buildOrder(), ['a', 'b', 'c', 'd', 'e']);
  for (const [i, wave] of g.buildWaves().entries()) {
    for (const n of wave) for (const p of g.parents(n)) assert.ok(g.waveOf(p)! < i, `${p} before ${n}`);
  }
});

test('cycles are found with their path; a long chain does not overflow the stack', () => {
  const g = new LayerGraph(['a', 'b', 'c', 'x'], [edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('a', 'x')]);
  assert.equal(g.cycles(), [['a', 'b', 'c', 'a']]);
  const n = 20000;
  const names = Array.from({ length: n }, (_, i) => `l${String(i).padStart(5, '0')}`);
  const chain = new LayerGraph(
    names,
    names.slice(1).map((name, i) => edge(names[i]!, name)),
  );
  assert.equal(chain.cycles(), []);
  assert.is(chain.buildWaves().length, n);
  assert.is(chain.ancestors(names[n - 1]!).length, n - 1);
});

test('graph queries are deterministic across loads', () => {
  const a = loadCatalog(fixture('good'));
  const b = loadCatalog(fixture('good'));
  assert.equal(a.edges, b.edges);
  assert.equal(a.buildWaves(), b.buildWaves());
  assert.equal([...a.importGraph], [...b.importGraph]);
});

test.run();
