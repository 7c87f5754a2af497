// Programs that recurse N levels deep without tail calls, one per way a recursive call's result
// can be awaited: an operator operand, an array concatenation, a record field, a std function
// taking a user function, a contract, a string interpolation. The recursion benchmark
// (deep.mjs) runs them; the tests (packages/nickel/src/eval/machine.test.ts, cli/cli.test.ts) hold
// their own copies. Every program evaluates to N.

/** @type {Record<string, { program: (n: number) => string, expected: (n: number) => unknown, depths?: number[] }>} */
export const DEEP_SHAPES = {
  add: {
    program: (n) => `let rec f = fun n => if n == 0 then 0 else 1 + f (n - 1) in f ${n}`,
    expected: (n) => n,
  },
  // copies the array at every level: quadratic in both evaluators, so run at smaller depths
  'array-concat': {
    program: (n) => `let rec f = fun n => if n == 0 then [] else [n] @ f (n - 1) in std.array.length (f ${n})`,
    expected: (n) => n,
    depths: [10_000, 20_000],
  },
  // the same concatenation awaiting the recursive call, with arrays kept short
  'array-concat-short': {
    program: (n) => `let rec f = fun n => if n == 0 then [] else let a = [n] @ f (n - 1) in if a == [] then [] else [n] in std.array.first (f ${n})`,
    expected: (n) => n,
  },
  'record-field': {
    program: (n) => `let rec r = { f = fun n => if n == 0 then 0 else 1 + r.f (n - 1) } in r.f ${n}`,
    expected: (n) => n,
  },
  'fold-right': {
    program: (n) => `let rec f = fun n => if n == 0 then 0 else std.array.fold_right (fun x acc => x + acc) 0 [1, f (n - 1)] in f ${n}`,
    expected: (n) => n,
  },
  contract: {
    program: (n) => `let rec f = fun n => if n == 0 then 0 else 1 + (f (n - 1) | Number) in f ${n}`,
    expected: (n) => n,
  },
  interpolation: {
    program: (n) => `let rec f = fun n => if n == 0 then "" else "%{f (n - 1)}x" in std.string.length (f ${n})`,
    expected: (n) => n,
  },
};

/** Recursion that never ends: each call waits for the next one's result. */
export const INFINITE = 'let rec f = fun n => 1 + f (n + 1) in f 0';
