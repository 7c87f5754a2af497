import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CliIo } from './io.js';
import type { CommonOptions } from './options.js';
import { parseCommandLine, parseFieldPath, UsageError } from './options.js';
import { reportUnexpected } from './run.js';

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    env: {},
    stderrIsTTY: false,
    readStdin: () => '',
    writeFile: () => {},
  };
}

const common = (over: Partial<CommonOptions> = {}): CommonOptions => ({ errorFormat: 'text', color: 'never', trace: false, ...over });

test('an unexpected exception is an internal error: exit 70, no stack trace', () => {
  const io = captureIo();
  assert.is(reportUnexpected(new TypeError('boom'), common(), io), 70);
  assert.is(io.err.join(''), 'internal error: boom (this is a bug in lamina-nickel)\n');
});

test('--trace adds the JavaScript stack', () => {
  const io = captureIo();
  reportUnexpected(new Error('boom'), common({ trace: true }), io);
  assert.ok(io.err.join('').includes('    at '));
});

test('internal errors in JSON', () => {
  const io = captureIo();
  reportUnexpected(new Error('boom'), common({ errorFormat: 'json' }), io);
  assert.is(JSON.parse(io.err.join('')).kind, 'InternalError');
});

test('a stack overflow is the program’s error, never a stack trace', () => {
  const io = captureIo();
  assert.is(reportUnexpected(new RangeError('Maximum call stack size exceeded'), common(), io), 1);
  assert.ok(io.err.join('').startsWith('error: '));
  assert.not.ok(io.err.join('').includes(' at '));
});

test('command lines', () => {
  const inv = parseCommandLine(['export', '--format', 'yaml', '-I', 'a', '-I', 'b', '--field', 'x."y.z"', 'f.ncl']);
  assert.equal(inv.command, {
    name: 'export',
    input: { file: 'f.ncl', files: ['f.ncl'], field: ['x', 'y.z'], importPaths: ['a', 'b'], maxStackMb: undefined },
    format: 'yaml',
    output: undefined,
  });
  assert.equal(parseCommandLine(['--error-format', 'json', 'eval', 'f.ncl']).common.errorFormat, 'json');
  assert.throws(
    () => parseCommandLine(['query', 'f.ncl']),
    (e: unknown) => e instanceof UsageError,
  );
  assert.throws(
    () => parseCommandLine(['eval', '--format', 'json', 'f.ncl']),
    (e: unknown) => e instanceof UsageError,
  );
  assert.throws(
    () => parseCommandLine(['query', '--field', 'a', '--format', 'text', 'f.ncl']),
    (e: unknown) => e instanceof UsageError,
  );
  assert.equal(parseCommandLine(['export', 'a.ncl', 'b.ncl']).command, {
    name: 'export',
    input: { file: 'a.ncl', files: ['a.ncl', 'b.ncl'], field: undefined, importPaths: [], maxStackMb: undefined },
    format: 'json',
    output: undefined,
  });
  assert.throws(
    () => parseCommandLine(['export', 'a.ncl', '-']),
    (e: unknown) => e instanceof UsageError,
  );
});

test('field paths', () => {
  assert.equal(parseFieldPath('a.b.c'), ['a', 'b', 'c']);
  assert.equal(parseFieldPath('a."b c".d'), ['a', 'b c', 'd']);
  assert.equal(parseFieldPath('"with \\"quote\\""'), ['with "quote"']);
  assert.throws(
    () => parseFieldPath('a..b'),
    (e: unknown) => e instanceof UsageError,
  );
  assert.throws(
    () => parseFieldPath('"open'),
    (e: unknown) => e instanceof UsageError,
  );
});

test.run();
