/**
 * A generation refusal (safety.ts) points at the refused field's definition — `file:line:col`,
 * like schema errors — not only at the file; with a Catalog that cannot place values it keeps the
 * file. refusedPath reads the field names safety.ts writes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatDiagnostic, loadCatalog } from '../../packages/catalog/src/index.js';
import { render } from '../../packages/catalog/src/generate/index.js';
import { refusedPath } from '../../packages/catalog/src/generate/refusal-position.js';
import { cleanFixtures } from './support.js';
import { cleanCopies, fixtureWithTemplates } from './generate-support.js';

test.after(() => {
  cleanCopies();
  cleanFixtures();
});

/** The good fixture with openssl's build file replaced by `lines` (joined by line feeds). */
function catalogWith(lines: string[]): string {
  const root = fixtureWithTemplates('good');
  writeFileSync(join(root, 'layers/openssl/build_directives.ncl'), lines.join('\n') + '\n');
  return root;
}

const HEAD = [
  'let c = import "../../schemas/contracts.ncl" in',
  '{',
  '  name = "openssl",',
  '  summary = "openssl library",',
  '  source = {',
  '    url = "https://example.org/openssl-3.5.7.tar.gz",',
  '    version = "3.5.7",',
  '    sha256 = "0000000000000000000000000000000000000000000000000000000000000000",',
  '    provenance = [{ method = \'published_checksum, reference = "test fixture" }],',
  '  },',
];
const TAIL = ['  install = { prefix = "/opt/lamina/openssl" },', '  serves = ["openssl-sys"],', '} | c.NativeDep'];

async function refusals(root: string): Promise<string[]> {
  const catalog = loadCatalog(root);
  assert.ok(catalog.ok, catalog.diagnostics.map(formatDiagnostic).join('\n'));
  const rendered = await render(catalog, { root });
  assert.not.ok(rendered.ok);
  return rendered.ok ? [] : rendered.diagnostics.map(formatDiagnostic);
}

test('a line feed in a build flag is placed at the refused string', async () => {
  const root = catalogWith([
    ...HEAD,
    '  build = {',
    "    system = 'autotools,",
    '    flags = [',
    '      "--ok",',
    '      "--x\\nRUN id",',
    '    ],',
    '  },',
    ...TAIL,
  ]);
  const [d, ...rest] = await refusals(root);
  assert.equal(rest, []);
  // Line 15, column 7: the refused string (the second element of the array).
  assert.match(d!, /^layers\/openssl\/build_directives\.ncl:15:7: build\.flags\[1\]: contains a line feed/);
});

test('a carriage return in an environment value and a line feed in a label are placed at their fields', async () => {
  const root = catalogWith([
    ...HEAD,
    "  build = { system = 'autotools, env = {",
    '    CFLAGS = "-O2\\rENTRYPOINT x",',
    '  } },',
    '  labels = { "org.example.note" = "a\\nCMD x" },',
    ...TAIL,
  ]);
  const ds = await refusals(root);
  assert.equal(ds.length, 2);
  assert.match(ds[0]!, /^layers\/openssl\/build_directives\.ncl:12:\d+: build\.env\.CFLAGS: contains a carriage return/);
  assert.match(ds[1]!, /^layers\/openssl\/build_directives\.ncl:14:\d+: labels\.org\.example\.note: contains a line feed/);
});

test('a value defined in an imported file of the catalog is placed there', async () => {
  const root = catalogWith([...HEAD, '  build = import "./build.ncl",', ...TAIL]);
  writeFileSync(join(root, 'layers/openssl/build.ncl'), '{\n  system = \'autotools,\n  flags = ["--x\\nRUN id"],\n}\n');
  const [d] = await refusals(root);
  assert.match(d!, /^layers\/openssl\/build\.ncl:3:\d+: build\.flags\[0\]: contains a line feed/);
});

test('refusedPath: the longest field safety.ts could have written, keys with dots included', () => {
  const value = { build: { flags: ['a', 'b'], env: { 'A.B': 'x' } }, labels: { 'org.example.note': 'v', org: 'w' } };
  assert.equal(refusedPath(value, 'build.flags[1]: contains a line feed'), ['build', 'flags', 1]);
  assert.equal(refusedPath(value, 'labels.org.example.note: contains a line feed'), ['labels', 'org.example.note']);
  assert.equal(refusedPath(value, 'labels.org: contains a tab'), ['labels', 'org']);
  assert.equal(refusedPath(value, 'build.env.(key "A.B"): contains a line feed'), ['build', 'env', 'A.B']);
  assert.equal(refusedPath(value, 'nothing.here: reason'), undefined);
});

test.run();
