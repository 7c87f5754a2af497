import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { errorOf, run } from '../eval/test-support.js';

test('builtin types as contracts', () => {
  assert.equal(run('[1 | Number, "a" | String, [1, 2] | Array Number]'), [1, 'a', [1, 2]]);
  assert.is(errorOf('"a" | Number').kind, 'EvalError::BlameError');
  assert.is(errorOf('[1, "a"] | Array Number').kind, 'EvalError::BlameError');
});

test('array contracts are lazy', () => {
  assert.equal(run('std.array.length ([1, "a"] | Array Number)'), 2);
});

test('function contracts blame the caller or the function', () => {
  assert.ok(errorOf('let f | Number -> Number = fun x => x in f "a"').message.startsWith('contract broken by the caller'));
  assert.ok(errorOf('let f | Number -> Number = fun x => "a" in f 1').message.startsWith('contract broken by a function'));
});

test('record contracts: closed, open, optional fields, defaults', () => {
  assert.is(errorOf('{a = 1, b = 2} | {a | Number}').kind, 'EvalError::BlameError');
  assert.equal(run('{a = 1, b = 2} | {a | Number, ..}'), { a: 1, b: 2 });
  assert.equal(run('{a = 1} | {a | Number, b | optional | String}'), { a: 1 });
  assert.equal(run('{a = 1} | {a | Number, b | default = "x"}'), { a: 1, b: 'x' });
});

test('record types and dictionaries', () => {
  assert.equal(run('{a = 1} | {a : Number}'), { a: 1 });
  assert.is(errorOf('{a = "x"} | {a : Number}').kind, 'EvalError::BlameError');
  assert.is(errorOf('{a = 1, b = "x"} | {_ | Number}').kind, 'EvalError::BlameError');
  assert.equal(run('({ foo = "a" } | { _ : String }) & { foo | force = 1 }'), { foo: 1 });
});

test('custom contracts and their messages', () => {
  const src = `let C = std.contract.custom (fun label value => if value == 1 then 'Ok value else 'Error { message = "not one" }) in 2 | C`;
  const e = errorOf(src);
  assert.is(e.kind, 'EvalError::BlameError');
  assert.ok(e.message.includes('not one'));
  assert.equal(run(`let C = std.contract.from_predicate (fun x => x > 0) in 3 | C`), 3);
});

test('polymorphic contracts seal their arguments', () => {
  assert.equal(run('let id | forall a. a -> a = fun x => x in id 5'), 5);
  assert.is(errorOf('let f | forall a. a -> a = fun x => false in f true').kind, 'EvalError::BlameError');
  assert.is(errorOf('let f | forall a. { ; a } -> { ; a } = fun x => x.a in f { a = 1 }').kind, 'EvalError::IllegalPolymorphicTailAccess');
});

test('enum types', () => {
  assert.equal(run("'a | [| 'a, 'b |]"), 'a');
  assert.is(errorOf("'c | [| 'a, 'b |]").kind, 'EvalError::BlameError');
});

test.run();
