/**
 * Every kind of the error catalogue (packages/nickel/src/diagnostics/kinds.ts) is raised by at
 * least one golden program: one whose .err expects it and which is not a known failure, so the
 * golden test has checked that we raise it, with the text of its NAME.ours.txt. A kind nothing
 * raises any more, or one added without a golden, fails here.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ERROR_HEADLINES, KINDS_WITHOUT_GOLDEN, type ErrorKind } from '../../packages/nickel/src/diagnostics/kinds.js';
import { goldenPrograms, readKnownFailures } from './support/corpus.js';

/** Kinds the reference raises on golden programs that we do not pass yet (all in known-failures.txt). */
const PENDING: Partial<Record<ErrorKind, string>> = {
  'TypecheckError::TypeMismatch': 'the static typechecker (issue 14)',
  'TypecheckError::MissingRow': 'the static typechecker (issue 14)',
};

const known = readKnownFailures();
const expected = new Map<string, string[]>();
const raised = new Set<string>();
for (const program of goldenPrograms()) {
  if (program.expected?.kind !== 'error') continue;
  const kind = program.expected.errorKind;
  expected.set(kind, [...(expected.get(kind) ?? []), program.id]);
  if (!known.has(program.id)) raised.add(kind);
}
const catalogue = Object.keys(ERROR_HEADLINES) as ErrorKind[];

test('every kind of the catalogue is raised by a golden program', () => {
  const missing = catalogue.filter((k) => !raised.has(k) && !(k in KINDS_WITHOUT_GOLDEN) && !(k in PENDING));
  assert.equal(missing, [], 'write a golden program raising each (tests/nickel/golden/errors), or remove the kind');
});

test('kinds listed as without golden, or pending, really are', () => {
  const stale = catalogue.filter((k) => raised.has(k) && (k in KINDS_WITHOUT_GOLDEN || k in PENDING));
  assert.equal(stale, [], 'a golden program raises these now: take them off KINDS_WITHOUT_GOLDEN / PENDING');
  const unexpected = catalogue.filter((k) => k in PENDING && !expected.has(k));
  assert.equal(unexpected, [], 'a pending kind needs a golden program expecting it');
});

test('every kind the golden programs expect is in the catalogue', () => {
  const unknown = [...expected.keys()].filter((k) => !(k in ERROR_HEADLINES)).map((k) => `${k} (${(expected.get(k) ?? []).join(', ')})`);
  assert.equal(unknown, [], 'add these kinds to diagnostics/kinds.ts, with their constructors');
});

test.run();
