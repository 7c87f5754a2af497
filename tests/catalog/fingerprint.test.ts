/** Fingerprints: stable across copies, changed exactly where a change flows. */
import { appendFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { canonicalJson, loadCatalog, type LoadedCatalog } from '../../packages/catalog/src/index.js';
import { cleanFixtures, fixture } from './support.js';

test.after(cleanFixtures);

const prints = (c: LoadedCatalog): Record<string, string> => Object.fromEntries(c.layers.map((l) => [l.name, l.fingerprint]));

function changed(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(before).filter((k) => before[k] !== after[k]).sort();
}

test('the same content in two copies gives the same fingerprints', () => {
  const a = prints(loadCatalog(fixture('good')));
  const b = prints(loadCatalog(fixture('good')));
  assert.equal(a, b);
  for (const fp of Object.values(a)) assert.match(fp, /^[0-9a-f]{64}$/);
  const c = loadCatalog(fixture('good'));
  assert.is(c.shortFingerprint('zlib'), c.fingerprint('zlib').slice(0, 12));
});

test("a change in an imported file changes exactly the importing layers and their descendants", () => {
  const root = fixture('good');
  const before = prints(loadCatalog(root));
  appendFileSync(join(root, 'layers/versions.ncl'), '# a comment is a change too\n');
  const after = prints(loadCatalog(root));
  assert.equal(changed(before, after), ['app-deps', 'openssl', 'zlib']);
});

test('a file shared by some layers changes those and their descendants only', () => {
  const root = fixture('good');
  const before = prints(loadCatalog(root));
  appendFileSync(join(root, 'layers/images.ncl'), '\n');
  assert.equal(changed(before, prints(loadCatalog(root))), ['app-deps', 'cc', 'openssl', 'rust', 'zlib']);
});

test("a file in a layer's folder (its build context) counts", () => {
  const root = fixture('good');
  const before = prints(loadCatalog(root));
  appendFileSync(join(root, 'layers/app-deps/recipe/Cargo.toml'), '\n');
  assert.equal(changed(before, prints(loadCatalog(root))), ['app-deps']);
});

test("a class template changes the layers of that class and their descendants", () => {
  const root = fixture('good');
  const before = prints(loadCatalog(root));
  mkdirSync(join(root, 'templates/dockerfile/partials'), { recursive: true });
  writeFileSync(join(root, 'templates/dockerfile/native-dep.hbs'), 'FROM {{build_base}}\n');
  const mid = prints(loadCatalog(root));
  assert.equal(changed(before, mid), ['app-deps', 'openssl', 'zlib']);
  writeFileSync(join(root, 'templates/dockerfile/partials/labels.hbs'), 'LABEL x=y\n');
  assert.equal(changed(mid, prints(loadCatalog(root))), ['app-deps', 'cc', 'openssl', 'rust', 'zlib']);
  assert.equal(loadCatalog(root).layer('zlib')!.templateFiles, [
    'templates/dockerfile/native-dep.hbs',
    'templates/dockerfile/partials/labels.hbs',
  ]);
});

test('input files: the folder plus every Nickel file reached by import, sorted', () => {
  const c = loadCatalog(fixture('good'));
  assert.equal(c.layer('zlib')!.inputFiles, [
    'layers/versions.ncl',
    'layers/zlib/build_directives.ncl',
    'layers/zlib/workflow.ncl',
    'schemas/contracts.ncl',
    'schemas/contracts/adr.ncl',
    'schemas/contracts/build.ncl',
    'schemas/contracts/predicates.ncl',
    'schemas/contracts/workflow.ncl',
  ]);
  assert.ok(c.layer('app-deps')!.inputFiles.includes('layers/app-deps/recipe/Cargo.toml'));
});

test('canonical JSON sorts keys at every depth', () => {
  assert.is(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] }), '{"a":[{"c":"x","d":null}],"b":1}');
});

test.run();
