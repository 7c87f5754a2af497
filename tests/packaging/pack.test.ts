/**
 * The packages as a user gets them: `pnpm pack` of both, installed into a scratch project from
 * the tarballs, then both bins and both libraries used from there. The tarballs hold what runs
 * (no test support, no sources but the Nickel stdlib, no build info), their exports carry no
 * `source` condition, publint finds nothing to fix, and attw finds every entry point's types.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const dir = mkdtempSync(join(tmpdir(), 'lamina-pack-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const pnpm = (args: string[], cwd: string) => execFileSync('pnpm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const tarballs: Record<string, string> = {};

test('pnpm pack: each tarball holds what runs, with publish-time exports', () => {
  for (const pkg of ['nickel', 'catalog']) {
    pnpm(['pack', '--pack-destination', dir], join(REPO, 'packages', pkg));
    const tgz = readdirSync(dir).find((f) => f.startsWith(`lamina-${pkg}-`) && f.endsWith('.tgz'))!;
    tarballs[pkg] = join(dir, tgz);
    const files = execFileSync('tar', ['-tzf', tarballs[pkg]!], { encoding: 'utf8' }).split('\n').filter(Boolean);
    assert.ok(files.includes('package/README.md') && files.includes('package/LICENSE') && files.includes('package/CHANGELOG.md'), pkg);
    assert.ok(
      files.some((f) => f.startsWith('package/bin/')),
      `${pkg}: its bin`,
    );
    for (const f of files) {
      assert.not.match(f, /test-support|parse-speed|\.tsbuildinfo|\.test\./, `${pkg} ships ${f}`);
      if (f.startsWith('package/src/')) assert.match(f, /^package\/src\/stdlib\/[a-z-]+\.ncl$/, `${pkg} ships ${f}`);
    }
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarballs[pkg]!, 'package/package.json'], { encoding: 'utf8' }));
    assert.not.match(JSON.stringify(manifest.exports), /"source"/, `${pkg}: no source condition once packed`);
    assert.not.match(JSON.stringify(manifest.dependencies), /workspace:/, `${pkg}: workspace versions resolved`);
    assert.is(manifest.engines.node, '>=20.16');
    const lint = spawnSync(join(REPO, 'node_modules/.bin/publint'), [join(REPO, 'packages', pkg)], { encoding: 'utf8' });
    assert.is(lint.status, 0, lint.stdout + lint.stderr);
    assert.match(lint.stdout, 'All good!');
  }
});

// ESM-only packages: node10 and require() from node16 cannot load them by design (attw's esm-only profile).
const ESM_ONLY_IGNORED = ['node10', 'node16-cjs'];

test('attw: each entry point resolves to its own types under node16 (ESM) and bundler', () => {
  for (const pkg of ['nickel', 'catalog']) {
    const attw = spawnSync(join(REPO, 'node_modules/.bin/attw'), [tarballs[pkg]!, '--profile', 'esm-only', '--format', 'json'], { encoding: 'utf8' });
    const report = JSON.parse(attw.stdout || '{}');
    // attw exits 0 for a package with no types at all, so that is asserted on its own.
    assert.is(report.analysis?.types?.kind, 'included', `${pkg}: ships its types\n${attw.stderr}`);
    const problems = (report.analysis.problems as { kind: string; entrypoint?: string; resolutionKind?: string }[]).filter(
      (p) => !ESM_ONLY_IGNORED.includes(p.resolutionKind ?? ''),
    );
    assert.equal(problems, [], `${pkg}: attw's problems`);
    assert.is(attw.status, 0, attw.stderr);
  }
});

test('installed from the tarballs: both bins and both libraries work', () => {
  const project = join(dir, 'project');
  cpSync(join(REPO, 'layers'), join(project, 'catalog/layers'), { recursive: true });
  for (const d of ['schemas', 'templates', 'adr']) cpSync(join(REPO, d), join(project, 'catalog', d), { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'scratch',
      private: true,
      type: 'module',
      dependencies: { '@lamina/catalog': `file:${tarballs['catalog']}`, '@lamina/nickel': `file:${tarballs['nickel']}` },
      pnpm: { overrides: { '@lamina/nickel': `file:${tarballs['nickel']}` } },
    }),
  );
  pnpm(['install', '--prefer-offline', '--ignore-workspace'], project);
  const bin = (name: string, args: string[]) => spawnSync(join(project, 'node_modules/.bin', name), args, { cwd: project, encoding: 'utf8' });
  writeFileSync(join(project, 'x.ncl'), '{ a = 1 + 1, b | String = "x" }');
  const exported = bin('lamina-nickel', ['export', 'x.ncl']);
  assert.is(exported.status, 0, exported.stderr);
  assert.equal(JSON.parse(exported.stdout), { a: 2, b: 'x' });
  // Reading YAML loads the CLI's second bundle (dist/cli/libraries.bundle.cjs), only when a run needs it.
  writeFileSync(join(project, 'y.yaml'), 'c: [1, 2]\n');
  writeFileSync(join(project, 'y.ncl'), '(import "y.yaml").c');
  const fromYaml = bin('lamina-nickel', ['export', 'y.ncl']);
  assert.is(fromYaml.status, 0, fromYaml.stderr);
  assert.equal(JSON.parse(fromYaml.stdout), [1, 2]);
  assert.match(bin('lamina', ['--version']).stdout, /^lamina \d+\.\d+\.\d+/);
  const validate = bin('lamina', ['validate', '--root', 'catalog']);
  assert.is(validate.status, 0, validate.stderr);
  assert.match(validate.stdout, /^ok: \d+ layers/);
  const gen = bin('lamina', ['gen', '--root', 'catalog']);
  assert.is(gen.status, 0, gen.stderr);
  writeFileSync(
    join(project, 'api.mjs'),
    [
      "import { evaluateSource } from '@lamina/nickel';",
      "import { loadCatalog } from '@lamina/catalog';",
      "const c = loadCatalog('catalog');",
      "console.log(JSON.stringify({ nickel: evaluateSource('{ n = 40 + 2 }').toPlain().fields, ok: c.ok, zlib: c.fingerprint('zlib').length }));",
    ].join('\n'),
  );
  const api = spawnSync(process.execPath, ['api.mjs'], { cwd: project, encoding: 'utf8' });
  assert.is(api.status, 0, api.stderr);
  assert.equal(JSON.parse(api.stdout), { nickel: [['n', 42]], ok: true, zlib: 64 });
});

test.run();
