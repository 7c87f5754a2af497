import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run, type Json } from './test-support.js';

// How many times a merge evaluates a field or applies a contract, counted through `std.trace`
// (it writes one line to stderr per evaluation): the cost model of ARCHITECTURE.md.

function traced(src: string): { value: Json; traces: string[] } {
  const traces: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    traces.push(
      String(chunk)
        .replace(/^std\.trace: /, '')
        .trim(),
    );
    return true;
  }) as typeof process.stderr.write;
  try {
    return { value: run(src), traces };
  } finally {
    process.stderr.write = write;
  }
}

test('a field that reads nothing of its record is evaluated once, however many merged records use it', () => {
  const { value, traces } = traced(`
    let base = { t = std.trace "t" 1, n = 0 } in
    let rs = std.array.fold_left (fun acc i => acc @ [std.array.last acc & { "x%{std.to_string i}" = i }]) [base] (std.array.range 0 20) in
    std.array.map (fun r => r.t) rs`);
  assert.equal(value, Array(21).fill(1));
  assert.equal(traces, ['t']);
});

test('a field that reads an overridden field is evaluated once per merged record that uses it', () => {
  const { value, traces } = traced(`
    let base = { n | default = 0, d = std.trace "d" (n + 1) } in
    let two = base & { n = 2 } in
    [(base & { n = 1 }).d, two.d, two.d, (two & { x = 1 }).d]`);
  assert.equal(value, [2, 3, 3, 3]);
  assert.equal(traces, ['d', 'd', 'd']);
});

test('the same contract pending on a field from every merged record is applied once', () => {
  const { value, traces } = traced(`
    let C = std.contract.from_predicate (fun x => std.trace "c" true) in
    (std.array.fold_left (fun acc i => acc & { a | C }) { a | C = 1 } (std.array.range 0 10)).a`);
  assert.is(value, 1);
  assert.equal(traces, ['c']);
});

test('`config | Schema` from every module applies the merged Schema once', () => {
  const { value, traces } = traced(`
    let C = std.contract.from_predicate (fun x => std.trace "c" true) in
    let module = fun i => { Schema = { "m%{std.to_string i}" | C | default = i }, config | Schema = {} } in
    (std.array.fold_left (fun acc i => acc & module i) { Schema = {}, config | Schema = {} } (std.array.range 0 8)).config`);
  assert.equal(value, { m0: 0, m1: 1, m2: 2, m3: 3, m4: 4, m5: 5, m6: 6, m7: 7 });
  assert.is(traces.length, 8);
});

test('a library imported by every module is one contract: `lib.Shells` applies once', () => {
  const { value, traces } = traced(`
    let lib = { Shells = { build | std.contract.from_predicate (fun x => std.trace "s" true) } } in
    let module = fun i => let l = lib in { Schema = { shells | l.Shells }, config | Schema = { shells.build."k%{std.to_string i}" = i } } in
    (std.array.fold_left (fun acc i => acc & module i) { Schema = {}, config | Schema = {} } (std.array.range 0 6)).config.shells`);
  assert.equal(value, { build: { k0: 0, k1: 1, k2: 2, k3: 3, k4: 4, k5: 5 } });
  assert.equal(traces, ['s']);
});

test.run();
