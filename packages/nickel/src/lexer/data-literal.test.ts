import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluateSource } from '../pipeline.js';
import { NickelError } from '../diagnostics/error.js';
import { serialize } from '../export/serialize.js';
import { parse } from '../parser/parse.js';
import { SourceRegistry } from '../source/registry.js';
import { MIN_DATA_LITERAL, readDataLiteral } from './data-literal.js';

/** Pads a record literal past the size below which the parser reads it the ordinary way. */
const PAD = `padding = "${'p'.repeat(MIN_DATA_LITERAL)}"`;

function exported(text: string): string {
  return serialize(evaluateSource(text).toPlain(), 'json');
}

function parsedKind(text: string): string {
  try {
    return parse(new SourceRegistry().add('t.ncl', text)).kind;
  } catch (e) {
    assert.instance(e, NickelError);
    return (e as NickelError).kind;
  }
}

test('large literals of plain data are read directly', () => {
  const text = `{
  a = 1, b = -2.5, c = "x\\n\\"y\\"\\t%", d = [true, false, null, 'Tag], e = { f = [] }, g = {}, ${PAD} }`;
  assert.is(parsedKind(text), 'Data');
  assert.is(exported(text), exported(`(${text}) & {}`)); // the ordinary path, forced by the merge
});

test('anything beyond plain data is left to the parser', () => {
  const cases = [
    `{ a = x, ${PAD} }`, // variable
    `{ a = "%{x}", ${PAD} }`, // interpolation
    `{ a.b = 1, ${PAD} }`, // field path
    `{ a | Number = 1, ${PAD} }`, // annotation
    `{ a = 1, a = 2, ${PAD} }`, // a name defined twice merges
    `{ a = 1 + 1, ${PAD} }`, // operator
    `{ a = "\\u{41}", ${PAD} }`, // long escape
    `{ a = 0x10, ${PAD} }`, // hexadecimal
    `{ a = m%"x"%, ${PAD} }`, // multiline string
    `{ a = 'Some 1, ${PAD} }`, // enum variant
    `{ a = 1, ${PAD}, .. }`, // open record
    `{ a = 1, ${PAD} } | { .. }`, // not a whole term
    `{ if = 1, ${PAD} }`, // keyword as a name
    `{ a = "x\r\ny", ${PAD} }`, // CR inside a string
  ];
  for (const text of cases) assert.is.not(parsedKind(text.replace(/^\{ /, '{\n')), 'Data', text);
  assert.is(parsedKind(`{ a = 1 }`), 'Record'); // small
  assert.is(parsedKind(`{ a = 1, ${PAD} }`), 'Record'); // on one line: not worth reading ahead
});

test('names the parser accepts as field names are read as such', () => {
  const text = `{
  default = 1, doc = 2, optional = 3, include = 4, "a b" = 5, _x = 6, a-b' = 7, ${PAD} }`;
  assert.is(parsedKind(text), 'Data');
  assert.is(exported(text), exported(`(${text}) & {}`));
});

test('comments and blank lines inside are skipped as the lexer skips them', () => {
  const text = `{ # one\n  a = 1, # two\r\n\n  b = [ # three\n 1, 2, ], ${PAD}, }`;
  assert.is(parsedKind(text), 'Data');
  assert.is(exported(text), exported(`(${text}) & {}`));
});

test('readDataLiteral reports where the literal ends', () => {
  const text = `[${'1, '.repeat(MIN_DATA_LITERAL)}2] ,`;
  const data = readDataLiteral(text, 0);
  assert.ok(data);
  assert.is(data!.end, text.indexOf(']') + 1);
  assert.is(readDataLiteral(text.replace(']', '] x'), 0), undefined);
});

test('a data literal used as more than data evaluates like the ordinary literal, spans included', () => {
  const big = `{
  port = "80", ${PAD} }`;
  assert.is(parsedKind(big), 'Data');
  const text = `{ config = ${big}, checked = config | { port | Number, .. } }`;
  try {
    evaluateSource(text).toPlain();
    assert.unreachable('the contract must fail');
  } catch (e) {
    assert.instance(e, NickelError);
    const err = e as NickelError;
    assert.is(err.kind, 'EvalError::BlameError');
    // the offending value is pointed at inside the literal, as the ordinary parse would
    assert.ok(
      err.labels.some((l) => l.span && text.slice(l.span.start, l.span.end) === '"80"'),
      JSON.stringify(err.labels),
    );
  }
  assert.ok(exported(`{ config = ${big}, p = config.port }`).includes('"p": "80"'));
});

// ---- differential: random data literals, read directly vs parsed ----------------------------

const key = fc.oneof(
  fc.constantFrom('a', 'b', 'name', 'version', '_x', 'a-b', 'default', 'doc'),
  fc.stringMatching(/^[a-zA-Z0-9 é%"\\\n.-]{0,6}$/).map((s) => JSON.stringify(s).replace(/\\u00/g, '\\x')),
);
const scalar = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.constantFrom('0', '1.5', '-0.25', '1e3', '2.5e-3', '123456789012345678901234567890', '1e300', '0.1', '-0'),
  fc.stringMatching(/^[a-z0-9 é日%}"\\\n\t-]{0,10}$/).map((s) => JSON.stringify(s)),
  fc.constantFrom('true', 'false', 'null', "'Tag", "'a-b"),
);
const blank = fc.constantFrom(' ', '', '\n  ', ' # note\n', '\t');
const value: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 4 }).chain((items) => blank.map((b) => `[${b}${items.join(`,${b}`)}${b}]`)),
    fc
      .uniqueArray(fc.tuple(key, tie('v')), { maxLength: 4, selector: ([k]) => k })
      .chain((fields) => blank.map((b) => `{${b}${fields.map(([k, v]) => `${k}${b}=${b}${v}`).join(`,${b}`)}${b}}`)),
  ),
})).v;

test('random plain data: read directly and parsed, the same export', () => {
  let direct = 0;
  fc.assert(
    fc.property(value, fc.array(fc.tuple(key, value), { maxLength: 5 }), (v, more) => {
      const fields = [...more.map(([k, x]) => `${k} = ${x}`), `v = ${v}`, PAD];
      const text = `{
  ${fields.join(',\n  ')}
}`;
      let fast: string;
      let slow: string;
      try {
        slow = exported(`(${text}) & {}`);
      } catch (e) {
        // duplicate quoted names and the like: then the direct reader must have declined too
        assert.instance(e, NickelError);
        assert.is.not(parsedKind(text), 'Data');
        return;
      }
      try {
        fast = exported(text);
      } catch (e) {
        assert.unreachable(`direct read failed: ${(e as Error).message}`);
        return;
      }
      assert.is(fast, slow);
      if (parsedKind(text) === 'Data') direct++;
    }),
    { numRuns: 300, seed: 20261127 },
  );
  // most generated literals must take the direct path, or this test proves little
  assert.ok(direct > 200, `only ${direct} of 300 read directly`);
});

test.run();
