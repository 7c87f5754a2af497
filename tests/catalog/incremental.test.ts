/**
 * Incremental runs never miss a change: after each kind of change, a `gen` that uses every cache
 * (the evaluation cache trusting unchanged sizes and times, the render memo's final Dockerfile
 * digests, the stamp's record of the outputs, the kept typed-module declarations) leaves exactly
 * the files a full `gen --no-cache` makes; `validate` answers from its stamp only while nothing
 * changed; an input modified while a run reads it is never stamped as read; and a layer file
 * rewritten at once with the same size is still evaluated again.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { saveRenderMemos } from '../../packages/catalog/src/fingerprint/render-memo.js';
import { unchangedSinceStamp, writeStamp } from '../../packages/catalog/src/generate/stamp.js';
import { loadCatalog } from '../../packages/catalog/src/index.js';
import { lamina as runLamina, REPO } from './support.js';

const made: string[] = [];
test.after(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function lamina(args: string[], root: string) {
  const r = await runLamina([...args, '--root', root], root);
  // The render memo is written when a process exits; these runs share the test's process.
  saveRenderMemos();
  return r;
}

/** Every generated file, path → text. */
function generatedFiles(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${rel}/${e.name}`);
      else out.set(`${rel}/${e.name}`, readFileSync(join(root, rel, e.name), 'utf8'));
    }
  };
  walk('generated');
  return out;
}

/** A copy of the shipped catalog, generated and stamped with its files past the racy second. */
async function generated(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'lamina-incremental-'));
  made.push(root);
  for (const d of ['layers', 'schemas', 'templates', 'adr']) cpSync(join(REPO, d), join(root, d), { recursive: true });
  assert.is((await lamina(['gen'], root)).code, 0);
  await sleep(1100);
  assert.is((await lamina(['gen', '--no-cache'], root)).code, 0);
  assert.is((await lamina(['gen'], root)).code, 0);
  return root;
}

function edit(file: string, change: (text: string) => string): void {
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

/** Each change, made to a catalog whose caches are warm. */
const CHANGES: [string, (root: string) => void][] = [
  ['a layer value', (root) => edit(join(root, 'layers/zlib/build_directives.ncl'), (t) => t.replace('summary = "', 'summary = "changed '))],
  ['the same layer value again', (root) => edit(join(root, 'layers/zlib/build_directives.ncl'), (t) => t.replace('summary = "', 'summary = "again '))],
  ['a base layer value', (root) => edit(join(root, 'layers/cc/build_directives.ncl'), (t) => t.replace('summary = "', 'summary = "changed '))],
  ['a template', (root) => edit(join(root, 'templates/dockerfile/partials/env.hbs'), (t) => `${t} `)],
  ['the template undone', (root) => edit(join(root, 'templates/dockerfile/partials/env.hbs'), (t) => t.slice(0, -1))],
  ['a shared import', (root) => edit(join(root, 'layers/catalog.ncl'), (t) => t.replace('"eu-west-1"', '"eu-west-2"'))],
  ['a generated Dockerfile edited by hand', (root) => edit(join(root, 'generated/dockerfiles/zlib.Dockerfile'), (t) => `${t}# edited\n`)],
  ['a generated Dockerfile removed', (root) => rmSync(join(root, 'generated/dockerfiles/lz4.Dockerfile'))],
  ['the typed module edited by hand', (root) => edit(join(root, 'generated/catalog.ts'), (t) => t.replace('export', 'export '))],
  [
    'a new layer',
    (root) => {
      cpSync(join(root, 'layers/lz4'), join(root, 'layers/lz5'), { recursive: true });
      for (const f of ['build_directives.ncl', 'workflow.ncl']) edit(join(root, 'layers/lz5', f), (t) => t.replaceAll('lz4', 'lz5'));
    },
  ],
  ['a layer removed', (root) => rmSync(join(root, 'layers/lz5'), { recursive: true })],
  [
    "a file in a base layer's build context",
    (root) => {
      mkdirSync(join(root, 'layers/cc/extra'), { recursive: true });
      writeFileSync(join(root, 'layers/cc/extra/patch.diff'), 'x\n');
    },
  ],
  // Only fingerprints change: every Dockerfile below cc has another label, from the same render key.
  ["that file's content", (root) => writeFileSync(join(root, 'layers/cc/extra/patch.diff'), 'y\n')],
];

test('after every kind of change, a cached gen writes what a full gen writes', async () => {
  const root = await generated();
  for (const [what, change] of CHANGES) {
    change(root);
    const r = await lamina(['gen'], root);
    assert.is(r.code, 0, `${what}: ${r.stderr}`);
    const cached = generatedFiles(root);
    // A full generation over what the cached one left: nothing to change.
    const full = await lamina(['gen', '--no-cache', '--check'], root);
    assert.is(full.code, 0, `${what}: ${full.stderr}`);
    assert.is((await lamina(['gen', '--no-cache'], root)).code, 0);
    assert.equal([...generatedFiles(root)], [...cached], what);
    // Past the racy second, so that the next change meets caches that trust times.
    await sleep(1100);
    assert.is((await lamina(['gen'], root)).code, 0);
  }
});

/** Changes `validate` must see, each undone after. */
const VALIDATE_CHANGES: [string, (root: string) => () => void][] = [
  [
    'a layer value that breaks a contract',
    (root) => undoable(join(root, 'layers/zlib/build_directives.ncl'), (t) => t.replace(/summary = "[^"]*"/, 'summary = 42')),
  ],
  ['a template that does not parse', (root) => undoable(join(root, 'templates/dockerfile/partials/env.hbs'), (t) => `${t}{{#if}}`)],
  ['a JSON Schema', (root) => undoable(join(root, 'schemas/workflow.schema.json'), (t) => t.replace(/("tags": \{[^}]*"minItems": )1,/, '$19,'))],
  [
    'a folder without the layer files',
    (root) => {
      mkdirSync(join(root, 'layers/half'));
      return () => rmSync(join(root, 'layers/half'), { recursive: true });
    },
  ],
];

function undoable(file: string, change: (text: string) => string): () => void {
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, change(text));
  return () => writeFileSync(file, text);
}

test('validate says again what it concluded only while nothing changed', async () => {
  const root = await generated();
  const first = await lamina(['validate'], root);
  assert.is(first.code, 0);
  await sleep(1100);
  // Stamped again now that every file is older than a second.
  assert.is((await lamina(['validate'], root)).code, 0);
  assert.ok(unchangedSinceStamp({ root, cacheDir: process.env.LAMINA_CACHE_DIR, options: '', command: 'validate' }) !== undefined, 'stamped');
  assert.equal(await lamina(['validate'], root), first);
  for (const [what, change] of VALIDATE_CHANGES) {
    const undo = change(root);
    const cached = await lamina(['validate'], root);
    assert.is(cached.code, 1, `${what}: ${cached.stdout}`);
    assert.equal(cached, await lamina(['validate', '--no-cache'], root), what);
    undo();
    assert.equal(await lamina(['validate'], root), first, `${what}, undone`);
  }
});

test('an input modified after the run began is stamped as changed', async () => {
  const root = await generated();
  const cacheDir = process.env.LAMINA_CACHE_DIR;
  const options = JSON.stringify({ cookManifests: false });
  assert.ok(unchangedSinceStamp({ root, cacheDir, options }) !== undefined);
  const catalog = loadCatalog(root);
  const outputs = (JSON.parse(readFileSync(join(root, 'generated/lamina-generated.json'), 'utf8')) as { files: string[] }).files;
  // As if the run had begun an hour ago: every input was modified while it read them.
  writeStamp({ root, cacheDir, options }, catalog, outputs, { startedAt: Date.now() - 3_600_000 });
  assert.is(unchangedSinceStamp({ root, cacheDir, options }), undefined);
  writeStamp({ root, cacheDir, options }, catalog, outputs, { startedAt: Date.now() });
  assert.ok(unchangedSinceStamp({ root, cacheDir, options }) !== undefined);
});

test('a layer file rewritten at once with the same size is evaluated again', async () => {
  const root = await generated();
  const file = join(root, 'layers/zlib/build_directives.ncl');
  const text = readFileSync(file, 'utf8');
  const summary = (): string =>
    (loadCatalog(root, { cache: true, cacheDir: process.env.LAMINA_CACHE_DIR }).layer('zlib')!.directives as { summary: string }).summary;
  const before = summary();
  for (const letter of ['X', 'Y', 'Z']) {
    writeFileSync(file, text.replace(/summary = "./, `summary = "${letter}`));
    assert.is(summary(), `${letter}${before.slice(1)}`);
  }
  // And after the racy second, with another time.
  await sleep(1100);
  writeFileSync(file, text);
  assert.is(summary(), before);
});

test.run();
