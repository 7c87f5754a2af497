#!/usr/bin/env node
// Regenerates tests/nickel/golden/known-failures.txt from what our evaluator does now: runs the
// golden suite once with GOLDEN_WRITE_KNOWN_FAILURES=1 (see tests/nickel/golden.test.ts).
// Use it at the end of a session, after fixing programs, so the ratchet records the progress.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const listFile = join(repo, 'tests/nickel/golden/known-failures.txt');
const count = () => {
  try {
    return readFileSync(listFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#')).length;
  } catch {
    return 0;
  }
};
const before = count();
const env = { ...process.env, GOLDEN_WRITE_KNOWN_FAILURES: '1' };
delete env.GOLDEN_FILTER;
const run = spawnSync(
  process.execPath,
  ['--conditions=source', '--import', 'tsx', 'node_modules/uvu/bin.js', '--no-color', 'tests/nickel', 'golden\\.test\\.ts$'],
  { cwd: repo, env, encoding: 'utf8' },
);
const written = /wrote (\d+) known failures/.exec(run.stdout ?? '');
if (!written) {
  process.stderr.write(run.stdout ?? '');
  process.stderr.write(run.stderr ?? '');
  console.error('golden suite did not write the list (see above)');
  process.exit(1);
}
console.log(`known-failures.txt: ${before} -> ${written[1]} programs`);
