/**
 * Property tests over generated programs:
 * 1. robustness: evaluating and exporting any program either returns or throws a NickelError —
 *    never a TypeError, RangeError or other JavaScript exception;
 * 2. determinism: evaluating the same program twice gives the same result;
 * 3. differential: random well-formed arithmetic/record/merge programs give the same JSON (or the
 *    same error kind) as the reference Nickel, all of them checked in one Python process; merges
 *    of records with priorities, contracts and recursive fields succeed and export alike;
 * 4. typed programs (support/typed-program-gen.ts): the reference accepts the well-typed ones and
 *    its typechecker rejects the ill-typed variants; ours exports what it exports and rejects what
 *    it rejects, with the same kind.
 * Runs are seeded (PROPERTY_SEED, default 42) so a failure reproduces; PROPERTY_RUNS scales them.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluateSource, NickelError, renderJson } from './support/library.js';
import { anyExpression, anyProgram, deepNesting, mergeWithMetadataProgram, tokenSoup, wellFormedProgram } from './support/program-gen.js';
import { type ReferenceAnswer, requireReferenceOrSkip, runReference } from './support/reference.js';
import { type TypedProgram, typedProgram } from './support/typed-program-gen.js';

const seed = Number(process.env.PROPERTY_SEED ?? 42);
const scale = Number(process.env.PROPERTY_RUNS ?? 1);

type Result = { ok: true; json: string } | { ok: false; kind: string; message: string };

/** Our evaluation of a snippet; rethrows anything that is not a NickelError. */
function ours(source: string): Result {
  try {
    return { ok: true, json: renderJson(evaluateSource(source, { name: '<generated>' }).toPlain()) };
  } catch (e) {
    if (e instanceof NickelError) return { ok: false, kind: e.kind, message: e.message };
    throw e;
  }
}

function neverCrashes(arbitrary: fc.Arbitrary<string>, numRuns: number): void {
  fc.assert(
    fc.property(arbitrary, (source) => {
      try {
        ours(source);
      } catch (e) {
        const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        throw new Error(`evaluating ${JSON.stringify(source.slice(0, 300))} threw ${error}`);
      }
    }),
    { seed, numRuns: Math.ceil(numRuns * scale), endOnFailure: true },
  );
}

test('generated programs evaluate or fail with a NickelError', () => {
  neverCrashes(anyProgram, 300);
});

test('token soup never crashes the parser or the evaluator', () => {
  neverCrashes(tokenSoup, 200);
});

test('deep nesting fails, if at all, with a NickelError', () => {
  neverCrashes(deepNesting, 20);
});

test('evaluating a program again in the same process gives the same result', () => {
  // Catches state leaking between evaluations (caches, counters, module-level variables).
  fc.assert(
    fc.property(fc.oneof(wellFormedProgram, anyExpression), (source) => {
      const describe = (r: Result) => (r.ok ? r.json : `${r.kind}: ${r.message}`);
      assert.is(describe(ours(source)), describe(ours(source)), source);
    }),
    { seed, numRuns: Math.ceil(100 * scale), endOnFailure: true },
  );
});

const reference = requireReferenceOrSkip();
if (!reference.available) {
  console.log(`differential property skipped: ${reference.reason}`);
  test.skip('well-formed programs agree with the reference Nickel (py-nickel missing)', () => {});
} else {
  test('well-formed programs agree with the reference Nickel', () => {
    const programs = fc.sample(wellFormedProgram, { seed, numRuns: Math.ceil(150 * scale) });
    assertAgreement(programs, { sameErrorKind: true });
  });

  test('merges with priorities, contracts and recursive fields succeed and export like the reference', () => {
    const programs = fc.sample(mergeWithMetadataProgram, { seed, numRuns: Math.ceil(200 * scale) });
    // Both failing agrees whatever the kinds: with several errors the reference's pick is its own.
    assertAgreement(programs, { sameErrorKind: false });
  });

  const typed = fc.sample(typedProgram, { seed, numRuns: Math.ceil(150 * scale) });
  const typedAnswers = runReference(typed.map((p, i) => ({ id: String(i), source: p.source })));

  test('the reference accepts the generated well-typed programs and its typechecker rejects the ill-typed variants', () => {
    const wrong = typed.flatMap((program, i) => {
      const answer = typedAnswers[i];
      if (answer === undefined) return [`${program.source}  got no answer from the reference`];
      if (program.illTyped && (answer.ok || !answer.kind.startsWith('TypecheckError::'))) {
        return [`${program.source}  meant ill-typed, the reference ${answer.ok ? 'exports it' : `fails with ${answer.kind}`}`];
      }
      if (!program.illTyped && !answer.ok) return [`${program.source}  meant well-typed, the reference fails with ${answer.kind}`];
      return [];
    });
    assert.equal(wrong.length, 0, `${wrong.length} of ${typed.length} generated programs are not what the generator meant:\n${wrong.slice(0, 10).join('\n')}`);
  });

  test('typed programs agree with the reference', () => {
    assertTypedAgreement(typed, typedAnswers);
  });
}

/**
 * Ours against the reference on typed programs: the same JSON where the reference exports; where
 * its typechecker rejects, the same error kind.
 */
function assertTypedAgreement(programs: readonly TypedProgram[], answers: readonly ReferenceAnswer[]): void {
  const differences: string[] = [];
  programs.forEach(({ source }, i) => {
    const expected = answers[i];
    if (expected === undefined) {
      differences.push(`${source}\n  no answer from the reference`);
      return;
    }
    let actual: Result;
    try {
      actual = ours(source);
    } catch (e) {
      differences.push(`${source}\n  crashed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      return;
    }
    if (expected.ok) {
      if (!actual.ok) differences.push(`${source}\n  reference exports, ours fails: ${actual.kind} ${actual.message.split('\n')[0]}`);
      else if (actual.json !== expected.output)
        differences.push(`${source}\n  reference: ${expected.output.replace(/\s+/g, ' ')}\n  ours:      ${actual.json.replace(/\s+/g, ' ')}`);
    } else {
      if (actual.ok) differences.push(`${source}\n  reference fails with ${expected.kind}, ours exports ${actual.json.replace(/\s+/g, ' ')}`);
      else if (actual.kind !== expected.kind) differences.push(`${source}\n  reference: ${expected.kind}, ours: ${actual.kind}`);
    }
  });
  assert.equal(differences.length, 0, `${differences.length} of ${programs.length} typed programs differ:\n${differences.slice(0, 10).join('\n')}`);
}

/**
 * Runs `programs` through the reference and through ours; fails listing every program where ours
 * crashes, exports something else, or exports where the reference fails (and the reverse) — and,
 * with `sameErrorKind`, where both fail with different error kinds.
 */
function assertAgreement(programs: string[], opts: { sameErrorKind: boolean }): void {
  const answers = runReference(programs.map((source, i) => ({ id: String(i), source })));
  const differences: string[] = [];
  programs.forEach((source, i) => {
    const expected = answers[i]!;
    let actual: Result;
    try {
      actual = ours(source);
    } catch (e) {
      differences.push(`${source}\n  crashed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      return;
    }
    if (expected.ok && actual.ok && expected.output !== actual.json) {
      differences.push(`${source}\n  reference: ${expected.output.replace(/\s+/g, ' ')}\n  ours:      ${actual.json.replace(/\s+/g, ' ')}`);
    } else if (expected.ok && !actual.ok) {
      differences.push(`${source}\n  reference exports, ours fails: ${actual.kind} ${actual.message.split('\n')[0]}`);
    } else if (!expected.ok && actual.ok) {
      differences.push(`${source}\n  reference fails with ${expected.kind}, ours exports ${actual.json.replace(/\s+/g, ' ')}`);
    } else if (opts.sameErrorKind && !expected.ok && !actual.ok && expected.kind !== actual.kind) {
      differences.push(`${source}\n  reference: ${expected.kind}, ours: ${actual.kind}`);
    }
  });
  assert.equal(differences.length, 0, `${differences.length} of ${programs.length} programs differ:\n${differences.slice(0, 10).join('\n')}`);
}

test.run();
