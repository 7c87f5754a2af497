import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { errorOf, run } from './test-support.js';

test('let destructuring with defaults and rest', () => {
  assert.equal(run('let {a, b ? 2, ..rest} = {a = 1, c = 3} in [a, b, rest]'), [1, 2, { c: 3 }]);
  assert.equal(run('let [x, y, ..tail] = [1, 2, 3, 4] in tail'), [3, 4]);
});

test('failed destructuring', () => {
  assert.is(errorOf('let {a} = {b = 1} in a').kind, 'EvalError::FailedDestructuring');
  assert.is(errorOf('let [x] = [1, 2] in x').kind, 'EvalError::FailedDestructuring');
});

test('match with or-patterns, guards and enum variants', () => {
  const f = "match { 'A x or 'B x => x, 'C if false => 0, 'C => 1, _ => 2 }";
  assert.equal(run(`[(${f}) ('A 5), (${f}) ('B 6), (${f}) 'C, (${f}) 3]`), [5, 6, 1, 2]);
});

test('non-exhaustive match and non-bool guards', () => {
  // A match of bare tags is a lookup in the reference: its failure has a kind of its own.
  assert.is(errorOf("match {'A => 1} 'B").kind, 'EvalError::NonExhaustiveEnumMatch');
  assert.is(errorOf("match {'A => 1} 5").kind, 'EvalError::NAryPrimopTypeError');
  assert.is(errorOf("match {'A => 1, x if x == 'C => 2} 'B").kind, 'EvalError::NonExhaustiveMatch');
  assert.is(errorOf("{ foo = 'Foo 5 } |> match { { foo = 'Foo x } if x => x }").kind, 'EvalError::TypeError');
});

test('contracts inside patterns, and on defaults of declared fields', () => {
  assert.is(errorOf('let {a | String} = {a = 1} in a').kind, 'EvalError::BlameError');
  assert.is(errorOf('{field | String} |> match { {field ? 1} => field }').kind, 'EvalError::BlameError');
});

test.run();
