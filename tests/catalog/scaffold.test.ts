/**
 * `lamina new`: a scaffolded layer of each class validates, generates and passes the ADR checks
 * at once, in a copy of the shipped catalog; its TODOs are where only the author knows the value.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lamina as runLamina, REPO } from './support.js';

const made: string[] = [];
test.after(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

function catalogCopy(): string {
  const root = mkdtempSync(join(tmpdir(), 'lamina-new-'));
  made.push(root);
  for (const d of ['layers', 'schemas', 'templates', 'adr', 'generated']) cpSync(join(REPO, d), join(root, d), { recursive: true });
  return root;
}

function lamina(args: string[], root: string) {
  return runLamina([...args, '--root', root], root);
}

for (const cls of ['toolchain', 'source-dep', 'native-dep'] as const) {
  test(`new --class ${cls}: scaffold → validate → gen → check, all exit 0`, async () => {
    const root = catalogCopy();
    const name = `my-${cls}`;
    const created = await lamina(['new', name, '--class', cls], root);
    assert.is(created.code, 0, created.stderr + created.stdout);
    assert.match(created.stdout, `created layers/${name}/build_directives.ncl`);
    const directives = readFileSync(join(root, `layers/${name}/build_directives.ncl`), 'utf8');
    assert.match(directives, 'TODO');
    if (cls === 'source-dep') assert.ok(existsSync(join(root, `layers/${name}/recipe/Cargo.toml`)));
    const validate = await lamina(['validate'], root);
    assert.is(validate.code, 0, validate.stderr);
    const gen = await lamina(['gen'], root);
    assert.is(gen.code, 0, gen.stderr);
    assert.ok(existsSync(join(root, `generated/dockerfiles/${name}.Dockerfile`)));
    const check = await lamina(['check'], root);
    assert.is(check.code, 0, check.stderr);
    const explain = await lamina(['--json', 'explain', name], root);
    assert.is(JSON.parse(explain.stdout).class, cls);
  });
}

test('new: bases, names and classes it refuses', async () => {
  const root = catalogCopy();
  const onRust = await lamina(['new', 'my-deps', '--class', 'source-dep', '--base', 'rust-musl'], root);
  assert.is(onRust.code, 0, onRust.stderr);
  assert.match(readFileSync(join(root, 'layers/my-deps/workflow.ncl'), 'utf8'), 'build_base = "rust-musl"');
  const exists = await lamina(['new', 'zlib', '--class', 'native-dep'], root);
  assert.is(exists.code, 1);
  assert.match(exists.stderr, 'layer `zlib` already exists');
  const notToolchain = await lamina(['new', 'x', '--class', 'native-dep', '--base', 'zlib'], root);
  assert.is(notToolchain.code, 1);
  assert.match(notToolchain.stderr, '`zlib` is a native-dep; a native-dep builds on a toolchain layer');
  const unpinned = await lamina(['new', 'y', '--class', 'toolchain', '--base', 'debian:bookworm'], root);
  assert.is(unpinned.code, 1);
  assert.match(unpinned.stderr, 'pinned by digest');
  assert.is((await lamina(['new', 'Bad_Name', '--class', 'toolchain'], root)).code, 2);
  assert.is((await lamina(['new', 'z', '--class', 'library'], root)).code, 2);
  assert.is((await lamina(['new', 'z'], root)).code, 2);
  assert.not.ok(existsSync(join(root, 'layers/x')) || existsSync(join(root, 'layers/y')) || existsSync(join(root, 'layers/z')), 'nothing written when refused');
});

test('impact --scheduled weekly: the layers due on that schedule and what builds on them', async () => {
  const root = catalogCopy();
  const r = await lamina(['--json', 'impact', '--scheduled', 'weekly'], root);
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.changed, ['cc', 'node', 'rust']);
  assert.equal(out.affected.find((a: { name: string }) => a.name === 'cc').reasons, [{ kind: 'scheduled', schedule: 'weekly' }]);
  assert.ok(
    out.affected.some((a: { name: string }) => a.name === 'zlib'),
    'descendants follow',
  );
  assert.is((await lamina(['impact', '--scheduled', 'daily'], root)).code, 2);
});

test.run();
