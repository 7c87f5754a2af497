import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NickelError } from '../diagnostics/error.js';
import { evaluateSource } from '../pipeline.js';
import { errorOf, plainToJson, run } from './test-support.js';

// Non-tail recursion, one program per way a recursive call's result is awaited. Past a few hundred
// levels the evaluation runs on the machine (machine.ts), whose stack is on the heap.
const DEPTH = 100_000;
const SHAPES: Record<string, string> = {
  'an operator operand': `let rec f = fun n => if n == 0 then 0 else 1 + f (n - 1) in f ${DEPTH}`,
  // `[n] @ f (n - 1)` copies the array at each level, which makes 100,000 levels slow in the
  // reference as here (quadratic): this one keeps the arrays short; the natural one runs below.
  'an array concatenation': `let rec f = fun n => if n == 0 then [] else let a = [n] @ f (n - 1) in if a == [] then [] else [n] in std.array.first (f ${DEPTH})`,
  'a record field': `let rec r = { f = fun n => if n == 0 then 0 else 1 + r.f (n - 1) } in r.f ${DEPTH}`,
  'std.array.fold_right with a user function': `let rec f = fun n => if n == 0 then 0 else std.array.fold_right (fun x acc => x + acc) 0 [1, f (n - 1)] in f ${DEPTH}`,
  'a contract': `let rec f = fun n => if n == 0 then 0 else 1 + (f (n - 1) | Number) in f ${DEPTH}`,
  'a string interpolation': `let rec f = fun n => if n == 0 then "" else "%{f (n - 1)}x" in std.string.length (f ${DEPTH})`,
};

for (const [shape, program] of Object.entries(SHAPES)) {
  test(`${DEPTH} levels of recursion through ${shape}`, () => {
    assert.equal(run(program), DEPTH);
  });
}

test('an array built by concatenation, 10,000 levels deep', () => {
  assert.equal(run(`let rec f = fun n => if n == 0 then [] else [n] @ f (n - 1) in std.array.length (f 10000)`), 10000);
});

// Everything the machine evaluates itself, at the bottom of a recursion deep enough to be on it,
// gives what it gives near the top of the stack.
const CONSTRUCTS = `{
  arith = -(3 * 4) % 5 + 10 / 4,
  logic = !(false || (true && 1 < 2)),
  text = "a %{"b"} %{1.5} %{'c} %{null}",
  indented = m%"
    x
      %{"y\\nz"}
  "%,
  dynamic = let name = "k" in { k = 1 }."%{name}",
  pipe = 5 |> (fun x y => x - y) 2,
  seq = %seq% (1 + 1) "s" ++ %deep_seq% [1, { a = 2 }] "d",
  matched = (match { 'A x => x + 1, _ => 0 }) ('A 41),
  annotated = ([1, 2] | Array Number) @ (["3"] : Array String),
  custom = (5 | std.contract.from_predicate (fun x => x > 0)),
  record = { a.b = 1 } & { a.c = 2 },
  data = std.array.map (fun x => x * 2) [1, 2, 3],
}`;

const atDepth = (depth: number, body: string): string =>
  `let rec deep = fun n k => if n == 0 then k null else deep (n - 1) k |> (fun v => v) in deep ${depth} (fun _ => ${body})`;

test('the machine evaluates every construct as the recursive evaluator does', () => {
  const shallow = run(atDepth(0, CONSTRUCTS));
  assert.equal(run(atDepth(5000, CONSTRUCTS)), shallow);
  assert.equal(run(atDepth(5000, `"%{deep 10 (fun _ => "x")}-%{1}"`)), 'x-1');
});

test('errors on the machine are the recursive evaluator’s', () => {
  for (const body of ['1 + "a"', 'if 1 then 2 else 3', '{ a = 1 }.b', '"%{{}}"', 'let x = x + 1 in x', '(1 | String)', '!1', '[1] @ 2']) {
    assert.equal(errorOf(atDepth(5000, body)), errorOf(atDepth(0, body)), body);
  }
});

test('a thunk whose evaluation failed on the machine fails the same way when forced again', () => {
  const ev = evaluateSource(`let rec f = fun n => if n == 0 then 1 + "a" else 1 + f (n - 1) in { x = f 5000 }`);
  const kinds = [0, 1].map(() => {
    try {
      ev.toPlain(['x']);
      return 'no error';
    } catch (e) {
      return e instanceof NickelError ? e.kind : String(e);
    }
  });
  assert.equal(kinds, ['EvalError::NAryPrimopTypeError', 'EvalError::NAryPrimopTypeError']);
});

test('infinite recursion ends with a stack overflow at the configured limit', () => {
  const ev = evaluateSource('let rec f = fun n => 1 + f (n + 1) in f 0', { maxStackMb: 16 });
  try {
    ev.toPlain();
    assert.unreachable('the evaluation should fail');
  } catch (e) {
    if (!(e instanceof NickelError)) throw e;
    assert.is(e.kind, 'EvalError::StackOverflow');
    assert.match(e.notes.join('\n'), /16 MB/);
  }
});

test('a small limit is honoured', () => {
  const ev = evaluateSource(`let rec f = fun n => if n == 0 then 0 else 1 + f (n - 1) in f 10000`, { maxStackMb: 1 });
  assert.throws(
    () => ev.toPlain(),
    (e: unknown) => e instanceof NickelError && e.kind === 'EvalError::StackOverflow',
  );
});

test("the limit holds where the recursion runs through std's code", () => {
  // std's files are shared by every evaluation: the limit is the evaluation's, not std's
  const program = 'let rec f = fun n => if n == 0 then 0 else std.array.fold_left (fun acc x => acc + f (n - 1)) 1 [1] in f 100000';
  const ev = evaluateSource(program, { maxStackMb: 1 });
  assert.throws(
    () => ev.toPlain(),
    (e: unknown) => e instanceof NickelError && e.kind === 'EvalError::StackOverflow',
  );
});

test('a deep recursion under the limit is unaffected by it', () => {
  const ev = evaluateSource(`let rec f = fun n => if n == 0 then 0 else 1 + f (n - 1) in f 20000`, { maxStackMb: 16 });
  assert.equal(plainToJson(ev.toPlain()), 20000);
});

test.run();
