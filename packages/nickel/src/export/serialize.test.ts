import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NickelError } from '../diagnostics/error.js';
import { parseData } from '../import/data.js';
import { fromInt, parseNumber } from '../number/num.js';
import { PlainRecord, type Plain } from './plain.js';
import { serialize, serializeValue } from './serialize.js';

/**
 * Expected outputs are facts produced by the reference Nickel 1.18:
 * `std.serialize '<Format> (import "case.json")` for each case of testdata/serialize.reference.json
 * (the input JSON is read with exact numbers, as an import does).
 */
interface Case {
  name: string;
  input: string;
  json: string | Expected;
  yaml: string | Expected;
  toml: string | Expected;
}
interface Expected {
  error: string;
  notes: string[];
}

// serialize.reference.json: chosen cases; serialize-random.reference.json: random records of
// awkward strings (quotes, breaks, indicators, control and astral characters) and nestings.
const load = (name: string): Case[] => JSON.parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8')) as Case[];
const cases = [...load('serialize.reference.json'), ...load('serialize-random.reference.json')];

for (const c of cases) {
  for (const format of ['json', 'yaml', 'toml'] as const) {
    test(`${format}: ${c.name}`, () => {
      const value = parseData(c.input, 'Json', `${c.name}.json`);
      const expected = c[format];
      if (typeof expected === 'string') {
        assert.is(serializeValue(value, format), expected);
      } else {
        try {
          serializeValue(value, format);
        } catch (e) {
          assert.instance(e, NickelError);
          assert.is((e as NickelError).message, expected.error);
          assert.equal((e as NickelError).notes, expected.notes);
          return;
        }
        assert.unreachable(`expected the error: ${expected.error}`);
      }
    });
  }
}

const rec = (fields: Record<string, Plain>): PlainRecord => new PlainRecord(Object.entries(fields));

test('export adds the trailing newline to JSON only', () => {
  const v = rec({ a: 1 });
  assert.is(serialize(v, 'json'), '{\n  "a": 1\n}\n');
  assert.is(serialize(v, 'yaml'), 'a: 1\n');
  assert.is(serialize(v, 'toml'), 'a = 1\n');
  assert.is(serialize('raw text\n', 'text'), 'raw text\n');
  assert.is(serialize('raw', 'raw'), 'raw');
});

test('text export rejects what is not a string, with the reference kind', () => {
  for (const v of [rec({}), fromInt(1n), null, [1]] as Plain[]) {
    try {
      serialize(v, 'text');
      assert.unreachable();
    } catch (e) {
      assert.is((e as NickelError).kind, 'ExportError::NotAString');
    }
  }
  try {
    serialize([], 'text');
  } catch (e) {
    assert.is((e as NickelError).message, 'raw export expects a String value, but got Array');
  }
});

test('error kinds of rejected values', () => {
  const kind = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      return (e as NickelError).kind;
    }
    return 'none';
  };
  assert.is(
    kind(() => serialize(parseNumber('1e400')!, 'json')),
    'ExportError::NumberOutOfRange',
  );
  assert.is(
    kind(() => serialize([parseNumber('-1e309')!], 'yaml')),
    'ExportError::NumberOutOfRange',
  );
  assert.is(
    kind(() => serialize(rec({ a: null }), 'toml')),
    'ExportError::UnsupportedNull',
  );
  assert.is(
    kind(() => serialize([1], 'toml')),
    'ExportError::Other',
  );
  assert.is(
    kind(() => serialize(rec({ a: parseNumber('1.7976931348623157e308')! }), 'json')),
    'none',
  );
});

test('the path to an out-of-range number is in a note', () => {
  try {
    serialize(rec({ a: [1, parseNumber('2e308')!] }), 'json');
  } catch (e) {
    assert.equal((e as NickelError).notes[0], 'When exporting field `a[1]`');
    assert.is((e as NickelError).message, 'The number 2e308 is too large (in absolute value) to be serialized.');
  }
});

test('yaml-documents: one document per element, arrays only, no null', () => {
  assert.is(serializeValue([1, rec({ a: [2] }), 'x'], 'yaml-documents'), '---\n1\n---\na:\n- 2\n---\nx\n');
  try {
    serializeValue(1, 'yaml-documents');
    assert.unreachable();
  } catch (e) {
    assert.is((e as NickelError).kind, 'ExportError::ExpectedArray');
    assert.is((e as NickelError).message, 'yaml-documents export expects an array');
  }
  try {
    serializeValue([null], 'yaml-documents');
    assert.unreachable();
  } catch (e) {
    assert.is((e as NickelError).message, "yaml-documents format doesn't support null values");
  }
});

test.run();
