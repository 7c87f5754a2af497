/**
 * The `lamina-nickel` command prints what `nickel export` prints: a sample of golden programs run
 * through the built CLI (bin/lamina-nickel.cjs → dist), compared with the golden JSON plus the
 * trailing newline, or, for programs that fail, exit status 1 and the golden error kind in the
 * `--error-format json` report. Known golden failures are left out (golden.test.ts tracks them).
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { goldenPrograms, readKnownFailures } from './support/corpus.js';

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'packages', 'nickel', 'bin', 'lamina-nickel.cjs');
const SAMPLE_EVERY = 60;

const known = readKnownFailures();
const sample = goldenPrograms().filter((p, i) => i % SAMPLE_EVERY === 0 && p.expected && !known.has(p.id));

for (const program of sample) {
  const expected = program.expected!;
  test(`lamina-nickel export ${program.id}`, () => {
    const run = spawnSync(process.execPath, [CLI, 'export', '--error-format', 'json', program.file], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (expected.kind === 'export') {
      assert.is(run.status, 0, `exit status (stderr: ${run.stderr})`);
      assert.fixture(run.stdout, expected.json + '\n');
    } else {
      assert.is(run.status, 1, `exit status (stderr: ${run.stderr})`);
      const report = run.stderr.split('\n').find((line) => line.startsWith('{'));
      assert.ok(report, `a JSON error report on stderr, got: ${run.stderr}`);
      assert.is((JSON.parse(report!) as { kind: string }).kind, expected.errorKind);
    }
  });
}

test('lamina-nickel reads a process substitution (/dev/fd/N)', () => {
  const run = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" export <(echo '{ a = 1 }')`], { encoding: 'utf8' });
  assert.is(run.status, 0, run.stderr);
  assert.fixture(run.stdout, '{\n  "a": 1\n}\n');
});

test('a number too large to export is pointed at where it was written', () => {
  const run = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" export --error-format json <(echo '{ a = { b = [1, 1e400] } }')`], {
    encoding: 'utf8',
  });
  assert.is(run.status, 1);
  const report = JSON.parse(run.stderr.split('\n').find((l) => l.startsWith('{'))!) as { kind: string; labels: { line: number; col: number }[] };
  assert.is(report.kind, 'ExportError::NumberOutOfRange');
  assert.equal([report.labels[0]!.line, report.labels[0]!.col], [1, 17]); // the `1e400`
});

test('lamina-nickel reads the program from stdin with -', () => {
  const run = spawnSync(process.execPath, [CLI, 'export', '-'], { input: '{ b = 1, a = [true, null] }', encoding: 'utf8' });
  assert.is(run.status, 0, run.stderr);
  assert.fixture(run.stdout, '{\n  "a": [\n    true,\n    null\n  ],\n  "b": 1\n}\n');
});

test.run();
