/**
 * Golden tests: every program of tests/nickel/golden evaluated by our library and compared with
 * what the reference Nickel 1.18 gives (the exact JSON export, or the error kind). Where we raise
 * the reference's kind, our whole rendered diagnostic must also equal `NAME.ours.txt`, so a
 * change to a message, label or note fails here until the new text is reviewed and accepted.
 *
 *   UPDATE_GOLDEN=1        regenerate the expectations from the reference first (needs py-nickel)
 *   GOLDEN_UPDATE_OURS=1   (re)write every NAME.ours.txt from our current diagnostics, and remove
 *                          those that no longer belong to a program raising the reference's kind
 *   GOLDEN_FILTER=regex    only programs whose path matches
 *   GOLDEN_TIMEOUT_MS=n    time limit per program (default 10000)
 *   GOLDEN_WRITE_KNOWN_FAILURES=1  rewrite known-failures.txt from the current results
 *                          (what scripts/golden-known-failures.mjs does)
 *
 * known-failures.txt is a ratchet: a listed program that fails is skipped, an unlisted failure
 * fails the suite, and a listed program that now passes fails the suite until it is removed.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { goldenPrograms, KNOWN_FAILURES, knownFailuresText, OURS_SUFFIX, oursFiles, readKnownFailures } from './support/corpus.js';
import { evaluateCorpus } from './support/evaluate-corpus.js';
import { mismatch } from './support/outcome.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

if (process.env.UPDATE_GOLDEN === '1') {
  execFileSync('python3', [resolve(REPO, 'scripts/golden-update.py')], { stdio: 'inherit' });
}

const filter = process.env.GOLDEN_FILTER ? new RegExp(process.env.GOLDEN_FILTER) : undefined;
const programs = goldenPrograms().filter((p) => !filter || filter.test(p.id));
const known = readKnownFailures();
const outcomes = await evaluateCorpus(programs, Number(process.env.GOLDEN_TIMEOUT_MS ?? 10000));

const updateOurs = process.env.GOLDEN_UPDATE_OURS === '1';
const failures: Array<[string, string]> = [];
/** .ours.txt files beside programs that do not raise the reference's error kind. */
const strayOurs: string[] = [];
for (const program of programs) {
  const outcome = outcomes.get(program.id)!;
  const why = program.expected ? mismatch(program.expected, outcome) : 'no .json or .err expectation';
  if (why !== undefined) failures.push([program.id, why]);
  const listed = known.has(program.id);
  const rendered = why === undefined && outcome.status === 'error' ? outcome.rendered : undefined;
  if (updateOurs && rendered !== undefined && rendered !== program.ours) writeFileSync(program.oursFile, rendered);
  if (rendered === undefined && program.ours !== undefined) {
    if (updateOurs) rmSync(program.oursFile);
    else strayOurs.push(program.id);
  }

  if (why !== undefined && listed) {
    test.skip(`${program.id} (known failure: ${known.get(program.id)})`, () => {});
    continue;
  }
  test(program.id, () => {
    if (why === undefined && listed) {
      assert.unreachable(`${program.id} passes now: remove it from known-failures.txt`);
    }
    if (rendered !== undefined && !updateOurs) {
      const hint = `${program.id}: our diagnostic differs from ${program.id.replace(/\.ncl$/, OURS_SUFFIX)} (GOLDEN_UPDATE_OURS=1 accepts it)`;
      assert.fixture(rendered, program.ours ?? '(no .ours.txt yet)\n', hint);
    }
    if (why === undefined) return;
    const expected = program.expected;
    if (outcome.status === 'export' && expected?.kind === 'export') {
      assert.fixture(outcome.json, expected.json, `${program.id}: ${why}`);
    }
    const ours = outcome.status === 'crash' || outcome.status === 'error' ? `\nours: ${outcome.message}` : '';
    const reference = expected?.kind === 'error' ? `\nreference: ${expected.message.split('\n')[0]}` : '';
    assert.unreachable(`${program.id}: ${why}${reference}${ours}`);
  });
}

test(".ours.txt only beside programs that raise the reference's error kind", () => {
  assert.equal(strayOurs, [], `stale .ours.txt beside: ${strayOurs.join(', ')} (GOLDEN_UPDATE_OURS=1 removes them)`);
});

if (!filter) {
  const ids = new Set(programs.map((p) => p.id));
  const stale = [...known.keys()].filter((id) => !ids.has(id));
  test('known-failures.txt lists only existing programs', () => {
    assert.equal(stale, [], `remove these entries from known-failures.txt: ${stale.join(', ')}`);
  });
  const files = new Set(programs.map((p) => p.oursFile));
  const orphans = oursFiles().filter((f) => !files.has(f));
  if (updateOurs) for (const f of orphans) rmSync(f);
  test('every .ours.txt belongs to a golden program', () => {
    assert.equal(updateOurs ? [] : orphans, [], `remove these files: ${orphans.join(', ')}`);
  });
}

if (process.env.GOLDEN_WRITE_KNOWN_FAILURES === '1') {
  if (filter) throw new Error('GOLDEN_WRITE_KNOWN_FAILURES needs the whole corpus: unset GOLDEN_FILTER');
  writeFileSync(KNOWN_FAILURES, knownFailuresText(failures));
  console.log(`wrote ${failures.length} known failures to ${KNOWN_FAILURES}`);
}

test.run();
