import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseFailure, parseShape, parseText, stringValue } from './test-support/helpers.js';

// Each program's value is what the reference Nickel 1.18 exports for it.
const MULTILINE: [string, string | null][] = [
  ['m%"\n  hello\n  world\n"%', 'hello\nworld'],
  ['m%"  foo\n    bar"%', 'foo\n  bar'],
  ['m%"\n    a\n\n  b\n      \n    c\n"%', '  a\n\nb\n    \n  c'],
  ['m%"\n  a\n    \n  b\n "%', 'a\n  \nb'],
  ['m%"\n  a\n  "%', 'a'],
  ['m%"\n  x:\n    %{"a\\nb"}\n  end\n"%', 'x:\n  a\n  b\nend'],
  ['m%"\n    %{"a\\nb"} %{"c\\nd"}\n"%', 'a\nb c\nd'],
  ['m%"\n  k = %{"a\\nb"}\n"%', 'k = a\nb'],
  ['m%"\n\tx\n\t\ty\n"%', 'x\n\ty'],
  ['m%%"a %{b} %%{"c"}"%%', 'a %{b} c'],
  ['m%%"a "% b"%%', 'a "% b'],
  ['m%""%', ''],
  ['m%"   "%', ''],
  ['m%"\n"%', ''],
  ['m%"\n\n"%', ''],
  ['m%"\r\n  a\r\n  b\r\n"%', 'a\nb'],
  ['m%"\n  %{"p\\nq"} tail\n  next\n"%', 'p\nq tail\nnext'],
  ['m%"%{"x\\ny"}\n  a"%', 'x\ny\n  a'],
  ['m%"\n  outer\n    %{m%"\n      inner1\n      inner2\n    "%}\n  done\n"%', 'outer\n  inner1\n  inner2\ndone'],
  ['m%"\n    %{"a\\nb"}\n"%', 'a\nb'],
  ['m%"  \n  a\n"%', 'a'],
  ['m%"x  \n  a\n  "%', 'x  \n  a'],
  ['m%"\n  a %{"1"} b %{"2\\n3"}\n"%', 'a 1 b 2\n3'],
  ['m%"\n  %{"1\\n2"}%{"3\\n4"}\n"%', '1\n23\n4'],
  ['m%"\n      \n  a\n"%', '    \na'],
  ['m%"\n  "quoted" and %% and %%{ and "%%\n"%', null],
  ['m%%%"\n  %%{no} %%%{"yes"} "%% "%%\n"%%%', '%%{no} yes "%% "%%'],
  ['m%"\n  a\n  \n"%', 'a\n'],
  ['m%"\n   \t a\n \t  b\n"%', ' a\nb'],
  ['m%"%{"a"}"%', 'a'],
  ['m%"\n  %{"x\\ny"}\n  %{"z\\nw"}\n"%', 'x\ny\nz\nw'],
  ['let s = "one\\ntwo" in m%"\n  - %{s}\n    %{s}\n"%', '- one\ntwo\n  one\n  two'],
];

for (const [src, expected] of MULTILINE) {
  test(`multiline ${JSON.stringify(src)}`, () => {
    if (expected === null) {
      assert.ok(parseFailure(src), 'the reference rejects this string');
      return;
    }
    assert.is(stringValue(parseText(src)), expected);
  });
}

test('escapes in standard strings', () => {
  assert.is(stringValue(parseText(String.raw`"a\nb\tc\rd\"e\\f\%g\'h"`)), 'a\nb\tc\rd"e\\f%g\'h');
  assert.is(stringValue(parseText(String.raw`"\x41\x7f\u{1F600}\u{e9}"`)), 'A\x7f😀é');
  assert.is(stringValue(parseText('"100% \\%{x}"')), '100% %{x}');
  // `%%{` is a literal `%` then an interpolation, as in the reference
  assert.is(stringValue(parseText('"%%{"a"}"')), '%a');
});

test('interpolation and `%` in standard strings', () => {
  assert.equal(parseShape('"a%{x}b"'), {
    kind: 'Str',
    chunks: [
      { kind: 'Lit', value: 'a' },
      { kind: 'Interp', expr: { kind: 'Var', name: 'x' }, indent: 0 },
      { kind: 'Lit', value: 'b' },
    ],
    multiline: false,
  });
  assert.equal(parseShape('"%{ {a = 1}.a }"'), {
    kind: 'Str',
    chunks: [
      {
        kind: 'Interp',
        expr: {
          kind: 'FieldAccess',
          record: {
            kind: 'Record',
            fields: [
              { path: [{ kind: 'Static', name: 'a' }], value: { kind: 'Num', text: '1' }, meta: { contracts: [], optional: false, notExported: false } },
            ],
            includes: [],
            open: false,
          },
          field: { kind: 'Static', name: 'a' },
        },
        indent: 0,
      },
    ],
    multiline: false,
  });
});

test('string errors', () => {
  assert.is(parseFailure(String.raw`"a\qb"`)?.kind, 'ParseError::InvalidEscapeSequence');
  assert.is(parseFailure(String.raw`"\xFF"`)?.kind, 'ParseError::InvalidAsciiEscapeCode');
  assert.is(parseFailure('m%"a"%%"%')?.kind, 'ParseError::StringDelimiterMismatch');
  assert.is(parseFailure('"abc')?.kind, 'ParseError::UnexpectedEOF');
  assert.is(parseFailure('}')?.kind, 'ParseError::UnmatchedCloseBrace');
});

test('symbolic strings are records of fragments', () => {
  assert.equal(parseShape('nix-s%"a %{x} b"%'), {
    kind: 'Record',
    fields: [
      { path: [{ kind: 'Static', name: 'tag' }], value: { kind: 'Enum', tag: 'SymbolicString' }, meta: { contracts: [], optional: false, notExported: false } },
      { path: [{ kind: 'Static', name: 'prefix' }], value: { kind: 'Enum', tag: 'nix' }, meta: { contracts: [], optional: false, notExported: false } },
      {
        path: [{ kind: 'Static', name: 'fragments' }],
        value: {
          kind: 'Array',
          items: [
            { kind: 'Str', chunks: [{ kind: 'Lit', value: 'a ' }], multiline: true },
            { kind: 'Var', name: 'x' },
            { kind: 'Str', chunks: [{ kind: 'Lit', value: ' b' }], multiline: true },
          ],
        },
        meta: { contracts: [], optional: false, notExported: false },
      },
    ],
    includes: [],
    open: false,
  });
});

test('a 1 MB string parses', () => {
  const big = 'x'.repeat(1 << 20);
  assert.is(stringValue(parseText(`"${big}"`)).length, 1 << 20);
  assert.is(stringValue(parseText(`m%"\n  ${big}\n"%`)).length, 1 << 20);
});

test.run();
