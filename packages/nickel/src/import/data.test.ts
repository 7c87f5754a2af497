import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NickelError } from '../diagnostics/error.js';
import { toJson } from '../export/json.js';
import type { Plain } from '../export/plain.js';
import { numberToString } from '../number/format.js';
import { type Num, eq, mul, parseNumber, sub } from '../number/num.js';
import { type DataFormat, parseData } from './data.js';
import { parseJson, readJson } from './data-json.js';
import { exactDecimal, serdeJsonNumber } from './data-numbers.js';

// Expected values are what the reference Nickel 1.18 produces for `import "file.<ext>"` and
// `std.deserialize '<Format> "<text>"` on the same text (observed with the reference).

const compact = (p: Plain): string => toJson(p).replace(/\n\s*/g, ' ');
const imported = (text: string, format: DataFormat): string => compact(parseData(text, format, `data.${format.toLowerCase()}`));
const deserialized = (text: string, format: DataFormat): string => compact(parseData(text, format, '<deserialize>'));
const num = (p: Plain): Num => p as Num;

const failure = (f: () => unknown): NickelError => {
  try {
    f();
  } catch (e) {
    if (e instanceof NickelError) return e;
    throw e;
  }
  throw new Error('expected a NickelError');
};

test('JSON read by JSON.parse gives what the reader gives, and every text it cannot read the same goes to the reader', () => {
  const texts = [
    '{"b": [1, -2, 0, -0, 123456789012345], "a": {"x": null, "y": true, "z": false}, "": "e: \\" 1.5 e5 "}',
    '{"__proto__": {"polluted": 1}, "constructor": 2, "10": 3, "9": 4, "é": 5, "\\ud83d\\ude00": 6}',
    '[{"k": 1, "k": 2}]', // a repeated key: merged on import, the last kept by deserialize
    '{"a": {"x": 1}, "a": {"y": 2}}',
    '[0.1, 1e3, 1E-3, 1234567890123456, -0.0]', // numbers JSON.parse would round
    '"\\ud800"', // a lone surrogate: serde rejects it
    '[1, 2,]',
    '{"a": 1} x',
    ' \n\t[ "tab\\t", "quote\\"", "colon: inside" ] ',
  ];
  for (const text of texts) {
    for (const [readNumber, duplicates] of [
      [exactDecimal, 'merge'],
      [serdeJsonNumber, 'last'],
    ] as const) {
      const outcome = (f: () => Plain): string => {
        try {
          return compact(f());
        } catch (e) {
          return `error: ${(e as Error).message}`;
        }
      };
      assert.is(
        outcome(() => parseJson(text, readNumber, duplicates)),
        outcome(() => readJson(text, readNumber, duplicates)),
        text,
      );
    }
  }
  assert.is(compact(parseJson('{"z": -0, "a": [1]}', exactDecimal)), '{ "a": [ 1 ], "z": 0 }');
});

test('JSON imports keep numbers exact', () => {
  const [a, b, c, d] = parseData('[0.10000000000000001, 12345678901234567890123, 1e400, 9007199254740993]', 'Json', 'n.json') as Plain[];
  assert.not.ok(eq(num(a!), parseNumber('0.1')!));
  assert.ok(eq(num(b!), parseNumber('12345678901234567890123')!));
  assert.ok(eq(num(c!), parseNumber('1e400')!));
  assert.is(numberToString(num(d!)), '9007199254740993');
});

test('std.deserialize reads JSON numbers through doubles, as serde_json does', () => {
  assert.ok(eq(num(parseData('0.10000000000000001', 'Json', '<deserialize>')), parseNumber('0.1')!));
  assert.is(numberToString(num(parseData('12345678901234567890123', 'Json', '<deserialize>'))), '1.234567890123457e22');
  assert.is(numberToString(mul(num(parseData('0.3333333333333333', 'Json', '<deserialize>')), 3)), '1');
  assert.is(numberToString(sub(num(parseData('-9223372036854775809', 'Json', '<deserialize>')), parseNumber('-9223372036854775809')!)), '1');
  assert.is(numberToString(mul(num(parseData('5e-324', 'Json', '<deserialize>')), parseNumber('1e324')!)), '7.410984687618698');
  assert.ok(eq(num(parseData('1.5e20', 'Json', '<deserialize>')), parseNumber('150000000000000000000')!));
  assert.is(deserialized('{"a":1,"a":2}', 'Json'), '{ "a": 2 }');
});

test('JSON syntax errors read like serde_json', () => {
  const cases: Array<[string, string]> = [
    ['[1,]', 'json parse error: trailing comma at line 1 column 4'],
    ['', 'json parse error: EOF while parsing a value at line 1 column 0'],
    ['1 2', 'json parse error: trailing characters at line 1 column 3'],
    ['{', 'json parse error: EOF while parsing an object at line 1 column 1'],
    ['1e400', 'json parse error: number out of range at line 1 column 5'],
  ];
  for (const [text, message] of cases) {
    const e = failure(() => parseData(text, 'Json', '<deserialize>'));
    assert.is(e.kind, 'EvalError::DeserializationError');
    assert.is(e.message, message);
  }
  const e = failure(() => parseData('{"a": ', 'Json', 'bad.json', { file: 3 }));
  assert.is(e.kind, 'ImportError::ParseError');
  assert.ok(e.message.startsWith('json parse error: '));
  assert.equal(e.labels[0]!.span, { file: 3, start: 6, end: 6 });
});

test('JSON strings: escapes and surrogate pairs', () => {
  assert.is(imported('"a\\u00e9\\ud83d\\ude00\\n\\t\\/"', 'Json'), '"aé😀\\n\\t/"');
  assert.is(failure(() => parseData('"\\ud83d"', 'Json', 'x.json')).kind, 'ImportError::ParseError');
  assert.is(failure(() => parseData('"a\nb"', 'Json', 'x.json')).kind, 'ImportError::ParseError');
});

test('YAML scalars resolve as the reference resolves them', () => {
  assert.is(
    imported(
      '[1_000, 1., .5, 1e3, 0x1F, 0o17, +5, -0x1F, 1.2.3, 0b11, 08, 1E-2, 1e, e1, -.5, +1.5, 0x, 007, -0, 99999999999999999999, 1e+3, 0x8000000000000000, +-1, 1__0, 1.0e3 ]',
      'Yaml',
    ),
    '[ "1_000", 1, 0.5, 1000, 31, 15, 5, "-0x1F", "1.2.3", "0b11", 8, 0.01, "1e", "e1", -0.5, 1.5, "0x", 7, 0, 1e20, 1000, "0x8000000000000000", -1, "1__0", 1000 ]',
  );
  assert.is(imported('[!!str 1, !!int "2", !!float 3, !!bool true, !!null ~, !foo 4, "5", 6: 7]', 'Yaml'), '[ "1", "2", 3, true, null, 4, "5", { "6": 7 } ]');
  assert.is(imported('{1.00: a, null: b, true: c}', 'Yaml'), '{ "1.00": "a", "null": "b", "true": "c" }');
  assert.is(imported('[yes, No, ~, Null, TRUE, 2001-12-14]', 'Yaml'), '[ "yes", "No", null, null, true, "2001-12-14" ]');
  assert.is(imported('a: !!str', 'Yaml'), '{ "a": "" }');
  assert.is(imported('!!map {a: 1}', 'Yaml'), '{ "a": 1 }');
  assert.not.ok(eq(num(parseData('0.10000000000000001', 'Yaml', '<deserialize>')), parseNumber('0.1')!));
});

test('YAML documents, empty nodes and aliases', () => {
  assert.is(imported('a:', 'Yaml'), '{ "a": null }');
  assert.is(imported('- \n- 1', 'Yaml'), '[ null, 1 ]');
  assert.is(imported('---\n---\n', 'Yaml'), '[ null, null ]');
  assert.is(imported('---\n1\n---\n2\n', 'Yaml'), '[ 1, 2 ]');
  assert.is(imported('# only a comment\n', 'Yaml'), 'null');
  assert.is(imported('a: &x [1, 2]\nb: *x', 'Yaml'), '{ "a": [ 1, 2 ], "b": [ 1, 2 ] }');
  assert.is(deserialized('1', 'YamlDocuments'), '[ 1 ]');
  assert.is(deserialized('', 'YamlDocuments'), '[]');
});

test('YAML errors', () => {
  const message = (text: string): string => failure(() => parseData(text, 'Yaml', '<deserialize>')).message;
  assert.is(message('[1,2]: a'), 'yaml parse error: Nickel records only support string keys');
  assert.is(message('a: .inf'), 'yaml parse error: Nickel numbers cannot be inf or NaN');
  assert.is(message('a: !!binary aGk='), 'yaml parse error: unknown tag');
  assert.is(message('a: !!int 0x10'), 'yaml parse error: invalid int scalar');
  assert.is(message('a: !!bool yes'), 'yaml parse error: invalid bool scalar');
  assert.is(message('a: !!null Null'), 'yaml parse error: invalid null scalar');
  const e = failure(() => parseData('a: [1\nb', 'Yaml', '<deserialize>'));
  assert.is(e.kind, 'EvalError::DeserializationError');
  assert.equal(e.notes, ['while parsing Yaml']);
  assert.is(failure(() => parseData('a: [1\nb', 'Yaml', 'bad.yaml')).kind, 'ImportError::ParseError');
});

test('TOML: date-times as strings, floats exact on import and simplest on deserialize', () => {
  const text =
    'a = 1979-05-27T07:32:00Z\nc = 1979-05-27T07:32:00\nd = 1979-05-27\ne = 07:32:00\nf = 07:32:00.5\ng = 1979-05-27 07:32:00z\nj = 1979-05-27T07:32:00.120+00:00\n';
  assert.is(
    imported(text, 'Toml'),
    '{ "a": "1979-05-27T07:32:00Z", "c": "1979-05-27T07:32:00", "d": "1979-05-27", "e": "07:32:00", "f": "07:32:00.5", "g": "1979-05-27T07:32:00Z", "j": "1979-05-27T07:32:00.12+00:00" }',
  );
  assert.is(deserialized('a = 1979-05-27T07:32:00Z', 'Toml'), '{ "a": { "$__toml_private_datetime": "1979-05-27T07:32:00Z" } }');
  const imp = parseData('h = 0.1', 'Toml', 'd.toml') as { fields: Array<[string, Plain]> };
  assert.not.ok(eq(num(imp.fields[0]![1]), parseNumber('0.1')!));
  const des = parseData('h = 0.1', 'Toml', '<deserialize>') as { fields: Array<[string, Plain]> };
  assert.ok(eq(num(des.fields[0]![1]), parseNumber('0.1')!));
  assert.is(
    imported('x = 9223372036854775807\n[t]\ny = [1, 2]\n[[u]]\nz = 1', 'Toml'),
    '{ "t": { "y": [ 1, 2 ] }, "u": [ { "z": 1 } ], "x": 9223372036854775807 }',
  );
  const e = failure(() => parseData('a = ', 'Toml', 'bad.toml'));
  assert.is(e.kind, 'ImportError::ParseError');
  assert.ok(e.message.startsWith('toml parse error: TOML parse error at line 1, column 5'));
});

test('records come out sorted by code point', () => {
  assert.is(imported('{"b": 1, "\\ufeff": 2, "\\ud83d\\ude00": 3, "a": 4}', 'Json'), '{ "a": 4, "b": 1, "\ufeff": 2, "😀": 3 }');
});

test('a key given twice: merged in imports and YAML, the last one in std.deserialize of JSON', () => {
  const text = '{"a":{"b":1},"a":{"c":2},"x":[1],"x":[1],"n":1,"n":1}';
  assert.is(imported(text, 'Json'), '{ "a": { "b": 1, "c": 2 }, "n": 1, "x": [ 1 ] }');
  assert.is(failure(() => parseData('{"a":1,"a":2}', 'Json', 'dup.json')).kind, 'EvalError::MergeIncompatibleArgs');
  assert.is(deserialized('{"a":1,"a":2}', 'Json'), '{ "a": 2 }');
  assert.is(deserialized('a: {b: 1}\na: {c: 2}', 'Yaml'), '{ "a": { "b": 1, "c": 2 } }');
  assert.is(deserialized('a: [1]\na: [1]', 'Yaml'), '{ "a": [ 1 ] }');
  assert.is(failure(() => parseData('a: 1\na: 2', 'Yaml', '<deserialize>')).message, 'non mergeable terms');
});

test.run();
