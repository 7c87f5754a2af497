import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { errorOf, run } from './test-support.js';

// Expected values are the reference Nickel's (py-nickel `nickel.run`).

test('recursive fields see overridden values after a merge', () => {
  assert.equal(run('{x = 1, y = x + 1} & {x | force = 5}'), { x: 5, y: 6 });
});

test('a field contract naming a sibling field follows that field through merges; others are shared', () => {
  assert.is(errorOf('({ C = Number, f | C = 1 } & { C | force = String }).f').kind, 'EvalError::BlameError');
  assert.equal(run('({ C = Number, f | C = "a" } & { C | force = String }).f'), 'a');
  assert.equal(run('({ n = 1, f | std.contract.from_predicate (fun x => x == n) = 2 } & { n | force = 2 }).f'), 2);
  // `D` is not a field: overriding a field named like it changes nothing
  assert.equal(run('let D = Number in ({ f | D = 1 } & { D = String }).f'), 1);
});

test('default loses to a normal definition, normal to force', () => {
  assert.equal(run('{a | default = 1} & {a = 2}'), { a: 2 });
  assert.equal(run('{a = 1} & {a | force = 3}'), { a: 3 });
  assert.equal(run('{a | priority 10 = 1} & {a | priority 5 = 2}'), { a: 1 });
});

test('a default record is replaced, not merged, by a normal one', () => {
  assert.equal(run('{a | default = {x = 1, y = 3}} & {a = {y = 2}}'), { a: { y: 2 } });
});

test('nested records merge recursively, field paths too', () => {
  assert.equal(run('{a = {b = 1}} & {a = {c = 2}}'), { a: { b: 1, c: 2 } });
  assert.equal(run('{a.b = 1, a.c = 2}'), { a: { b: 1, c: 2 } });
});

test('equal primitives merge, different ones are incompatible', () => {
  assert.equal(run('{a = 1} & {a = 1}'), { a: 1 });
  assert.is(errorOf('{a = 1} & {a = 2}').kind, 'EvalError::MergeIncompatibleArgs');
  assert.is(errorOf('(fun x => x) & (fun x => x)').kind, 'EvalError::MergeIncompatibleArgs');
});

test('enum variants with the same tag merge their arguments', () => {
  assert.equal(run("('Foo {a = 1} & 'Foo {b = 2}) == 'Foo {a = 1, b = 2}"), true);
});

test('contracts follow merges', () => {
  assert.is(errorOf('{a | Number} & {a = "x"}').kind, 'EvalError::BlameError');
  assert.equal(run('{a | Number} & {a = 1}'), { a: 1 });
});

test('annotation contracts are re-closed over the merged record', () => {
  const src = 'let x = 1 in ({ include x | C, C = Dyn } & { C | force = std.FailWith "" }).x';
  assert.is(errorOf(src).kind, 'EvalError::BlameError');
});

test('a field without definition is an error when used or exported', () => {
  assert.equal(errorOf('{a | Number}').kind, 'EvalError::MissingFieldDef');
  assert.equal(errorOf('{a = 1} | {a | Number, b | String}').kind, 'EvalError::MissingFieldDef');
  assert.equal(run('{a | optional | Number, b = 1}'), { b: 1 });
});

test('not_exported fields are dropped from exports', () => {
  assert.equal(run('{a | not_exported = 1, b = a + 1}'), { b: 2 });
});

test('freezing stops recomputation and flushes contracts', () => {
  assert.equal(run('(%record/freeze% { x = 1, y = x }) & { x | force = 2 }'), { x: 2, y: 1 });
  assert.equal(run('(%record/freeze% {x | String = "a"}) & {x | force = 1}'), { x: 1 });
});

test('lexical scope wins over merged siblings', () => {
  assert.equal(run('let a = 5 in ({b = a} & {a = 10}).b'), 5);
});

test.run();
