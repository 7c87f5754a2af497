import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SourceRegistry } from '../source/registry.js';
import { NickelError } from './error.js';
import { renderJson, toJsonDiagnostic } from './render-json.js';
import { renderText } from './render.js';

function setup(text: string, name = 'main.ncl') {
  const sources = new SourceRegistry();
  const file = sources.add(name, text).id;
  const span = (needle: string, nth = 0) => {
    let start = -1;
    for (let i = 0; i <= nth; i++) start = text.indexOf(needle, start + 1);
    return { file, start, end: start + needle.length };
  };
  return { sources, span };
}

test('one primary label and a note, in the codespan layout', () => {
  const { sources, span } = setup('1 + "a"');
  const error = new NickelError('EvalError::NAryPrimopTypeError', 'dynamic type error', {
    labels: [{ span: span('"a"'), message: 'this expression has type String, but Number was expected', primary: true }],
    notes: ['(+) expects its 2nd argument to be a Number'],
  });
  assert.is(
    renderText(error, sources, { color: false }),
    [
      'error: dynamic type error',
      '  ┌─ main.ncl:1:5',
      '  │',
      '1 │ 1 + "a"',
      '  │     ^^^ this expression has type String, but Number was expected',
      '  │',
      '  = (+) expects its 2nd argument to be a Number',
      '',
    ].join('\n'),
  );
});

test('labels on two lines; the header points at the primary label', () => {
  const { sources, span } = setup('let x = {a = 1} in\nx.b');
  const error = new NickelError('EvalError::FieldMissing', 'missing field `b`', {
    labels: [
      { span: span('{a = 1}'), message: 'this record lacks the field `b`', primary: false },
      { span: span('x.b'), message: 'this requires the field `b` to exist', primary: true },
    ],
  });
  assert.is(
    renderText(error, sources, { color: false }),
    [
      'error: missing field `b`',
      '  ┌─ main.ncl:2:1',
      '  │',
      '1 │ let x = {a = 1} in',
      '  │         ------- this record lacks the field `b`',
      '2 │ x.b',
      '  │ ^^^ this requires the field `b` to exist',
      '',
    ].join('\n'),
  );
});

test('two labels on one line: the last inline, the first hanging', () => {
  const { sources, span } = setup('{a | Number = "x"}');
  const error = new NickelError('EvalError::BlameError', 'contract broken by the value of `a`', {
    labels: [
      { span: span('Number'), message: 'expected type', primary: false },
      { span: span('"x"'), message: 'applied to this expression', primary: true },
    ],
  });
  const lines = renderText(error, sources, { color: false }).split('\n');
  assert.equal(lines.slice(3, 7), ['1 │ {a | Number = "x"}', '  │      ------   ^^^ applied to this expression', '  │      │', '  │      expected type']);
});

test('a one-line gap is shown, longer gaps become a dot', () => {
  const { sources, span } = setup('a\nb\nc\nd\ne\nf');
  const error = new NickelError('EvalError::Other', 'gaps', {
    labels: [
      { span: span('a'), message: '', primary: true },
      { span: span('c'), message: '', primary: false },
      { span: span('f'), message: '', primary: false },
    ],
  });
  const text = renderText(error, sources, { color: false });
  assert.ok(text.includes('2 │ b\n'));
  assert.ok(text.includes('  ·\n6 │ f'));
});

test('multi-line messages are indented under the first line; no labels, no excerpt', () => {
  const error = new NickelError('EvalError::BlameError', 'contract broken by a value\nboom');
  assert.is(renderText(error, undefined, { color: false }), 'error: contract broken by a value\n       boom\n');
});

test('labels in two files get a header each; the gutter fits the widest line number', () => {
  const sources = new SourceRegistry();
  const a = sources.add('a.ncl', 'x\n'.repeat(120) + 'target').id;
  const b = sources.add('b.ncl', 'import "a.ncl"').id;
  const error = new NickelError('ImportError::ParseError', 'parse error', {
    labels: [
      { span: { file: a, start: 240, end: 246 }, message: '', primary: true },
      { span: { file: b, start: 0, end: 14 }, message: 'imported here', primary: false },
    ],
  });
  const text = renderText(error, sources, { color: false });
  assert.ok(text.includes('    ┌─ a.ncl:121:1\n'));
  assert.ok(text.includes('121 │ target\n'));
  assert.ok(text.includes('    ┌─ b.ncl:1:1\n'));
  assert.ok(text.includes('  1 │ import "a.ncl"\n'));
});

test('colour only when asked', () => {
  const error = new NickelError('EvalError::Other', 'x');
  assert.ok(renderText(error, undefined, { color: true }).includes('\x1b['));
  assert.not.ok(renderText(error, undefined, { color: false }).includes('\x1b['));
});

test('JSON diagnostics: positions, notes and the extra fields at top level', () => {
  const { sources, span } = setup('{ a = 1 }.b');
  const error = new NickelError('EvalError::FieldMissing', 'missing field `b`', {
    labels: [{ span: span('.b'), message: 'here', primary: true }],
    notes: ['n'],
    fields: { field: 'b' },
  });
  assert.equal(toJsonDiagnostic(error, sources), {
    kind: 'EvalError::FieldMissing',
    message: 'missing field `b`',
    labels: [{ file: 'main.ncl', line: 1, col: 10, endLine: 1, endCol: 12, message: 'here', primary: true }],
    notes: ['n'],
    field: 'b',
  });
  assert.not.ok(renderJson(error, sources).includes('\n'));
});

test('JSON diagnostics drop labels into unknown sources', () => {
  const error = new NickelError('EvalError::Other', 'x', { labels: [{ span: { file: 9, start: 0, end: 1 }, message: '', primary: true }] });
  assert.equal(toJsonDiagnostic(error, new SourceRegistry()).labels, []);
});

test('a short multi-line label shows all its lines between ╭ and ╰ markers', () => {
  const text = 'let x | Number = {\n  a = 1,\n  b = 2,\n} in x';
  const { sources, span } = setup(text);
  const start = text.indexOf('{');
  const error = new NickelError('EvalError::BlameError', 'contract broken by a value', {
    labels: [
      { span: span('Number'), message: 'expected type', primary: false },
      { span: { file: 0, start, end: text.indexOf('}') + 1 }, message: 'applied to this expression', primary: true },
    ],
  });
  assert.is(
    renderText(error, sources, { color: false }),
    [
      'error: contract broken by a value',
      '  ┌─ main.ncl:1:18',
      '  │',
      '1 │   let x | Number = {',
      '  │           ------ expected type',
      '  │ ╭──────────────────^',
      '2 │ │   a = 1,',
      '3 │ │   b = 2,',
      '4 │ │ } in x',
      '  │ ╰─^ applied to this expression',
      '',
    ].join('\n'),
  );
});

test('nested multi-line labels get a column each; a long one shows its head and tail; ╭ beside a line that starts with it', () => {
  const text = '{\n  name = "web",\n  image\n    | String,\n  replicas = 2,\n  ports = [80],\n  env = {},\n}';
  const { sources, span } = setup(text);
  const error = new NickelError('EvalError::MissingFieldDef', 'missing definition for `image`', {
    labels: [
      { span: span('image\n    | String'), message: 'required here', primary: true },
      { span: span(text), message: 'in this record', primary: false },
    ],
  });
  assert.is(
    renderText(error, sources, { color: false }),
    [
      'error: missing definition for `image`',
      '  ┌─ main.ncl:3:3',
      '  │',
      '1 │ ╭   {',
      '2 │ │     name = "web",',
      '3 │ │ ╭   image',
      '4 │ │ │     | String,',
      '  │ │ ╰────────────^ required here',
      '  · │',
      '7 │ │     env = {},',
      '8 │ │   }',
      "  │ ╰───' in this record",
      '',
    ].join('\n'),
  );
});

test('tabs are shown up to the next multiple of four columns, and labels stay under their text', () => {
  const { sources, span } = setup('{\n  \tport\n\t| Number,\n}');
  const error = new NickelError('EvalError::MissingFieldDef', 'missing definition for `port`', {
    labels: [{ span: span('port'), message: 'required here', primary: true }],
  });
  assert.is(
    renderText(error, sources, { color: false }),
    ['error: missing definition for `port`', '  ┌─ main.ncl:2:4', '  │', '2 │     port', '  │     ^^^^ required here', ''].join('\n'),
  );
});

test.run();
