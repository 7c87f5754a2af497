import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseFailure, parseText } from './test-support/helpers.js';
import { printGrouped } from './test-support/print.js';

// Source → grouping. Every pair was checked with the reference Nickel: both texts evaluate to the
// same value (and the cases are chosen so that other groupings would not).
const GROUPINGS: [string, string][] = [
  ['1 + 2 * 3', '(1 + (2 * 3))'],
  ['10 - 2 - 3', '((10 - 2) - 3)'],
  ['8 / 4 / 2', '((8 / 4) / 2)'],
  ['2 * 3 % 4', '((2 * 3) % 4)'],
  ['- 1 + 2', '((-1) + 2)'],
  ['1 - - 1', '(1 - (-1))'],
  ['-2 * 3', '((-2) * 3)'],
  ['!true && false', '((!true) && false)'],
  ['true || false && false', '(true || (false && false))'],
  ['false && false || true', '((false && false) || true)'],
  ['1 < 2 == true', '((1 < 2) == true)'],
  ['1 == 1 == true', '((1 == 1) == true)'],
  ['1 != 2 == true', '((1 != 2) == true)'],
  ['[1] @ [2] == [1, 2]', '(([1] @ [2]) == [1, 2])'],
  ['"a" ++ "b" == "ab"', '(("a" ++ "b") == "ab")'],
  ['{a = 1} & {b = 2} == {a = 1, b = 2}', '(({a = 1} & {b = 2}) == {a = 1, b = 2})'],
  ['1 |> (fun x => x + 1) == 2', '((1 |> (fun x => (x + 1))) == 2)'],
  ['(fun x => x * 10) 1 + 2', '(((fun x => (x * 10)) 1) + 2)'],
  ['{a = 1}.a + 1', '({a = 1}.a + 1)'],
  ['if true then 1 else 2 + 3', '(if true then 1 else (2 + 3))'],
  ['let x = 1 in x + 1 * 2', '(let x = 1 in (x + (1 * 2)))'],
  ['1 < 2 && 2 < 3', '((1 < 2) && (2 < 3))'],
  ['(fun x y => x - y) 10 3 - 1', '((((fun x y => (x - y)) 10) 3) - 1)'],
  ["'Foo 1 == 'Foo 1", "(('Foo 1) == ('Foo 1))"],
  ['"ab" ++ "c" ++ "d"', '(("ab" ++ "c") ++ "d")'],
  ['[1] @ [2] @ [3]', '(([1] @ [2]) @ [3])'],
  ['1 + 2 < 4 && true', '(((1 + 2) < 4) && true)'],
  ['2 * 3 + 4 * 5 == 26', '(((2 * 3) + (4 * 5)) == 26)'],
  ['!false == true', '((!false) == true)'],
  ['1 |> (fun x => x * 2) |> (fun x => x + 1)', '((1 |> (fun x => (x * 2))) |> (fun x => (x + 1)))'],
  ['10 - 5 |> (fun x => x * 2)', '((10 - 5) |> (fun x => (x * 2)))'],
  ['{a = {b = 2}}.a.b * 3', '({a = {b = 2}}.a.b * 3)'],
  ['-(1) + 2', '((-1) + 2)'],
];

for (const [src, grouped] of GROUPINGS) {
  test(`grouping of ${src}`, () => {
    assert.is(printGrouped(parseText(src)), grouped);
  });
}

test('prefix `!` takes a whole sum, prefix `-` only an application', () => {
  assert.is(printGrouped(parseText('!a + b')), '(!(a + b))');
  assert.is(printGrouped(parseText('!a == b')), '((!a) == b)');
  assert.is(printGrouped(parseText('-f x * y')), '((-(f x)) * y)');
  assert.is(printGrouped(parseText('!!a')), '(!(!a))');
});

test("a prefix operator cannot be a tighter operator's right operand", () => {
  // the reference rejects these too
  assert.is(parseFailure('1 + !true')?.kind, 'ParseError::UnexpectedToken');
  assert.is(parseFailure('1 * !true')?.kind, 'ParseError::UnexpectedToken');
  assert.is(printGrouped(parseText('true && !false')), '(true && (!false))');
  assert.is(printGrouped(parseText('2 * -3')), '(2 * (-3))');
});

test('application and field access bind tightest', () => {
  assert.is(printGrouped(parseText('f x.y z')), '((f x.y) z)');
  assert.is(printGrouped(parseText('f x + g y')), '((f x) + (g y))');
  assert.is(printGrouped(parseText("'Tag x + 1")), "(('Tag x) + 1)");
});

test('annotations cover the whole infix expression', () => {
  assert.is(printGrouped(parseText('1 + 2 | Number')), '((1 + 2) | ?)');
  assert.is(printGrouped(parseText('x : Number | Dyn')), '(x : ? | ?)');
});

test('`let`, `fun` and `if` extend as far as possible', () => {
  assert.is(printGrouped(parseText('fun x => x + 1')), '(fun x => (x + 1))');
  assert.is(printGrouped(parseText('if a then b else c || d')), '(if a then b else (c || d))');
  assert.is(parseFailure('1 + let x = 1 in x')?.kind, 'ParseError::UnexpectedToken');
});

test.run();
