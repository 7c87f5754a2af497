/**
 * gen's no-op shortcut (generate/stamp.ts): after a generation, an unchanged catalog is answered
 * from the stamp; every kind of change — a layer's file, a new file in a build context, a new
 * layer folder, a template, a JSON Schema, a generated file edited by hand, other options — is
 * noticed, so the shortcut never says "up to date" wrongly.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { unchangedSinceStamp } from '../../packages/catalog/src/generate/stamp.js';
import { lamina as runLamina, REPO } from './support.js';

const made: string[] = [];
test.after(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

function lamina(args: string[], root: string) {
  return runLamina([...args, '--root', root], root);
}

const OPTIONS = JSON.stringify({ cookManifests: false });

/** A generated copy of the shipped catalog with its own cache, and its files aged past the racy second. */
async function generated(): Promise<{ root: string; cacheDir: string }> {
  const root = mkdtempSync(join(tmpdir(), 'lamina-stamp-'));
  made.push(root);
  for (const d of ['layers', 'schemas', 'templates', 'adr']) cpSync(join(REPO, d), join(root, d), { recursive: true });
  const r = await lamina(['gen'], root);
  assert.is(r.code, 0);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  // Stamped again now that every file is older than a second: the shortcut trusts their times.
  assert.is((await lamina(['gen', '--no-cache'], root)).code, 0);
  assert.is((await lamina(['gen'], root)).code, 0);
  return { root, cacheDir: process.env.LAMINA_CACHE_DIR! };
}

test('an unchanged catalog is answered from the stamp, with the same report', async () => {
  const { root, cacheDir } = await generated();
  assert.is(unchangedSinceStamp({ root, cacheDir, options: OPTIONS }), 32);
  const again = await lamina(['gen'], root);
  assert.match(again.stdout, /^0 files written, 0 removed, 40 unchanged$/m);
  const check = await lamina(['gen', '--check'], root);
  assert.is(check.code, 0);
  assert.match(check.stdout, 'ok: generated files are up to date (40 files)');
  assert.is(unchangedSinceStamp({ root, cacheDir, options: JSON.stringify({ cookManifests: true }) }), undefined, 'other options: no shortcut');
});

/** Each change, and how to undo it. */
const CHANGES: [string, (root: string) => () => void][] = [
  ['a comment in a layer file', (root) => edit(join(root, 'layers/zlib/build_directives.ncl'), (t) => `${t}\n# a comment\n`)],
  ['a new file in a build context', (root) => added(join(root, 'layers/zlib/patch.diff'))],
  [
    'a new layer folder',
    (root) => {
      mkdirSync(join(root, 'layers/fresh'));
      return () => rmSync(join(root, 'layers/fresh'), { recursive: true });
    },
  ],
  ['a template', (root) => edit(join(root, 'templates/dockerfile/partials/env.hbs'), (t) => `${t} `)],
  ['a new partial', (root) => added(join(root, 'templates/dockerfile/partials/extra.hbs'))],
  ['a JSON Schema', (root) => edit(join(root, 'schemas/workflow.schema.json'), (t) => `${t}\n`)],
  ['a shared import', (root) => edit(join(root, 'layers/catalog.ncl'), (t) => `${t}\n`)],
  ['a generated file edited by hand', (root) => edit(join(root, 'generated/dockerfiles/zlib.Dockerfile'), (t) => `${t}# edited\n`)],
  [
    'a generated file removed',
    (root) => {
      const file = join(root, 'generated/docker-bake.hcl');
      const text = readFileSync(file, 'utf8');
      rmSync(file);
      return () => writeFileSync(file, text);
    },
  ],
];

function edit(file: string, change: (text: string) => string): () => void {
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, change(text));
  return () => writeFileSync(file, text);
}

function added(file: string): () => void {
  writeFileSync(file, 'x\n');
  return () => rmSync(file);
}

test('no shortcut after any change; back to the shortcut once it is undone (by content)', async () => {
  const { root, cacheDir } = await generated();
  for (const [what, change] of CHANGES) {
    const undo = change(root);
    assert.is(unchangedSinceStamp({ root, cacheDir, options: OPTIONS }), undefined, what);
    undo();
    assert.is(unchangedSinceStamp({ root, cacheDir, options: OPTIONS }), 32, `${what}, undone`);
  }
});

test('a file rewritten with the same size within the racy second is compared by content', async () => {
  const { root, cacheDir } = await generated();
  // Stamp, then change one byte at once: same size, possibly the same modification time.
  assert.is((await lamina(['gen', '--no-cache'], root)).code, 0);
  assert.is((await lamina(['gen'], root)).code, 0);
  const file = join(root, 'generated/docker-bake.json');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace('"default"', '"defaulT"'));
  assert.is(unchangedSinceStamp({ root, cacheDir, options: OPTIONS }), undefined);
});

test.run();
