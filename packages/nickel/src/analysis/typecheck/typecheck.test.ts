import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NickelError } from '../../diagnostics/error.js';
import { parse } from '../../parser/parse.js';
import { SourceRegistry } from '../../source/registry.js';
import { typecheck } from './index.js';

/** The type error of a program (its kind and fields), or undefined when it typechecks. */
function typeError(text: string): (Record<string, unknown> & { kind: string }) | undefined {
  const sources = new SourceRegistry();
  try {
    typecheck(parse(sources.add('<test>', text)), { sources });
    return undefined;
  } catch (e) {
    if (!(e instanceof NickelError)) throw e;
    const { kind, ...fields } = e.toDiagnostic(sources);
    return { kind, ...fields };
  }
}

test('untyped code is only walked', () => {
  assert.is(typeError('let f = fun x => x + 1 in f "a"'), undefined);
  assert.is(typeError('{ a = 1, b = a ++ "x" }'), undefined);
});

test('type annotations are enforced, with the types printed as the reference prints them', () => {
  const e = typeError('[1, 2, false] : Array Number');
  assert.is(e?.kind, 'TypecheckError::TypeMismatch');
  assert.is(e?.expected, 'Number');
  assert.is(e?.inferred, 'Bool');
  const d = typeError('let x = "foo" in { "%{x}" = 1 } : { foo : Number }');
  assert.is(d?.expected, '{ foo : Number }');
  assert.is(d?.inferred, '{ _ : _a }');
});

test('polymorphism: rigid variables, levels and parametricity', () => {
  assert.is(typeError('(fun x => x) : forall a. a -> a'), undefined);
  const e = typeError('let f : forall a. (forall b. a -> b -> a) = fun x y => y in f');
  assert.equal([e?.kind, e?.expected, e?.inferred], ['TypecheckError::TypeMismatch', 'a', 'b']);
  assert.is(typeError('(fun x => let y : forall a. a = x in y) : _')?.type_var, 'a');
  const p = typeError("let f : forall r. [| 'blo, 'ble; r |] -> Number = match { 'blo => 1, 'ble => 2, 'bli => 3 } in f");
  const cause = p?.cause as Record<string, unknown> | undefined;
  assert.is(p?.kind, 'TypecheckError::ArrowTypeMismatch');
  assert.equal([cause?.kind, cause?.tail, cause?.violating_type], ['TypecheckError::ForallParametricityViolation', '[| ; r |]', "[| 'bli |]"]);
});

test('rows: missing, extra and conflicting rows; records as dictionaries', () => {
  assert.equal(typeError('{ blo = 1 } : { bla : Number }')?.ident, 'bla');
  assert.equal(typeError("'foo : [| 'bar |]")?.kind, 'TypecheckError::ExtraRow');
  assert.is(typeError('{ foo = 3, bar = 4 } : { _ : Number }'), undefined);
  const h = typeError('let t : { foo : Number, bar : String } = { foo = 5, bar = "t" } in (std.record.insert "baz" 5 t) : { _ : Number }');
  assert.equal([h?.kind, h?.row_a, h?.row_b], ['TypecheckError::InhomogeneousRecord', 'Number', 'String']);
});

test('contracts are opaque types, equal by what their names are bound to', () => {
  assert.is(typeError('let C = fun l v => v in let D = C in let x | C = null in (x : D)'), undefined);
  const e = typeError('(fun x => x) : (fun l t => t) -> (fun l t => t)');
  assert.equal([e?.expected, e?.inferred], ['fun l t => t', 'fun l t => t']);
});

test('patterns give types to what they bind', () => {
  assert.is(typeError('match { \'Foo x => x ++ "a", \'Bar y => y + 1 } : _')?.kind, 'TypecheckError::TypeMismatch');
  assert.is(typeError("match { 'A x or 'B y => 1 }")?.kind, 'TypecheckError::OrPatternVarsMismatch');
  assert.is(typeError('(fun { a, b ? 2 } => a + b) : { a : Number, b : Number } -> Number'), undefined);
});

test('std functions have their signatures', () => {
  assert.is(typeError('(std.array.map (fun x => x ++ "1") ["a", "b"]) : Array String'), undefined);
  assert.is(typeError('std.string.length 1 : Number')?.kind, 'TypecheckError::TypeMismatch');
});

test.run();
