import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { errorOf, run } from './test-support.js';

test('arithmetic is exact', () => {
  assert.equal(run('0.1 + 0.2 == 0.3'), true);
  assert.equal(run('7 % 2'), 1);
  assert.equal(run('-7 % 2'), -1);
  assert.is(errorOf('1 / 0').kind, 'EvalError::Other');
});

test('type errors of operators', () => {
  assert.is(errorOf('1 + "a"').kind, 'EvalError::NAryPrimopTypeError');
  assert.is(errorOf('"a" < "b"').kind, 'EvalError::NAryPrimopTypeError');
  assert.is(errorOf('0 && true').kind, 'EvalError::NAryPrimopTypeError');
  assert.is(errorOf('"bad type %{{}}"').kind, 'EvalError::TypeError');
});

test('lazy boolean operators do not evaluate their right operand', () => {
  assert.equal(run('false && (1 / 0 == 1)'), false);
  assert.equal(run('true || (1 / 0 == 1)'), true);
});

test('string interpolation prints numbers, bools, null and tags', () => {
  assert.equal(run(`"%{1} %{true} %{null} %{'a}"`), '1 true null a');
});

test('equality is structural; functions are incomparable', () => {
  assert.equal(run('{a = [1, {b = 2}]} == {a = [1, {b = 2}]}'), true);
  assert.equal(run('1 == (fun x => x)'), false);
  assert.is(errorOf('(fun x => x) == (fun x => x)').kind, 'EvalError::IncomparableValues');
});

test('a value that needs itself is infinite recursion', () => {
  assert.is(errorOf('{ x = x }.x').kind, 'EvalError::InfiniteRecursion');
  assert.is(errorOf('{ x = y + z, y = z + x, z = 1 }.x').kind, 'EvalError::InfiniteRecursion');
});

test('field errors name the field', () => {
  assert.equal(errorOf('{a = 1}.b'), { kind: 'EvalError::FieldMissing', message: 'missing field `b`', field: 'b' });
  assert.is(errorOf('let {a, ..y} = {a=1, b=2} in y.a').kind, 'EvalError::FieldMissing');
});

test('unbound identifiers are rejected before evaluation', () => {
  assert.is(errorOf('if true then 1 else x').kind, 'TypecheckError::UnboundIdentifier');
  assert.is(errorOf('let x = "foo" in { "%{x}" = 1, bar = foo }.bar').kind, 'TypecheckError::UnboundIdentifier');
});

test('tail calls run in constant stack', () => {
  assert.equal(run('let rec loop = fun n acc => if n == 0 then acc else %seq% acc (loop (n - 1) (acc + 1)) in loop 200000 0'), 200000);
});

test('pipes and partial primops', () => {
  assert.equal(run('[1, 2, 3] |> std.array.map (fun x => x * 2)'), [2, 4, 6]);
  assert.equal(run('let m = %string/is_match% "^a" in m "abc"'), true);
});

test('multi-line interpolation indents following lines', () => {
  assert.equal(run('let x = "a\\nb" in m%"\n  k:\n    %{x}\n"%'), 'k:\n  a\n  b');
});

test.run();
