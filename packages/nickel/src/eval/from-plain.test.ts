import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PlainRecord } from '../export/plain.js';
import { Rat } from '../number/num.js';
import { fromPlain } from './from-plain.js';
import { errorOf, run } from './test-support.js';
import { ArrayValue, RecordValue } from './value.js';

const files = {
  '/d.json': '{"name": "web", "ports": [80, 443], "limits": {"memory": "1Gi", "cpu": 0.5}, "zero": null}',
  '/d.yaml': 'b: 1\na:\n  - {y: true, x: [1, 2]}\n',
  '/wide.json': '{"\\ud83d\\ude00": 2, "\\ue000": 1, "a": 3}',
  '/big.json': JSON.stringify({ rows: Array.from({ length: 50 }, (_, i) => ({ id: i, tags: ['a', 'b'] })), flag: true }),
};

test('data read from a file or a string exports as read, fields sorted by name', () => {
  assert.equal(run('import "d.json"', files), { limits: { cpu: 0.5, memory: '1Gi' }, name: 'web', ports: [80, 443], zero: null });
  assert.equal(run('import "d.yaml"', files), { a: [{ x: [1, 2], y: true }], b: 1 });
  assert.equal(
    run('std.serialize \'Json (import "d.yaml")', files),
    '{\n  "a": [\n    {\n      "x": [\n        1,\n        2\n      ],\n      "y": true\n    }\n  ],\n  "b": 1\n}',
  );
  assert.equal(
    run('std.serialize \'Json (std.deserialize \'Json m%"{"b": {"d": 1, "c": [2]}, "a": 1}"%)'),
    '{\n  "a": 1,\n  "b": {\n    "c": [\n      2\n    ],\n    "d": 1\n  }\n}',
  );
});

test('fields are written by code point, as the reference writes them: U+E000 before an astral character', () => {
  const sorted = ['a', '\ue000', '\u{1F600}'];
  assert.equal(Object.keys(run('import "wide.json"', files) as object), sorted);
  assert.equal(Object.keys(run('(import "wide.json") & {}', files) as object), sorted, 'through the values');
  assert.equal(Object.keys(run('{ "\u{1F600}" = 2, "\u{E000}" = 1, a = 3 }') as object), sorted, 'a Nickel literal');
});

test('data is made into values one level at a time, as it is reached', () => {
  const rowsData = [new PlainRecord([['id', 1]]), new PlainRecord([['id', 2]])];
  const data = new PlainRecord([
    ['flag', true],
    ['rows', rowsData],
  ]);
  const v = fromPlain(data);
  if (!(v instanceof RecordValue)) throw new Error('a record');
  assert.is(v.data, data);
  const rows = v.fields.get('rows')!.value!;
  assert.not.ok(rows.isEvaluated, 'the array is not made until read');
  const array = rows.force();
  if (!(array instanceof ArrayValue)) throw new Error('an array');
  assert.is(array.data, rowsData);
  assert.not.ok(array.items[0]!.isEvaluated);
  assert.ok(v.fields.get('flag')!.value!.isEvaluated, 'a scalar is there from the start');
  const record = fromPlain(new PlainRecord([['n', new Rat(1n, 3n)]]));
  assert.ok(record instanceof RecordValue && record.fields.get('n')?.value?.force() instanceof Rat);
  assert.equal(run('(import "big.json").rows |> std.array.at 49 |> std.record.get "id"', files), 49);
});

test('data that went through a merge, a contract or a function is exported from its values', () => {
  assert.equal(run('(import "d.json") & { extra = 1, limits.gpu = 0 }', files), {
    extra: 1,
    limits: { cpu: 0.5, gpu: 0, memory: '1Gi' },
    name: 'web',
    ports: [80, 443],
    zero: null,
  });
  assert.equal(run('(import "d.json") | { name | String, replicas | default = 2, .. }', files), {
    limits: { cpu: 0.5, memory: '1Gi' },
    name: 'web',
    ports: [80, 443],
    replicas: 2,
    zero: null,
  });
  assert.equal(run('std.record.map (fun k v => k) (import "d.json")', files), { limits: 'limits', name: 'name', ports: 'ports', zero: 'zero' });
  assert.is(errorOf('std.serialize \'Json ((import "d.json") | { name | Number, .. })', files).kind, 'EvalError::BlameError');
  assert.is(errorOf('%force% ((import "d.json") | { ports | Array String, .. })', files).kind, 'EvalError::BlameError');
});

test.run();
