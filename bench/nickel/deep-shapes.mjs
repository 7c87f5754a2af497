// Programs that recurse N levels deep without tail calls, one per way a recursive call's result
// can be awaited: an operator operand, an array concatenation, a record field, a std function
// taking a user function, a contract, a string interpolation. Shared by bench/nickel/deep.mjs and
// the recursion-depth tests; the expected value is computed here, not by running either evaluator.

/** @type {Record<string, { program: (n: number) => string, expected: (n: number) => unknown }>} */
export const DEEP_SHAPES = {
  add: {
    program: (n) => `let rec f = fun n => if n == 0 then 0 else 1 + f (n - 1) in f ${n}`,
    expected: (n) => n,
  },
  'array-concat': {
    program: (n) => `let rec f = fun n => if n == 0 then [] else [n] @ f (n - 1) in std.array.length (f ${n})`,
    expected: (n) => n,
  },
  'record-field': {
    program: (n) => `let rec r = { f = fun n => if n == 0 then 0 else 1 + r.f (n - 1) } in r.f ${n}`,
    expected: (n) => n,
  },
  'fold-right': {
    program: (n) =>
      `let rec f = fun n => if n == 0 then 0 else std.array.fold_right (fun x acc => x + acc) 0 [1, f (n - 1)] in f ${n}`,
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
