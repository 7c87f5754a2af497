import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { errorOf, run } from './test-support.js';

test('imports resolve relative to the importing file and are evaluated once', () => {
  const files = {
    '/lib/a.ncl': 'let b = import "b.ncl" in { value = b.x + 1 }',
    '/lib/b.ncl': '{ x = 41 }',
  };
  assert.equal(run('(import "lib/a.ncl").value', files), 42);
});

test('data and text imports', () => {
  const files = { '/d.json': '{"a": [1, 2]}', '/t.txt': 'hello', '/x.data': '{"b": true}' };
  assert.equal(run('[(import "d.json").a, import "t.txt", (import "x.data" as \'Json).b]', files), [[1, 2], 'hello', true]);
});

test('lazy import cycles are allowed', () => {
  const files = { '/a.ncl': '{ x = 1, y = (import "b.ncl").z }', '/b.ncl': '{ z = (import "a.ncl").x + 1 }' };
  assert.equal(run('(import "a.ncl").y', files), 2);
});

test('a missing file is an IoError, a broken one a ParseError', () => {
  assert.is(errorOf('import "nope.ncl"').kind, 'ImportError::IoError');
  assert.is(errorOf('import "bad.ncl"', { '/bad.ncl': '{ a = }' }).kind, 'ImportError::ParseError');
});

test.run();
