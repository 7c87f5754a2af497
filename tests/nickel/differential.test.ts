/**
 * The committed golden expectations still say what the reference Nickel says: every golden
 * program is run through py-nickel 1.18 in one Python process and compared with its .json
 * (exact text) or .err (error kind). A difference means the corpus is stale (run
 * `UPDATE_GOLDEN=1 pnpm test` or `python3 scripts/golden-update.py`) or the reference changed.
 * The same for std's static types (std-types.ts, see support/std-types-check.ts).
 * Without py-nickel the tests are skipped, except under CI=true where they fail.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { goldenPrograms } from './support/corpus.js';
import { requireReferenceOrSkip, runReference } from './support/reference.js';
import { checkStdTypes } from './support/std-types-check.js';

const reference = requireReferenceOrSkip();

if (!reference.available) {
  console.log(`differential tests skipped: ${reference.reason} (install with: python3 -m pip install py-nickel==1.18.0)`);
  test.skip('golden expectations agree with the reference Nickel (py-nickel missing)', () => {});
  test.skip("std's static types agree with the reference Nickel (py-nickel missing)", () => {});
} else {
  const programs = goldenPrograms();
  const answers = runReference(programs.map((p) => ({ path: p.file })));

  test('every golden program has an expectation', () => {
    const missing = programs.filter((p) => p.expected === undefined).map((p) => p.id);
    assert.equal(missing, [], 'run python3 scripts/golden-update.py');
  });

  test(`golden expectations agree with the reference Nickel (${programs.length} programs)`, () => {
    const differences: string[] = [];
    programs.forEach((program, i) => {
      const expected = program.expected;
      const answer = answers[i]!;
      if (expected === undefined) return;
      if (expected.kind === 'export') {
        if (!answer.ok) differences.push(`${program.id}: committed an export, the reference fails with ${answer.kind}`);
        else if (answer.output !== expected.json) differences.push(`${program.id}: the reference exports different JSON`);
      } else if (answer.ok) {
        differences.push(`${program.id}: committed ${expected.errorKind}, the reference exports a value`);
      } else if (answer.kind !== expected.errorKind) {
        differences.push(`${program.id}: committed ${expected.errorKind}, the reference says ${answer.kind}`);
      }
    });
    assert.equal(differences, [], `stale golden expectations:\n${differences.join('\n')}`);
  });

  test("std's static types (std-types.ts) agree with the reference's typechecker", () => {
    const { summary, problems } = checkStdTypes();
    assert.equal(problems, [], `${summary}\n${problems.join('\n')}`);
  });
}

test.run();
