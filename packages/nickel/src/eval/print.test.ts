import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MemoryImporter } from '../import/memory.js';
import { evaluateSource } from '../pipeline.js';

const evaluate = (src: string) => evaluateSource(src, { importer: new MemoryImporter({}) });

test('values print like the REPL', () => {
  assert.is(evaluate('{ a = { b = 1 }, c = [1, "x"], d = fun x => x }').print(), '{ a = { b = 1, }, c = [ 1, "x" ], d = <func>, }');
  assert.is(evaluate("'Foo ('Bar 1)").print(), "'Foo ('Bar 1)");
  assert.is(evaluate('{ "a b" = "q\\"%{"x"}" }').print(), '{ "a b" = "q\\"x", }');
});

test('printing and exporting a sub-field', () => {
  const ev = evaluate('{ a = { b = [1, 2] } }');
  assert.is(ev.print(['a', 'b']), '[ 1, 2 ]');
  assert.equal(ev.toPlain(['a', 'b']), [1, 2]);
});

test('query shows metadata as written', () => {
  const info = evaluate('{ a | doc "The a" | Number | default = 1, b = { c = 2 } }').query(['a']);
  assert.is(info.doc, 'The a');
  assert.equal(info.contracts, ['Number']);
  assert.is(info.default, true);
  assert.is(info.value, '1');
  assert.equal(evaluate('{ b = { d = 2, c = 1 } }').query(['b']).fields, ['c', 'd']);
});

test('functions are not exportable', () => {
  try {
    evaluate('{ f = fun x => x }').toPlain();
    assert.unreachable();
  } catch (e) {
    assert.is((e as { kind: string }).kind, 'ExportError::NonSerializable');
  }
});

test('the standard library is shared by evaluations', () => {
  assert.equal(evaluate('std.array.length [1, 2]').toPlain(), 2);
  assert.equal(evaluate('std.string.uppercase "a"').toPlain(), 'A');
});

test.run();
