import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseFailure } from './test-support/helpers.js';

/** kind, message and the primary label's [start, end) of the error `src` raises. */
function failure(src: string): { kind: string; message: string; at: [number, number] } {
  const e = parseFailure(src);
  if (!e) throw new Error(`expected ${JSON.stringify(src)} to be rejected`);
  const label = e.labels.find((l) => l.primary)!;
  return { kind: e.kind, message: e.message, at: [label.span.start, label.span.end] };
}

test('unexpected tokens name the token and what was expected', () => {
  assert.equal(failure('(1 + )'), { kind: 'ParseError::UnexpectedToken', message: 'unexpected token: `)`; expected an expression', at: [5, 6] });
  assert.equal(failure('{a = 1,, }'), {
    kind: 'ParseError::UnexpectedToken',
    message: 'unexpected token: `,`; expected a field name, `..` or `}`',
    at: [7, 8],
  });
  assert.equal(failure('let x = 1 ; x').kind, 'ParseError::UnexpectedToken');
  assert.match(failure('let x = 1 ; x').message, /expected `,` or `in`/);
  assert.equal(failure('if a then b').kind, 'ParseError::UnexpectedEOF');
  assert.match(failure('if a then b').message, /expected `else`/);
  assert.equal(failure('"Nickel"$').at, [8, 9]);
});

test("positions of the reference's error fixtures", () => {
  // the reference reports these at the same places
  assert.equal(failure('{\n  bar = [2 @ ],\n}').at, [15, 16]);
  assert.equal(failure('{ _ = 1 }').at, [4, 5]);
  assert.equal(failure("match { 'Foo as => 1 }").at, [16, 18]);
});

test('typed fields without definition', () => {
  const e = parseFailure('{a : Number, b | String}')!;
  assert.is(e.kind, 'ParseError::TypedFieldWithoutDefinition');
  assert.equal(
    e.labels.map((l) => [l.primary, l.span.start, l.span.end]),
    [
      [true, 1, 2],
      [false, 5, 11],
    ],
  );
  // defined elsewhere in the same record: fine
  assert.is(parseFailure('{a : Number, a = 1}'), undefined);
  // all typed without values: a record type, fine
  assert.is(parseFailure('{a : Number, b : String}'), undefined);
  // a path can't be a record type field
  assert.is(parseFailure('{a.b : Number, c = 1}')?.kind, 'ParseError::TypedFieldWithoutDefinition');
});

test('record types that cannot be', () => {
  assert.is(parseFailure('{a : Number, ..}')?.kind, 'ParseError::InvalidRecordType');
  assert.is(parseFailure('{a = 1; r}')?.kind, 'ParseError::InvalidRecordType');
  assert.is(parseFailure('{a : Number, b : String, a : Bool}')?.kind, 'ParseError::InvalidRecordType');
  // a literal in type position that is not a record type is a record contract
  assert.is(parseFailure('x | {a | Number}'), undefined);
});

test('contracts that cannot be', () => {
  for (const src of ["x | 'Foo", 'x | 1', 'x | "s"', 'x | [1]', 'x | null', 'x | true', "[| 'a 'b |]"]) {
    assert.is(parseFailure(src)?.kind, 'ParseError::InvalidContract', src);
  }
});

test('type variables', () => {
  assert.is(parseFailure('x | forall a. a -> {x : Number; a}')?.kind, 'ParseError::TypeVariableKindMismatch');
  assert.is(parseFailure("x | forall r. [| 'a; r |] -> {x : Number; r}")?.kind, 'ParseError::TypeVariableKindMismatch');
  assert.is(parseFailure('x | forall r. {a : Number; r} -> {b : Number; r}'), undefined);
});
test.run();
