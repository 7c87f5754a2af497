/** generated/catalog.ts type-checks on its own under `tsc --strict`, and its types mean something. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../../packages/catalog/src/index.js';
import { TYPED_MODULE } from '../../packages/catalog/src/generate/index.js';
import { REPO } from './support.js';

const TSC = join(REPO, 'node_modules/.bin/tsc');

function typecheck(files: Record<string, string>): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lamina-typed-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const args = [
      '--noEmit',
      '--strict',
      '--target',
      'ES2022',
      '--module',
      'NodeNext',
      '--moduleResolution',
      'NodeNext',
      '--skipLibCheck',
      '--types',
      '',
      ...Object.keys(files).map((f) => join(dir, f)),
    ];
    try {
      return { ok: true, output: execFileSync(TSC, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      return { ok: false, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const moduleText = readFileSync(join(REPO, TYPED_MODULE), 'utf8');

test('the committed typed module type-checks under tsc --strict, with code that uses it', () => {
  const usage = [
    "import { layers, edges, buildWaves, type LayerName, type LayerInfo } from './catalog.js';",
    "const rust: LayerInfo<'rust'> = layers.rust;",
    "const cls: 'toolchain' | 'source-dep' | 'native-dep' = rust.class;",
    'const parents: LayerName[] = edges.filter((e) => e.to === "rustelo").map((e) => e.from);',
    'const first: readonly LayerName[] = buildWaves[0] ?? [];',
    'export const used = [cls, parents, first];',
  ].join('\n');
  const r = typecheck({ 'catalog.ts': moduleText, 'use.ts': usage });
  assert.ok(r.ok, r.output);
});

test("LayerName is exactly the catalog's layers: an unknown name is a type error", () => {
  const usage = "import type { LayerName } from './catalog.js';\nexport const x: LayerName = 'no-such-layer';\n";
  const r = typecheck({ 'catalog.ts': moduleText, 'use.ts': usage });
  assert.not.ok(r.ok);
  assert.match(r.output, /no-such-layer/);
  const names = loadCatalog(REPO).layers.map((l) => l.name);
  const union = /export type LayerName = ([^;]+);/.exec(moduleText)![1]!;
  assert.equal(
    union.split(' | ').map((s) => JSON.parse(s) as string),
    names,
  );
});

test('the typed module carries classes, fingerprints and edges of the catalog', () => {
  const catalog = loadCatalog(REPO);
  for (const layer of catalog.layers) {
    assert.ok(moduleText.includes(`fingerprint: "${layer.fingerprint}"`), layer.name);
    assert.ok(moduleText.includes(`name: "${layer.name}", class: "${layer.class}"`), layer.name);
  }
  for (const e of catalog.edges) assert.ok(moduleText.includes(`{ from: "${e.from}", to: "${e.to}", role: "${e.role}" }`));
});

test.run();
