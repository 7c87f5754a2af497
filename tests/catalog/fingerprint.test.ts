/** Fingerprints: stable across copies, changed exactly where a change flows. */
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { canonicalJson, loadCatalog, type LoadedCatalog } from '../../packages/catalog/src/index.js';
import { render } from '../../packages/catalog/src/generate/index.js';
import { saveRenderMemos } from '../../packages/catalog/src/fingerprint/render-memo.js';
import { cleanFixtures, fixture, REPO } from './support.js';

test.after(cleanFixtures);

const prints = (c: LoadedCatalog): Record<string, string> => Object.fromEntries(c.layers.map((l) => [l.name, l.fingerprint]));

function changed(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(before)
    .filter((k) => before[k] !== after[k])
    .sort();
}

test('the same content in two copies gives the same fingerprints', () => {
  const a = prints(loadCatalog(fixture('good')));
  const b = prints(loadCatalog(fixture('good')));
  assert.equal(a, b);
  for (const fp of Object.values(a)) assert.match(fp, /^[0-9a-f]{64}$/);
  const c = loadCatalog(fixture('good'));
  assert.is(c.shortFingerprint('zlib'), c.fingerprint('zlib').slice(0, 12));
});

/** The fixture with the shipped templates, so every layer's Dockerfile renders. */
function renderable(): string {
  const root = fixture('good');
  cpSync(join(REPO, 'templates'), join(root, 'templates'), { recursive: true });
  return root;
}

function edit(file: string, from: RegExp | string, to: string): void {
  const text = readFileSync(file, 'utf8');
  assert.ok(typeof from === 'string' ? text.includes(from) : from.test(text), `${file} holds ${from}`);
  writeFileSync(file, text.replace(from, to));
}

test('stable: comments and reformatting in Nickel files change no fingerprint', () => {
  const root = renderable();
  const before = prints(loadCatalog(root));
  appendFileSync(join(root, 'layers/versions.ncl'), '# a comment renders nothing\n');
  appendFileSync(join(root, 'schemas/contracts/adr.ncl'), '\n# nor does one in a contract\n');
  edit(join(root, 'layers/zlib/build_directives.ncl'), 'summary = "zlib library",', 'summary\n    =   "zlib library"  ,  # reformatted');
  assert.equal(changed(before, prints(loadCatalog(root))), []);
});

test('stable: a template change that renders identically, and a partial no template uses', () => {
  const root = renderable();
  const before = prints(loadCatalog(root));
  appendFileSync(join(root, 'templates/dockerfile/partials/env.hbs'), '{{!-- a template comment renders nothing --}}');
  writeFileSync(join(root, 'templates/dockerfile/partials/unused.hbs'), 'RUN echo nobody includes me\n');
  assert.equal(changed(before, prints(loadCatalog(root))), []);
});

test("stable: files the ignore file keeps out of the context (the Nickel sources, the layer's own .dockerignore)", () => {
  const root = renderable();
  const before = prints(loadCatalog(root));
  writeFileSync(join(root, 'layers/zlib/notes.ncl'), '{ unused = true }\n');
  const withIgnore = prints(loadCatalog(root));
  assert.equal(changed(before, withIgnore), []);
  // The layer's own .dockerignore is carried into the generated one (so it counts once), then
  // the files it excludes do not.
  writeFileSync(join(root, 'layers/app-deps/.dockerignore'), 'scratch/\n');
  const ignoring = prints(loadCatalog(root));
  assert.equal(changed(withIgnore, ignoring), ['app-deps']);
  mkdirSync(join(root, 'layers/app-deps/scratch'));
  writeFileSync(join(root, 'layers/app-deps/scratch/out.log'), 'noise\n');
  assert.equal(changed(ignoring, prints(loadCatalog(root))), []);
});

test('sensitive: a value that reaches the Dockerfile changes the layer and its descendants (one that does not, nothing)', () => {
  const root = renderable();
  const before = prints(loadCatalog(root));
  // The fixture's source version is metadata no Dockerfile line prints.
  writeFileSync(join(root, 'layers/versions.ncl'), '{ zlib = "1.3.2" }\n');
  assert.equal(changed(before, prints(loadCatalog(root))), []);
  edit(join(root, 'layers/zlib/build_directives.ncl'), 'zlib-1.3.1.tar.gz', 'zlib-1.3.2.tar.gz');
  assert.equal(changed(before, prints(loadCatalog(root))), ['app-deps', 'openssl', 'zlib']);
});

test('sensitive: any byte of the Dockerfile, through a template', () => {
  const root = renderable();
  const before = prints(loadCatalog(root));
  appendFileSync(join(root, 'templates/dockerfile/native-dep.hbs'), '\n');
  const mid = prints(loadCatalog(root));
  assert.equal(changed(before, mid), ['app-deps', 'openssl', 'zlib']);
  appendFileSync(join(root, 'templates/dockerfile/partials/labels.hbs'), ' ');
  assert.equal(changed(mid, prints(loadCatalog(root))), ['app-deps', 'cc', 'openssl', 'rust', 'zlib']);
});

test('sensitive: any byte of a file in the build context, added or changed', () => {
  const root = renderable();
  const before = prints(loadCatalog(root));
  appendFileSync(join(root, 'layers/app-deps/recipe/Cargo.toml'), '\n');
  const mid = prints(loadCatalog(root));
  assert.equal(changed(before, mid), ['app-deps']);
  writeFileSync(join(root, 'layers/zlib/fix.patch'), '--- a\n+++ b\n');
  assert.equal(changed(mid, prints(loadCatalog(root))), ['app-deps', 'openssl', 'zlib']);
});

test('sensitive: platforms and a parent', () => {
  const root = renderable();
  const before = prints(loadCatalog(root));
  const c = loadCatalog(root);
  const input = c.buildInput('openssl');
  assert.equal(input.platforms, c.layer('openssl')!.workflow.platforms);
  assert.equal(input.args, { SOURCE_DATE_EPOCH: '${SOURCE_DATE_EPOCH}' });
  assert.ok(input.dockerfile.includes('online.librecloud.lamina.fingerprint="self"'), 'hashed with its own label reading self');
  assert.not.ok(input.context.some((f) => f.path.endsWith('.ncl')));
  // cc is a parent of zlib and openssl: a change in cc's Dockerfile reaches them through it.
  edit(join(root, 'layers/cc/build_directives.ncl'), /summary = "([^"]*)"/, 'summary = "$1 (changed)"');
  assert.equal(changed(before, prints(loadCatalog(root))), ['app-deps', 'cc', 'openssl', 'zlib']);
});

test('the generated Dockerfile carries the fingerprint, and its ignore file keeps the Nickel sources out', async () => {
  const root = renderable();
  const c = loadCatalog(root);
  const files = await render(c, { root });
  assert.ok(files.ok);
  if (!files.ok) return;
  assert.match(files.files.get('generated/dockerfiles/zlib.Dockerfile')!, `online.librecloud.lamina.fingerprint="${c.fingerprint('zlib')}"`);
  assert.match(files.files.get('generated/dockerfiles/zlib.Dockerfile.dockerignore')!, /^\*\*\/\*\.ncl$/m);
});

test('the render memo (kept between runs) gives the fingerprints a full render gives, also after edits', () => {
  const root = renderable();
  const cacheDir = mkdtempSync(join(tmpdir(), 'lamina-memo-'));
  const cached = () => {
    const p = prints(loadCatalog(root, { cache: true, cacheDir }));
    saveRenderMemos();
    return p;
  };
  try {
    const first = cached();
    assert.equal(first, prints(loadCatalog(root)));
    assert.ok(existsSync(cacheDir) && readdirSync(cacheDir).some((f) => f.startsWith('render-')), 'the memo was written');
    assert.equal(cached(), first, 'from the memo');
    const edits: (() => void)[] = [
      () => appendFileSync(join(root, 'templates/dockerfile/native-dep.hbs'), '\n'),
      () => edit(join(root, 'layers/zlib/build_directives.ncl'), 'zlib-1.3.1.tar.gz', 'zlib-1.3.2.tar.gz'),
      () => edit(join(root, 'layers/cc/build_directives.ncl'), /summary = "([^"]*)"/, 'summary = "$1 (changed)"'),
      () => writeFileSync(join(root, 'layers/openssl/extra.txt'), 'x\n'),
    ];
    for (const change of edits) {
      change();
      assert.equal(cached(), prints(loadCatalog(root)));
    }
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
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
    'schemas/contracts/hints.ncl',
    'schemas/contracts/predicates.ncl',
    'schemas/contracts/workflow.ncl',
  ]);
  assert.ok(c.layer('app-deps')!.inputFiles.includes('layers/app-deps/recipe/Cargo.toml'));
});

test('canonical JSON sorts keys at every depth', () => {
  assert.is(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] }), '{"a":[{"c":"x","d":null}],"b":1}');
});

test.run();
