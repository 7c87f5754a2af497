import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

// These tests run the built launcher (build first: `pnpm exec tsc -b packages/nickel`).
const BIN = fileURLToPath(new URL('../../bin/lamina-nickel.cjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'lamina-nickel-cli-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

function run(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...opts.env };
  if (!opts.env?.['NICKEL_IMPORT_PATH']) delete env['NICKEL_IMPORT_PATH'];
  const r = spawnSync(process.execPath, [BIN, ...args], { input: opts.input ?? '', encoding: 'utf8', cwd: dir, env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the launcher is built', () => {
  assert.ok(existsSync(BUILT), `build first: ${BUILT} is missing`);
});

test('export prints JSON and exits 0', () => {
  const r = run(['export', file('ok.ncl', '{ b = [1, 2], a = "x" }')]);
  assert.is(r.code, 0);
  assert.is(r.stdout, '{\n  "a": "x",\n  "b": [\n    1,\n    2\n  ]\n}\n');
  assert.is(r.stderr, '');
});

test('a large output is written whole, and a reader that stops early is not an error', () => {
  const path = file('big.ncl', `[${Array.from({ length: 100000 }, (_, i) => i).join(', ')}]`);
  const whole = run(['export', path]);
  assert.is(whole.code, 0);
  assert.is(whole.stdout.split('\n').length, 100003);
  // bash's PIPESTATUS: the exit status of lamina-nickel itself, whose reader stopped after 10 bytes
  const early = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" export "${path}" | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`], {
    encoding: 'utf8',
  });
  assert.is(early.stdout, '0\n');
  assert.is(early.stderr, '');
});

test('export formats and --field', () => {
  const path = file('fmt.ncl', '{ a = { b = 1, c = "t" }, s = "raw\\n" }');
  assert.is(run(['export', '--format', 'yaml', path]).stdout, 'a:\n  b: 1\n  c: t\ns: |\n  raw\n');
  assert.is(run(['export', '--format', 'toml', path]).stdout, 's = """\nraw\n"""\n\n[a]\nb = 1\nc = "t"\n');
  assert.is(run(['export', '--format', 'text', '--field', 's', path]).stdout, 'raw\n');
  assert.is(run(['export', '--format=raw', '--field=s', path]).stdout, 'raw\n');
  assert.is(run(['export', '--field', 'a.b', path]).stdout, '1\n');
});

test('several files are merged', () => {
  const r = run(['export', file('m1.ncl', '{ a = 1 }'), file('m2.ncl', '{ b = 2 }')]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, '{\n  "a": 1,\n  "b": 2\n}\n');
});

test('a program error: diagnostic on stderr, exit 1', () => {
  const r = run(['export', file('bad.ncl', '1 + "a"')]);
  assert.is(r.code, 1);
  assert.is(r.stdout, '');
  assert.ok(r.stderr.startsWith('error: '), r.stderr);
  assert.ok(r.stderr.includes('┌─ bad.ncl:1:'), r.stderr);
  assert.not.ok(r.stderr.includes('\x1b['), 'no colour with NO_COLOR and no terminal');
});

test('--error-format json: one JSON object with the kind', () => {
  const r = run(['export', '--error-format', 'json', file('bad2.ncl', '{ a = 1 }.b')]);
  assert.is(r.code, 1);
  const diagnostic = JSON.parse(r.stderr) as { kind: string; labels: Array<{ line: number }> };
  assert.is(diagnostic.kind, 'EvalError::FieldMissing');
  assert.ok(Array.isArray(diagnostic.labels));
});

test('export errors of the serialisers have their kinds', () => {
  const kind = (src: string, format = 'json') =>
    (JSON.parse(run(['export', '--error-format=json', '--format', format, file('e.ncl', src)]).stderr) as { kind: string }).kind;
  assert.is(kind('1e400'), 'ExportError::NumberOutOfRange');
  assert.is(kind('{ a = null }', 'toml'), 'ExportError::UnsupportedNull');
  assert.is(kind('{ a = 1 }', 'text'), 'ExportError::NotAString');
});

test('standard input with -', () => {
  const r = run(['export', '-'], { input: '{ from = "stdin" }' });
  assert.is(r.code, 0);
  assert.is(r.stdout, '{\n  "from": "stdin"\n}\n');
});

test('import paths: -I, then NICKEL_IMPORT_PATH', () => {
  mkdirSync(join(dir, 'lib'), { recursive: true });
  file('lib/shared.ncl', '{ v = 42 }');
  const path = file('uses.ncl', '(import "shared.ncl").v');
  assert.is(run(['export', path]).code, 1);
  assert.is(run(['export', '-I', join(dir, 'lib'), path]).stdout, '42\n');
  assert.is(run(['export', path], { env: { NICKEL_IMPORT_PATH: `/nonexistent:${join(dir, 'lib')}` } }).stdout, '42\n');
});

test('usage errors exit 2 with a hint', () => {
  for (const args of [['frobnicate', 'x.ncl'], ['export'], ['export', '--format', 'xml', 'x.ncl'], ['export', '--bogus', 'x.ncl'], []]) {
    const r = run(args);
    assert.is(r.code, 2, args.join(' '));
    assert.ok(r.stderr.includes("Run 'lamina-nickel --help' for usage."), r.stderr);
  }
});

test('--help and --version', () => {
  const help = run(['--help']);
  assert.is(help.code, 0);
  assert.ok(help.stdout.includes('Usage:'));
  const version = run(['--version']);
  assert.is(version.code, 0);
  assert.match(version.stdout, /^lamina-nickel \d+\.\d+\.\d+/);
});

test('eval prints Nickel; query prints metadata', () => {
  const path = file('meta.ncl', '{ a | doc "The a" | default = 1, b = { c = 2 } }');
  const evaluated = run(['eval', path]);
  assert.is(evaluated.code, 0);
  assert.ok(evaluated.stdout.includes('a = 1'), evaluated.stdout);
  const queried = run(['query', '--field', 'a', path]);
  assert.is(queried.code, 0);
  assert.ok(queried.stdout.includes('* documentation: The a'), queried.stdout);
  assert.ok(run(['query', '--field', 'b', path]).stdout.includes('Available fields:\n - c'));
});

// The library's recursion tests (eval/machine.test.ts) through the CLI: the same programs, the same values.
const DEEP_SHAPES: Record<string, string> = {
  operand: 'let rec f = fun n => if n == 0 then 0 else 1 + f (n - 1) in f 100000',
  concatenation: 'let rec f = fun n => if n == 0 then [] else let a = [n] @ f (n - 1) in if a == [] then [] else [n] in std.array.first (f 100000)',
  field: 'let rec r = { f = fun n => if n == 0 then 0 else 1 + r.f (n - 1) } in r.f 100000',
  'std.array.fold_right': 'let rec f = fun n => if n == 0 then 0 else std.array.fold_right (fun x acc => x + acc) 0 [1, f (n - 1)] in f 100000',
  contract: 'let rec f = fun n => if n == 0 then 0 else 1 + (f (n - 1) | Number) in f 100000',
  interpolation: 'let rec f = fun n => if n == 0 then "" else "%{f (n - 1)}x" in std.string.length (f 100000)',
};

for (const [shape, program] of Object.entries(DEEP_SHAPES)) {
  test(`100,000 levels of recursion through ${shape}`, () => {
    // without the worker thread: the main thread's small stack must be enough
    const r = run(['export', file(`deep-${shape.replace(/\W/g, '-')}.ncl`, program)], { env: { LAMINA_NICKEL_NO_WORKER: '1' } });
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout, '100000\n');
  });
}

test('runaway recursion is a stack overflow error at the configured limit, not a crash', () => {
  const path = file('runaway.ncl', 'let rec f = fun n => 1 + f (n + 1) in f 0');
  for (const limit of [{ args: ['--max-stack-mb', '16'] }, { args: [], env: { LAMINA_NICKEL_MAX_STACK_MB: '16' } }]) {
    const r = run(['export', ...limit.args, '--error-format', 'json', path], { env: limit.env ?? {} });
    assert.is(r.code, 1);
    const error = JSON.parse(r.stderr) as { kind: string; notes: string[] };
    assert.is(error.kind, 'EvalError::StackOverflow');
    assert.match(error.notes.join('\n'), /16 MB/);
  }
  const text = run(['export', '--max-stack-mb', '16', path]);
  assert.not.ok(/\n\s+at /.test(text.stderr), 'no JavaScript stack trace');
  assert.ok(text.stderr.startsWith('error: '), text.stderr);
  assert.is(run(['export', '--max-stack-mb', 'lots', path]).code, 2);
});

test.run();
