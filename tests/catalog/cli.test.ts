/** The `lamina` CLI through its run() function: output, exit statuses, determinism. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../../packages/catalog/src/cli/run.js';
import { cleanFixtures, fixture, REPO } from './support.js';

test.after(cleanFixtures);

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function lamina(args: string[], opts: { cwd?: string; tty?: boolean; env?: NodeJS.ProcessEnv; failWrite?: boolean } = {}): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const stream = (append: (s: string) => void, fail = false) =>
    ({
      isTTY: opts.tty ?? false,
      write(chunk: string) {
        if (fail) throw new Error('boom');
        append(String(chunk));
        return true;
      },
    }) as unknown as NodeJS.WritableStream;
  const code = await run(
    args,
    { stdout: stream((s) => (stdout += s), opts.failWrite), stderr: stream((s) => (stderr += s)), env: opts.env ?? {} },
    opts.cwd ?? REPO,
  );
  return { code, stdout, stderr };
}

test('validate: exit 0 and a summary on a good catalog', async () => {
  const r = await lamina(['validate', '--root', fixture('good')]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, 'ok: 5 layers, 6 edges, 4 waves\n');
});

test('validate: exit 1 and file:line:col: message on errors', async () => {
  const r = await lamina(['--root', fixture('unknown-reference'), 'validate']);
  assert.is(r.code, 1);
  assert.is(
    r.stderr,
    'layers/zlib/workflow.ncl:4:16: build_base `gcc` is neither a catalog layer nor a pinned external image [graph/unknown-reference]\n1 error\n',
  );
});

test('validate --json', async () => {
  const r = await lamina(['validate', '--json', '--root', fixture('cycle')]);
  assert.is(r.code, 1);
  const out = JSON.parse(r.stdout);
  assert.is(out.ok, false);
  assert.equal(
    out.diagnostics.map((d: { code: string }) => d.code),
    ['graph/cycle'],
  );
});

test('the root is found from a subfolder', async () => {
  const root = fixture('good');
  const r = await lamina(['validate'], { cwd: `${root}/layers/zlib` });
  assert.is(r.code, 0, r.stderr);
});

test('graph --format json has nodes and FlowsTo edges', async () => {
  const r = await lamina(['graph', '--root', fixture('good')]);
  assert.is(r.code, 0);
  const g = JSON.parse(r.stdout);
  assert.equal(
    g.nodes.map((n: { name: string; class: string }) => [n.name, n.class]),
    [
      ['app-deps', 'source-dep'],
      ['cc', 'toolchain'],
      ['openssl', 'native-dep'],
      ['rust', 'toolchain'],
      ['zlib', 'native-dep'],
    ],
  );
  assert.equal(g.edges[0], { from: 'rust', to: 'app-deps', kind: 'FlowsTo', role: 'build_base' });
});

test('graph --format dot and mermaid', async () => {
  const root = fixture('good');
  const dot = await lamina(['graph', '--format', 'dot', '--root', root]);
  assert.match(dot.stdout, /^digraph lamina \{/);
  assert.match(dot.stdout, '"zlib" -> "openssl" [label="donor", style=dotted];');
  const mermaid = await lamina(['graph', '-f', 'mermaid', '--root', root]);
  assert.match(mermaid.stdout, /^flowchart LR\n/);
  assert.match(mermaid.stdout, '==>|donor|');
});

test('explain and layers', async () => {
  const root = fixture('good');
  const e = await lamina(['explain', 'openssl', '--root', root]);
  assert.is(e.code, 0);
  assert.match(e.stdout, 'openssl (native-dep)');
  assert.match(e.stdout, 'donors         zlib');
  assert.match(e.stdout, 'descendants    app-deps');
  const j = JSON.parse((await lamina(['explain', 'openssl', '--json', '--root', root])).stdout);
  assert.is(j.wave, 2);
  assert.equal(j.ancestors, ['cc', 'zlib']);
  // What BuildKit is given: a native-dep's context sends nothing (its Nickel files are ignored).
  assert.equal(j.build.context, []);
  assert.match(e.stdout, 'build context  — (the Nickel files are not sent)');
  const app = JSON.parse((await lamina(['explain', 'app-deps', '--json', '--root', root])).stdout);
  assert.ok(app.build.context.includes('recipe/Cargo.toml'), app.build.context.join(' '));
  assert.equal(app.build.secretIds, ['sccache-aws']);
  const l = await lamina(['layers', '--root', root]);
  assert.match(l.stdout, /^NAME +CLASS +WAVE/);
  assert.is(l.stdout.trim().split('\n').length, 6);
});

test('usage errors exit 2', async () => {
  assert.is((await lamina(['frobnicate'])).code, 2);
  assert.is((await lamina(['validate', '--frob'])).code, 2);
  assert.is((await lamina(['explain'])).code, 2);
  assert.is((await lamina(['graph', '--format', 'png', '--root', fixture('good')])).code, 2);
  assert.is((await lamina(['validate'], { cwd: '/' })).code, 2);
  assert.is((await lamina([])).code, 2);
  const help = await lamina(['--help']);
  assert.is(help.code, 0);
  assert.match(help.stdout, 'Usage: lamina');
});

test('an internal error exits 70, says it is a bug, and shows no stack without --trace', async () => {
  const r = await lamina(['layers', '--root', fixture('good')], { failWrite: true });
  assert.is(r.code, 70);
  assert.match(r.stderr, 'lamina: internal error: boom');
  assert.match(r.stderr, 'This is a bug');
  assert.not.match(r.stderr, /\n\s+at /);
  const t = await lamina(['layers', '--trace', '--root', fixture('good')], { failWrite: true });
  assert.match(t.stderr, /\n\s+at /);
});

test('colour only on a terminal and never with NO_COLOR', async () => {
  const root = fixture('unknown-reference');
  assert.not.match((await lamina(['validate', '--root', root])).stderr, '\x1b[');
  assert.match((await lamina(['validate', '--root', root], { tty: true })).stderr, '\x1b[');
  assert.not.match((await lamina(['validate', '--root', root], { tty: true, env: { NO_COLOR: '1' } })).stderr, '\x1b[');
  assert.not.match((await lamina(['validate', '--no-color', '--root', root], { tty: true })).stderr, '\x1b[');
});

test('output is byte-identical across runs and copies', async () => {
  const a = await lamina(['graph', '--root', fixture('good')]);
  const b = await lamina(['graph', '--root', fixture('good')]);
  assert.is(a.stdout, b.stdout);
  const e1 = await lamina(['validate', '--root', fixture('schema-violation')]);
  const e2 = await lamina(['validate', '--root', fixture('schema-violation')]);
  assert.is(e1.stderr, e2.stderr);
  assert.not.match(e1.stderr, '/tmp');
});

test.run();
