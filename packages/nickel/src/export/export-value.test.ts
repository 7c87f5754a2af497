import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluateSource, exportValue, NickelError } from '../index.js';

test('exportValue prints what `nickel export` prints, per format and per field', () => {
  const ev = evaluateSource('{ b = [1, 2], a | not_exported = 0, c.d = "x" }');
  assert.is(exportValue(ev), '{\n  "b": [\n    1,\n    2\n  ],\n  "c": {\n    "d": "x"\n  }\n}\n');
  assert.is(exportValue(ev, 'yaml', ['b']), '- 1\n- 2\n');
  assert.is(exportValue(ev, 'raw', ['c', 'd']), 'x');
});

test('exportValue refuses what the reference refuses, with its kinds', () => {
  const kindOf = (src: string, format: 'json' | 'toml' | 'raw') => {
    try {
      exportValue(evaluateSource(src), format);
      return 'exported';
    } catch (e) {
      return e instanceof NickelError ? e.kind : 'not a NickelError';
    }
  };
  assert.is(kindOf('{ big = 1e400 }', 'json'), 'ExportError::NumberOutOfRange');
  assert.is(kindOf('{ f = fun x => x }', 'json'), 'ExportError::NonSerializable');
  assert.is(kindOf('1', 'raw'), 'ExportError::NotAString');
});

test('NickelError.toDiagnostic gives kind, message, labels with positions, and notes', () => {
  const ev = evaluateSource('{ port | Number = "80" }', { name: 'svc.ncl' });
  try {
    ev.toPlain();
    assert.unreachable('the contract should fail');
  } catch (e) {
    if (!(e instanceof NickelError)) throw e;
    const d = e.toDiagnostic(ev.sources);
    assert.is(d.kind, 'EvalError::BlameError');
    assert.match(d.message, /port/);
    assert.ok(d.labels.length > 0, 'labels point into the source');
    assert.ok(d.labels.every((l) => l.file === 'svc.ncl' && l.line === 1 && l.col >= 1));
  }
});

test.run();
