#!/usr/bin/env node
// The repository's test command (`pnpm test`): makes sure the reference Nickel is importable for
// the differential tests, builds every package, typechecks tests/nickel, runs every uvu test
// under packages/ and tests/, and ends with one line `N passed, N failed[, N skipped]`. Exits
// non-zero when a test fails, when no test ran, or when a run printed no summary (a test file
// crashed while loading).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const REFERENCE = 'py-nickel==1.18.0';
const SUITES = ['packages', 'tests'];

function sh(command, args, options = {}) {
  return spawnSync(command, args, { cwd: repo, stdio: 'inherit', ...options });
}

function ensureReference() {
  const probe = spawnSync('python3', ['-c', 'import nickel'], { cwd: repo, encoding: 'utf8' });
  if (probe.error) {
    console.log(`python3 is not available (${probe.error.message}); differential tests need ${REFERENCE}`);
    return;
  }
  if (probe.status === 0) return;
  console.log(`The reference Nickel is missing: python3 -m pip install ${REFERENCE}`);
  const install = sh('python3', ['-m', 'pip', 'install', '--disable-pip-version-check', REFERENCE]);
  if (install.status !== 0) console.log(`pip could not install ${REFERENCE}; differential tests will skip (or fail under CI=true)`);
}

/**
 * Builds every package that has a tsconfig.json, typechecks tests/nickel (tsx does not), and
 * bundles the lamina-nickel CLI.
 */
function build() {
  const tsc = existsSync(join(repo, 'node_modules', '.bin', 'tsc')) ? join(repo, 'node_modules', '.bin', 'tsc') : 'tsc';
  const packages = readdirSync(join(repo, 'packages'))
    .filter((name) => existsSync(join(repo, 'packages', name, 'tsconfig.json')))
    .sort((a, b) => (a === 'nickel' ? -1 : b === 'nickel' ? 1 : a < b ? -1 : 1))
    .map((name) => `packages/${name}`);
  for (const args of [
    ['-b', ...packages],
    ['-p', 'tests/tsconfig.json'],
  ]) {
    console.log(`$ tsc ${args.join(' ')}`);
    if (sh(tsc, args).status !== 0) return false;
  }
  // the CLI tests run bin/lamina-nickel.cjs, which loads the bundle users get from `pnpm build`
  console.log('$ node scripts/bundle.mjs');
  return sh(process.execPath, ['scripts/bundle.mjs']).status === 0;
}

/** Runs uvu on one folder, streaming its output, and reads its summary. */
async function runSuite(dir) {
  const args = ['--conditions=source', '--import', 'tsx', 'node_modules/uvu/bin.js', '--no-color', dir, '\\.test\\.ts$'];
  console.log(`$ node ${args.join(' ')}`);
  const child = spawn(process.execPath, args, { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    process.stdout.write(chunk);
  });
  const status = await new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  const number = (label) => {
    const match = new RegExp(`^\\s*${label}:\\s+(\\d+)`, 'm').exec(stdout);
    return match ? Number(match[1]) : undefined;
  };
  const total = number('Total');
  const passed = number('Passed');
  const skipped = number('Skipped') ?? 0;
  if (total === undefined || passed === undefined) {
    return { dir, passed: 0, failed: 0, skipped: 0, problem: `${dir}: no uvu summary (a test file failed to load; exit ${status})` };
  }
  const failed = total - passed;
  const problem = status !== 0 && failed === 0 ? `${dir}: uvu exited with ${status}` : undefined;
  return { dir, passed, failed, skipped, problem };
}

ensureReference();
if (!build()) {
  console.log('0 passed, 1 failed (the build failed)');
  process.exit(1);
}
const runs = [];
for (const dir of SUITES) runs.push(await runSuite(dir));
const passed = runs.reduce((n, r) => n + r.passed, 0);
const failed = runs.reduce((n, r) => n + r.failed, 0);
const skipped = runs.reduce((n, r) => n + r.skipped, 0);
const problems = runs.flatMap((r) => (r.problem ? [r.problem] : []));
if (passed + failed === 0) problems.push('no test ran');
for (const problem of problems) console.log(`error: ${problem}`);
const extra = problems.length > 0 && failed === 0 ? problems.length : 0;
console.log(`${passed} passed, ${failed + extra} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed + problems.length > 0 ? 1 : 0);
