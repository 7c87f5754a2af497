import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PlainRecord, type Plain } from '../export/plain.js';
import { Rat } from '../number/num.js';
import { parseData, type DataFormat } from './data.js';
import { decodeData, encodeData } from './stored-data.js';

const roundTrip = (text: string, format: DataFormat): { read: Plain; back: Plain | undefined } => {
  const read = parseData(text, format, `data.${format.toLowerCase()}`);
  const json = encodeData({ text }, format, read);
  return { read, back: json === undefined ? undefined : decodeData({ text }, format, json) };
};

test('what the YAML and TOML readers give comes back from the store as it was read', () => {
  const cases: [string, DataFormat][] = [
    ['a: 1\nb: [true, null, "x"]\nc: {d: 0.1, e: -3.5e-3, f: 12345678901234567890}\n', 'Yaml'],
    ['"10": a\n"9": b\nz: c\n"é": d\n"😀": e\n"\\uE000": f\n', 'Yaml'],
    ['---\na: 1\n---\n- 2\n- {}\n- []\n', 'Yaml'],
    ['x: 1\n', 'YamlDocuments'],
    ['', 'Yaml'],
    ['a = 1\nb = 0.5\nc = 1979-05-27T07:32:00Z\n[t]\nd = [1, "two", { e = 3 }]\n"10" = true\n', 'Toml'],
  ];
  for (const [text, format] of cases) {
    const { read, back } = roundTrip(text, format);
    assert.equal(back, read, `${format}: ${JSON.stringify(text)}`);
  }
  // names in the reader's order (integer-like ones would come first in a JSON object)
  const { back } = roundTrip('"10": a\n"9": b\nz: c\n', 'Yaml');
  assert.equal(
    (back as PlainRecord).fields.map(([n]) => n),
    ['10', '9', 'z'],
  );
  assert.ok((roundTrip('a: 0.1\n', 'Yaml').back as PlainRecord).fields[0]![1] instanceof Rat, 'an exact fraction stays one');
});

test('a stored value is used only for the text and format it was read from', () => {
  const text = 'a: 1\n';
  const json = encodeData({ text }, 'Yaml', parseData(text, 'Yaml', 'x.yaml'))!;
  assert.ok(decodeData({ text }, 'Yaml', json) instanceof PlainRecord);
  assert.is(decodeData({ text: 'a: 2\n' }, 'Yaml', json), undefined, 'the file changed');
  assert.is(decodeData({ text }, 'YamlDocuments', json), undefined, 'read as another format');
});

test('a damaged store is not used', () => {
  const text = 'a: 1\n';
  const stored = (value: unknown): string => JSON.stringify({ format: 'Yaml', text, value });
  for (const damaged of [
    stored({ r: [1, 2] }),
    stored({ r: ['a'] }),
    stored({ q: ['1', '0'] }),
    stored({ q: ['x', '2'] }),
    stored(1.5),
    stored({ other: 1 }),
    JSON.stringify({ format: 'Yaml', text }),
    '{"format":"Yaml",',
  ]) {
    assert.is(decodeData({ text }, 'Yaml', damaged), undefined, damaged);
  }
  assert.is(decodeData({ text }, 'Yaml', stored(null)), null, 'null is a value (an empty YAML file)');
});

test('a value nested deeper than the JavaScript stack is not stored', () => {
  let deep: Plain = [];
  for (let i = 0; i < 200_000; i++) deep = [deep];
  assert.is(encodeData({ text: '' }, 'Yaml', deep), undefined);
  assert.ok(encodeData({ text: '' }, 'Yaml', new PlainRecord([['a', [1, 2]]])));
});

test.run();
