/**
 * Regular expressions follow the reference's dialect (Rust's `regex` crate): every case of the
 * battery (support/regex-battery.ts) runs through py-nickel 1.18 and through our evaluator, and
 * both must give the same JSON, or the same diagnostic for a pattern the crate rejects.
 * Without py-nickel the test is skipped, except under CI=true where it fails.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluateSource, NickelError, renderJson } from './support/library.js';
import { batteryProgram, knownDivergences, regexBattery } from './support/regex-battery.js';
import { requireReferenceOrSkip, runReference, type ReferenceAnswer } from './support/reference.js';

const reference = requireReferenceOrSkip();

/** The reference's headline: its diagnostic up to the source snippet (the crate's message). */
function referenceHeadline(answer: ReferenceAnswer & { ok: false }): string {
  const text = answer.message.replace(/^error: /, '');
  const snippet = text.search(/\n\s*┌─/);
  return (snippet >= 0 ? text.slice(0, snippet) : text).trimEnd();
}

function ours(source: string): { ok: true; output: string } | { ok: false; message: string } {
  try {
    return { ok: true, output: renderJson(evaluateSource(source).toPlain()) };
  } catch (e) {
    if (e instanceof NickelError) return { ok: false, message: `${e.kind}: ${e.message}` };
    throw e;
  }
}

if (!reference.available) {
  console.log(`regex dialect tests skipped: ${reference.reason}`);
  test.skip('regex battery agrees with the reference (py-nickel missing)', () => {});
} else {
  const cases = regexBattery();
  const programs = cases.map(batteryProgram);
  const answers = runReference(programs.map((source, i) => ({ id: String(i), source })));

  test(`regex battery agrees with the reference (${cases.length} cases)`, () => {
    const differences: string[] = [];
    cases.forEach((c, i) => {
      const want = answers[i]!;
      const got = ours(programs[i]!);
      const label = `pattern ${JSON.stringify(c.pattern)} on ${JSON.stringify(c.haystack)}`;
      if (want.ok) {
        if (!got.ok) differences.push(`${label}: the reference exports, we fail with ${got.message}`);
        else if (got.output !== want.output)
          differences.push(`${label}:\n  reference ${JSON.stringify(JSON.parse(want.output))}\n  ours      ${JSON.stringify(JSON.parse(got.output))}`);
      } else if (got.ok) {
        differences.push(`${label}: the reference fails (${referenceHeadline(want)}), we export ${got.output}`);
      } else {
        const expected = `EvalError::Other: ${referenceHeadline(want)}`;
        if (want.kind !== 'EvalError::Other' || got.message !== expected) {
          differences.push(`${label}:\n  reference ${want.kind}: ${JSON.stringify(referenceHeadline(want))}\n  ours      ${JSON.stringify(got.message)}`);
        }
      }
    });
    assert.equal(differences, [], `${differences.length} differences:\n${differences.join('\n')}`);
  });

  const known = knownDivergences();
  const knownPrograms = known.map(batteryProgram);
  const knownAnswers = runReference(knownPrograms.map((source, i) => ({ id: String(i), source })));
  test(`known divergences still differ (${known.length}; remove a case once it agrees)`, () => {
    const agreeing = known.filter((_c, i) => {
      const want = knownAnswers[i]!;
      const got = ours(knownPrograms[i]!);
      return want.ok && got.ok && want.output === got.output;
    });
    assert.equal(
      agreeing.map((c) => c.pattern),
      [],
      'these now agree with the reference: move them to the battery',
    );
  });
}

test.run();
