/**
 * Generation is a pure function of the catalog and the templates: two runs in two checkouts write
 * the same bytes; `lamina gen --check` is clean right after `gen`, names the stale files after a
 * change, and the Dockerfile of a removed layer is deleted.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { run } from '../../packages/catalog/src/cli/run.js';
import { loadCatalog } from '../../packages/catalog/src/index.js';
import { generate } from '../../packages/catalog/src/generate/index.js';
import { cleanFixtures, REPO } from './support.js';
import { cleanCopies, repoCopy } from './generate-support.js';

test.after(() => {
  cleanCopies();
  cleanFixtures();
});

async function lamina(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const stream = (append: (s: string) => void) => ({ isTTY: false, write: (c: string) => (append(String(c)), true) }) as unknown as NodeJS.WritableStream;
  const code = await run(args, { stdout: stream((s) => (stdout += s)), stderr: stream((s) => (stderr += s)), env: {} }, cwd);
  return { code, stdout, stderr };
}

function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

test('two generations in two fresh copies are byte-identical, and equal to the committed output', async () => {
  const a = repoCopy();
  const b = repoCopy();
  for (const root of [a, b]) {
    rmSync(join(root, 'generated'), { recursive: true, force: true });
    const report = await generate(loadCatalog(root), { root, check: false });
    assert.equal(report.diagnostics, []);
    assert.is(report.removed.length, 0);
    assert.ok(report.written.length >= 17);
  }
  const ta = tree(join(a, 'generated'));
  const tb = tree(join(b, 'generated'));
  assert.equal([...ta.keys()].sort(), [...tb.keys()].sort());
  for (const [k, v] of ta) assert.ok(v.equals(tb.get(k)!), `${k} differs between runs`);
  const committed = tree(join(REPO, 'generated'));
  for (const [k, v] of ta) assert.ok(committed.get(k)?.equals(v), `${k}: committed output is stale (run \`pnpm gen\`)`);
  // No temporary files are left behind by the atomic writes.
  assert.not.ok([...ta.keys()].some((k) => k.includes('.tmp-')));
  // No absolute paths of the machine in the output.
  for (const [k, v] of ta) assert.not.ok(v.toString('utf8').includes(a), `${k} mentions the checkout path`);
});

test('the committed generated/ is up to date: `lamina gen --check` exits 0 on the repository', async () => {
  const r = await lamina(['gen', '--check'], REPO);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /up to date/);
});

test('gen then gen --check is clean; a second gen writes nothing', async () => {
  const root = repoCopy();
  rmSync(join(root, 'generated'), { recursive: true, force: true });
  assert.is((await lamina(['gen'], root)).code, 0);
  const check = await lamina(['gen', '--check'], root);
  assert.is(check.code, 0, check.stderr);
  const again = await lamina(['gen'], root);
  assert.is(again.code, 0);
  assert.match(again.stdout, /0 files written, 0 removed, 40 unchanged/);
});

test('a comment in a layer changes no generated file', async () => {
  const root = repoCopy();
  appendFileSync(join(root, 'layers/zlib/build_directives.ncl'), '\n# touched\n');
  const check = await lamina(['gen', '--check'], root);
  assert.is(check.code, 0, check.stderr);
});

test('a changed layer makes `gen --check` exit 1 listing its Dockerfile (and what depends on it)', async () => {
  const root = repoCopy();
  const file = join(root, 'layers/zlib/build_directives.ncl');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/summary = "/, 'summary = "(touched) '));
  const check = await lamina(['gen', '--check'], root);
  assert.is(check.code, 1);
  assert.match(check.stderr, /generated\/dockerfiles\/zlib\.Dockerfile: stale/);
  // zlib's fingerprint flows into its consumers' labels and into the typed module.
  assert.match(check.stderr, /generated\/dockerfiles\/librdkafka\.Dockerfile: stale/);
  assert.match(check.stderr, /generated\/catalog\.ts: stale/);
  assert.not.match(check.stderr, /rust\.Dockerfile/);
  // --check changed nothing.
  assert.ok(
    tree(join(root, 'generated'))
      .get('dockerfiles/zlib.Dockerfile')!
      .equals(readFileSync(join(REPO, 'generated/dockerfiles/zlib.Dockerfile'))),
  );
  const json = await lamina(['--json', 'gen', '--check'], root);
  assert.is(json.code, 1);
  assert.ok((JSON.parse(json.stdout) as { stale: string[] }).stale.includes('generated/dockerfiles/zlib.Dockerfile'));
});

test('gen owns only what it wrote: files someone else put in generated/ stay, under --check too', async () => {
  const root = repoCopy();
  writeFileSync(join(root, 'generated/dockerfiles/README.txt'), 'notes\n');
  writeFileSync(join(root, 'generated/dockerfiles/custom-notes.Dockerfile'), 'FROM scratch\n');
  const check = await lamina(['gen', '--check'], root);
  assert.is(check.code, 0, check.stderr);
  const gen = await lamina(['gen'], root);
  assert.is(gen.code, 0, gen.stderr);
  assert.match(gen.stdout, /0 removed/);
  assert.ok(existsSync(join(root, 'generated/dockerfiles/README.txt')));
  assert.ok(existsSync(join(root, 'generated/dockerfiles/custom-notes.Dockerfile')));
  const manifest = JSON.parse(readFileSync(join(root, 'generated/lamina-generated.json'), 'utf8')) as { files: string[] };
  assert.ok(manifest.files.includes('generated/dockerfiles/zlib.Dockerfile'));
  assert.not.ok(manifest.files.some((f) => f.includes('custom-notes')));
});

test("a removed layer's Dockerfile is stale under --check, then deleted by gen", async () => {
  const root = repoCopy();
  rmSync(join(root, 'layers/kafka-stream'), { recursive: true });
  const check = await lamina(['gen', '--check'], root);
  assert.is(check.code, 1);
  assert.match(check.stderr, /generated\/dockerfiles\/kafka-stream\.Dockerfile: stale/);
  const gen = await lamina(['gen'], root);
  assert.is(gen.code, 0, gen.stderr);
  assert.match(gen.stdout, /removed generated\/dockerfiles\/kafka-stream\.Dockerfile/);
  assert.not.ok(existsSync(join(root, 'generated/dockerfiles/kafka-stream.Dockerfile')));
  const bake = readFileSync(join(root, 'generated/docker-bake.json'), 'utf8');
  assert.not.ok(bake.includes('kafka-stream'));
  assert.is((await lamina(['gen', '--check'], root)).code, 0);
});

test('a broken template is reported at its file:line:col and nothing is written', async () => {
  const root = repoCopy();
  rmSync(join(root, 'generated'), { recursive: true, force: true });
  writeFileSync(join(root, 'templates/dockerfile/native-dep.hbs'), '{{> header}}\nFROM {{no_such_field}}\n');
  const r = await lamina(['gen'], root);
  assert.is(r.code, 1);
  assert.match(r.stderr, /^templates\/dockerfile\/native-dep\.hbs:2:8: template error: "no_such_field" not defined \[generate\/template\]$/m);
  assert.not.ok(existsSync(join(root, 'generated')));
  // The pre-commit gate says the same, with the cache on (a render memo from before the edit must not hide it).
  const v = await lamina(['validate'], root);
  assert.is(v.code, 1);
  assert.match(v.stderr, /^templates\/dockerfile\/native-dep\.hbs:2:8: template error: "no_such_field" not defined \[generate\/template\]$/m);
  writeFileSync(join(root, 'templates/dockerfile/native-dep.hbs'), '{{#each x}\n');
  const p = await lamina(['gen'], root);
  assert.is(p.code, 1);
  assert.match(p.stderr, /^templates\/dockerfile\/native-dep\.hbs:1:1: template error: parse error: Expecting/m);
  const vp = await lamina(['validate'], root);
  assert.is(vp.code, 1);
  assert.match(vp.stderr, /^templates\/dockerfile\/native-dep\.hbs:1:1: template error: parse error: Expecting/m);
});

test.run();
