/**
 * Impact: every path → layer rule, diamonds, waves, git through throwaway repositories, and the
 * CLI's formats. Fixture `good`: cc → zlib → openssl ← cc (a diamond), rust + openssl → app-deps.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chainOf, impactOf, loadCatalog, providedParents, type LoadedCatalog } from '../../packages/catalog/src/index.js';
import { changedSince } from '../../packages/catalog/src/impact/git.js';
import { run } from '../../packages/catalog/src/cli/run.js';
import { cleanFixtures, fixture, REPO } from './support.js';

test.after(cleanFixtures);

let shared: { root: string; catalog: LoadedCatalog } | undefined;
function good(): { root: string; catalog: LoadedCatalog } {
  if (!shared) {
    const root = fixture('good');
    shared = { root, catalog: loadCatalog(root) };
    assert.ok(shared.catalog.ok);
  }
  return shared;
}

const names = (r: { affected: readonly { name: string }[] }): string[] => r.affected.map((a) => a.name);
const reasonsOf = (r: ReturnType<typeof impactOf>, name: string) => r.affected.find((a) => a.name === name)!.reasons;

test('a named layer: it and its descendants, with parent reasons and chains', () => {
  const r = impactOf(good().catalog, { layers: ['rust'] });
  assert.equal(r.changed, ['rust']);
  assert.equal(names(r), ['app-deps', 'rust']);
  assert.equal(r.waves, [['rust'], ['app-deps']]);
  assert.equal(reasonsOf(r, 'rust'), [{ kind: 'named' }]);
  assert.equal(reasonsOf(r, 'app-deps'), [{ kind: 'parent', parent: 'rust', roles: ['build_base', 'runtime_base'] }]);
  assert.equal(chainOf(r, 'app-deps'), ['rust', 'app-deps']);
});

test('diamond: openssl is rebuilt once, after both of its changed parents, with both reasons', () => {
  const { catalog } = good();
  const r = impactOf(catalog, { layers: ['cc'] });
  assert.equal(names(r), ['app-deps', 'cc', 'openssl', 'zlib']);
  assert.equal(r.waves, [['cc'], ['zlib'], ['openssl'], ['app-deps']]);
  assert.equal(
    reasonsOf(r, 'openssl').map((x) => (x.kind === 'parent' ? x.parent : x.kind)),
    ['cc', 'zlib'],
  );
  assert.equal(chainOf(r, 'app-deps'), ['cc', 'openssl', 'app-deps']);
  // app-deps' other parent, rust, is provided (already built), not rebuilt and not skipped.
  assert.equal(
    providedParents(catalog, r).map((p) => `${p.layer}<-${p.parent.name}`),
    ['app-deps<-rust'],
  );
});

test('waves: an unchanged parent does not hold a layer back', () => {
  const r = impactOf(good().catalog, { layers: ['zlib'] });
  assert.equal(r.waves, [['zlib'], ['openssl'], ['app-deps']]);
  assert.equal(reasonsOf(r, 'openssl'), [{ kind: 'parent', parent: 'zlib', roles: ['donor'] }]);
});

test('two changed layers on one line: the lower one waits for the upper one', () => {
  const r = impactOf(good().catalog, { layers: ['openssl', 'cc'] });
  assert.equal(r.changed, ['cc', 'openssl']);
  assert.equal(r.waves, [['cc'], ['zlib'], ['openssl'], ['app-deps']]);
  const reasons = reasonsOf(r, 'openssl').map((x) => x.kind);
  assert.equal(reasons, ['named', 'parent', 'parent']);
});

test('rule file-in-layer: any file under layers/<name>/', () => {
  const r = impactOf(good().catalog, { paths: ['layers/zlib/patches/fix.patch'] });
  assert.equal(r.changed, ['zlib']);
  assert.equal(reasonsOf(r, 'zlib'), [{ kind: 'file-in-layer', path: 'layers/zlib/patches/fix.patch' }]);
  assert.equal(names(r), ['app-deps', 'openssl', 'zlib']);
});

test('rule imports: a shared Nickel file maps to the layers that import it, with the chain', () => {
  const { catalog } = good();
  const r = impactOf(catalog, { paths: ['layers/versions.ncl'] });
  assert.equal(r.changed, ['zlib']);
  assert.equal(reasonsOf(r, 'zlib'), [{ kind: 'imports', path: 'layers/versions.ncl', chain: ['layers/versions.ncl', 'layers/zlib/build_directives.ncl'] }]);
  const images = impactOf(catalog, { paths: ['layers/images.ncl'] });
  assert.equal(images.changed, ['cc', 'rust']);
  assert.equal(names(images), ['app-deps', 'cc', 'openssl', 'rust', 'zlib']);
});

test('rule imports, transitively: a file imported by an imported file', () => {
  const root = fixture('good');
  writeFileSync(join(root, 'layers/base-versions.ncl'), '{ zlib = "1.3.1" }\n');
  writeFileSync(join(root, 'layers/versions.ncl'), 'import "base-versions.ncl"\n');
  const catalog = loadCatalog(root, { cache: false });
  assert.ok(catalog.ok, JSON.stringify(catalog.diagnostics));
  const r = impactOf(catalog, { paths: ['layers/base-versions.ncl'] });
  assert.equal(r.changed, ['zlib']);
  assert.equal(reasonsOf(r, 'zlib'), [
    { kind: 'imports', path: 'layers/base-versions.ncl', chain: ['layers/base-versions.ncl', 'layers/versions.ncl', 'layers/zlib/build_directives.ncl'] },
  ]);
});

test('rule schema: the contracts (imported by every layer) and the JSON Schemas map to every layer', () => {
  const { catalog } = good();
  const all = ['app-deps', 'cc', 'openssl', 'rust', 'zlib'];
  const contracts = impactOf(catalog, { paths: ['schemas/contracts.ncl'] });
  assert.equal(contracts.changed, all);
  assert.ok(reasonsOf(contracts, 'cc').every((x) => x.kind === 'schema' || x.kind === 'parent'));
  const deep = impactOf(catalog, { paths: ['schemas/contracts/build.ncl'] });
  assert.equal(deep.changed, all);
  const first = reasonsOf(deep, 'rust')[0]!;
  assert.is(first.kind, 'schema');
  assert.equal(first.kind === 'schema' && first.chain.slice(0, 2), ['schemas/contracts/build.ncl', 'schemas/contracts.ncl']);
  const json = impactOf(catalog, { paths: ['schemas/workflow.schema.json'] });
  assert.equal(json.changed, all);
  assert.equal(reasonsOf(json, 'zlib')[0], { kind: 'schema', path: 'schemas/workflow.schema.json', chain: ['schemas/workflow.schema.json'] });
});

test('rule template: a class template maps to its layers, a partial to every layer', () => {
  const { catalog } = good();
  const native = impactOf(catalog, { paths: ['templates/dockerfile/native-dep.hbs'] });
  assert.equal(native.changed, ['openssl', 'zlib']);
  assert.equal(reasonsOf(native, 'zlib')[0], { kind: 'template', path: 'templates/dockerfile/native-dep.hbs', class: 'native-dep' });
  const partial = impactOf(catalog, { paths: ['templates/dockerfile/partials/env.hbs'] });
  assert.equal(partial.changed, ['app-deps', 'cc', 'openssl', 'rust', 'zlib']);
});

test('unmapped paths are reported, not errors; nothing changed means nothing to rebuild', () => {
  const r = impactOf(good().catalog, { paths: ['README.md', 'layers/README.md', 'layers/gone/x'] });
  assert.equal(r.changed, []);
  assert.equal(r.affected, []);
  assert.equal(r.waves, []);
  assert.equal(r.unmapped, ['README.md', 'layers/README.md', 'layers/gone/x']);
});

function gitRepo(root: string): (...args: string[]) => string {
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@e',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@e',
        GIT_CONFIG_GLOBAL: '/dev/null',
      },
    });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  return git;
}

test('git: committed, staged, unstaged and untracked changes since a reference', () => {
  const root = fixture('good');
  const git = gitRepo(root);
  appendFileSync(join(root, 'layers/images.ncl'), '\n');
  git('commit', '-q', '-am', 'images');
  appendFileSync(join(root, 'layers/versions.ncl'), '\n'); // unstaged
  writeFileSync(join(root, 'layers/rust/new-file.txt'), 'x\n'); // untracked
  writeFileSync(join(root, 'notes.md'), 'x\n');
  git('add', 'notes.md'); // staged
  const changed = changedSince(root, 'HEAD~1');
  assert.equal(changed, { ok: true, paths: ['layers/images.ncl', 'layers/rust/new-file.txt', 'layers/versions.ncl', 'notes.md'] });
  const r = impactOf(loadCatalog(root, { cache: false }), { paths: changed.ok ? changed.paths : [] });
  assert.equal(r.changed, ['cc', 'rust', 'zlib']);
  assert.equal(r.unmapped, ['notes.md']);
  assert.equal(changedSince(root, 'no-such-ref').ok, false);
});

test('git: a catalog in a subfolder of the repository gets paths relative to itself', () => {
  const top = fixture('good');
  const root = join(top, 'catalog');
  mkdirSync(root);
  execFileSync('sh', ['-c', 'mv layers schemas catalog/'], { cwd: top });
  const git = gitRepo(top);
  writeFileSync(join(root, 'layers/zlib/extra.txt'), 'x\n');
  writeFileSync(join(top, 'outside.txt'), 'x\n');
  assert.equal(changedSince(root, 'HEAD'), { ok: true, paths: ['layers/zlib/extra.txt'] });
  git('status');
});

test('CLI --since in a catalog that is a subfolder of its repository: compared with the subfolder at the revision', async () => {
  const top = fixture('good');
  const root = join(top, 'catalog');
  mkdirSync(root);
  execFileSync('sh', ['-c', 'mv layers schemas templates catalog/'], { cwd: top });
  gitRepo(top);
  appendFileSync(join(root, 'layers/versions.ncl'), '# a comment\n');
  writeFileSync(join(root, 'layers/zlib/extra.txt'), 'x\n');
  const r = await lamina(['impact', '--root', root, '--since', 'HEAD', '--json']);
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.changed, ['zlib']);
  assert.equal(
    out.affected.find((a: { name: string }) => a.name === 'zlib').reasons.find((x: { kind: string }) => x.kind === 'output'),
    { kind: 'output', differences: ['context file extra.txt added'] },
  );
});

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function lamina(args: string[]): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const stream = (append: (s: string) => void) => ({ isTTY: false, write: (c: string) => (append(String(c)), true) }) as unknown as NodeJS.WritableStream;
  const code = await run(args, { stdout: stream((s) => (stdout += s)), stderr: stream((s) => (stderr += s)), env: {} }, REPO);
  return { code, stdout, stderr };
}

test('CLI: --json has changed, affected with reasons (parent chains), waves', async () => {
  const r = await lamina(['impact', '--root', good().root, '--json', 'zlib']);
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.changed, ['zlib']);
  assert.equal(out.waves, [['zlib'], ['openssl'], ['app-deps']]);
  assert.equal(out.affected[0], {
    name: 'app-deps',
    reasons: [{ kind: 'parent', parent: 'openssl', roles: ['donor'], chain: ['zlib', 'openssl', 'app-deps'] }],
  });
});

test('CLI: text, bake and github-matrix formats', async () => {
  const root = good().root;
  const text = await lamina(['impact', '--root', root, 'layers/versions.ncl', 'README.md']);
  assert.is(text.code, 0, text.stderr);
  assert.match(text.stdout, 'rebuild 3 layers in 3 waves:\n  wave 0: zlib\n  wave 1: openssl\n  wave 2: app-deps\n');
  assert.match(text.stdout, 'imports layers/versions.ncl (layers/versions.ncl ← layers/zlib/build_directives.ncl)');
  assert.match(text.stdout, 'no layer depends on: README.md');
  const bake = await lamina(['impact', '--root', root, '--format', 'bake', 'cc']);
  assert.is(bake.stdout, 'cc zlib openssl app-deps\n');
  const matrix = await lamina(['impact', '--root', root, '--format', 'github-matrix', 'rust']);
  const m = JSON.parse(matrix.stdout);
  assert.is(m.waves.length, 2);
  assert.equal(
    m.waves[1].include.map((x: { layer: string }) => x.layer),
    ['app-deps'],
  );
  assert.is(m.waves[0].include[0].dockerfile, 'generated/dockerfiles/rust.Dockerfile');
});

test('CLI --since: a layer whose build renders identically is not rebuilt; one whose build differs says how', async () => {
  const root = fixture('good');
  cpSync(join(REPO, 'templates'), join(root, 'templates'), { recursive: true });
  const git = gitRepo(root);
  // A comment in a shared file and a reformatted contract: every path rule fires, nothing renders differently.
  appendFileSync(join(root, 'layers/versions.ncl'), '# only a comment\n');
  appendFileSync(join(root, 'schemas/contracts/adr.ncl'), '\n# only a comment\n');
  const quiet = await lamina(['impact', '--root', root, '--since', 'HEAD', '--json']);
  assert.is(quiet.code, 0, quiet.stderr);
  const q = JSON.parse(quiet.stdout);
  assert.equal(q.affected, []);
  assert.equal(
    q.identical.map((a: { name: string }) => a.name),
    ['app-deps', 'cc', 'openssl', 'rust', 'zlib'],
  );
  const text = await lamina(['impact', '--root', root, '--since', 'HEAD']);
  assert.match(text.stdout, /^nothing to rebuild\n\nnot rebuilt, their builds render identically:\n  app-deps \(/m);
  // A value that reaches zlib's Dockerfile, and a new file in app-deps' context.
  git('commit', '-q', '-am', 'comments');
  const file = join(root, 'layers/zlib/build_directives.ncl');
  writeFileSync(file, readFileSync(file, 'utf8').replace('zlib-1.3.1.tar.gz', 'zlib-1.3.2.tar.gz'));
  writeFileSync(join(root, 'layers/app-deps/recipe/notes.txt'), 'x\n');
  const r = await lamina(['impact', '--root', root, '--since', 'HEAD', '--json']);
  const out = JSON.parse(r.stdout);
  assert.equal(out.changed, ['app-deps', 'zlib']);
  assert.equal(out.waves, [['zlib'], ['openssl'], ['app-deps']]);
  const reasons = (name: string) => out.affected.find((a: { name: string }) => a.name === name).reasons;
  assert.match(JSON.stringify(reasons('zlib')), /"kind":"output","differences":\["Dockerfile from line \d+"\]/);
  assert.equal(
    reasons('app-deps').find((x: { kind: string }) => x.kind === 'output'),
    { kind: 'output', differences: ['context file recipe/notes.txt added'] },
  );
  // cascade --since plans the same set.
  const plan = await lamina(['cascade', '--root', root, '--since', 'HEAD', '--json']);
  assert.equal(JSON.parse(plan.stdout).waves, [['zlib'], ['openssl'], ['app-deps']]);
  const bad = await lamina(['impact', '--root', root, '--since', 'no-such-ref']);
  assert.is(bad.code, 1);
});

test('CLI: unknown layers and paths outside the catalog exit 1; bad usage exits 2', async () => {
  const root = good().root;
  const unknown = await lamina(['impact', '--root', root, 'rustt']);
  assert.is(unknown.code, 1);
  assert.match(unknown.stderr, 'no layer `rustt` (did you mean `rust`?)');
  const outside = await lamina(['impact', '--root', root, '../elsewhere/file.ncl']);
  assert.is(outside.code, 1);
  assert.match(outside.stderr, 'outside the catalog');
  assert.is((await lamina(['impact', '--root', root])).code, 2);
  assert.is((await lamina(['impact', '--root', root, '--format', 'yaml', 'rust'])).code, 2);
  const notGit = await lamina(['impact', '--root', root, '--since', 'HEAD']);
  assert.is(notGit.code, 1);
});

test.run();
