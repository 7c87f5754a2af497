/** Each fixture catalog holds one kind of mistake; the diagnostics name it, where it was written. */
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadCatalog, MESSAGES } from '../../packages/catalog/src/index.js';
import { cleanFixtures, fixture, where } from './support.js';

test.after(cleanFixtures);

const load = (name: string) => loadCatalog(fixture(name));

test('the good fixture loads without any diagnostic', () => {
  const c = load('good');
  assert.equal(c.diagnostics, []);
  assert.ok(c.ok);
  assert.equal(
    c.layers.map((l) => l.name),
    ['app-deps', 'cc', 'openssl', 'rust', 'zlib'],
  );
});

test('unknown reference: build_base names no layer', () => {
  const c = load('unknown-reference');
  assert.equal(where(c.diagnostics), ['layers/zlib/workflow.ncl:4:16 graph/unknown-reference']);
  assert.match(c.diagnostics[0]!.message, 'build_base `gcc` is neither a catalog layer');
  assert.not.ok(c.ok);
});

test('duplicate name: a second folder claims an existing name', () => {
  const c = load('duplicate-name');
  assert.equal(where(c.diagnostics), [
    'layers/b/build_directives.ncl:3:10 graph/duplicate-name',
    'layers/b/build_directives.ncl:3:10 graph/name-mismatch',
    'layers/b/workflow.ncl:3:10 graph/name-mismatch',
  ]);
});

test('name must equal the folder', () => {
  const c = load('name-mismatch');
  assert.equal(where(c.diagnostics), ['layers/zlib/workflow.ncl:3:10 graph/name-mismatch']);
  assert.match(c.diagnostics[0]!.message, '`name` is `libz` but the layer folder is `zlib`');
});

test('cycle: reported once, with its path, at the edge that closes it', () => {
  const c = load('cycle');
  assert.equal(where(c.diagnostics), ['layers/aa/workflow.ncl:6:13 graph/cycle']);
  assert.match(c.diagnostics[0]!.message, 'dependency cycle: aa → cc2 → bb → aa');
  // Layers in the cycle have no place in the build order; the rest do.
  assert.equal(c.buildOrder(), ['cc']);
});

test('class rule: build_base must be a toolchain layer (or an external image)', () => {
  const c = load('class-rule');
  assert.equal(where(c.diagnostics), ['layers/png/workflow.ncl:4:16 graph/build-base-class']);
  assert.match(c.diagnostics[0]!.message, 'build_base `zlib` is a native-dep layer');
});

test('donors must be dependency layers, not toolchains', () => {
  const c = load('donor-class');
  assert.equal(where(c.diagnostics), ['layers/zlib/workflow.ncl:6:13 graph/donor-class']);
});

test("platforms must be a subset of the parents'", () => {
  const c = load('platform-subset');
  assert.equal(where(c.diagnostics), ['layers/zlib/workflow.ncl:1:1 graph/platforms-not-subset']);
  assert.match(c.diagnostics[0]!.message, '`linux/arm64` of `zlib` are not built by its build_base `cc`');
});

test('schema violations point at the .ncl line and column that defined the value', () => {
  const c = load('schema-violation');
  assert.equal(where(c.diagnostics), [
    'layers/zlib/build_directives.ncl:9:14 schema/violation',
    'layers/zlib/build_directives.ncl:12:38 schema/violation',
    'layers/zlib/workflow.ncl:4:18 schema/violation',
  ]);
  const [sha, extra, base] = c.diagnostics.map((d) => d.message);
  assert.is(sha, 'source.sha256: `"abc123"` is not valid: a sha256 checksum: 64 lowercase hexadecimal digits');
  assert.match(extra!, 'build.flagz: unknown field `flagz`');
  assert.match(base!, 'runtime_base: `"debian:latest"` is not valid: `scratch`, a catalog layer name, or a pinned external image');
});

test('a Nickel contract violation is reported at the layer, not only at the shared contract', () => {
  const c = load('contract-violation');
  assert.equal(where(c.diagnostics), ['layers/zlib/build_directives.ncl:8:14 load/nickel']);
  assert.match(c.diagnostics[0]!.message, 'contract broken by the value of `sha256`');
  assert.match(c.diagnostics[0]!.message, 'contract at schemas/contracts/build.ncl:');
});

test('imports that escape the catalog are refused, naming the import', () => {
  const c = load('escaping-import');
  assert.equal(where(c.diagnostics), ['layers/zlib/build_directives.ncl:2:14 load/import-escapes', 'layers/zlib/workflow.ncl:2:11 load/import-absolute']);
  assert.match(c.diagnostics[0]!.message, 'import of `../../../../../../../../etc/hostname` escapes the catalog root');
  assert.match(c.diagnostics[1]!.message, 'import of `/etc/hostname` uses an absolute path');
  assert.not.ok([...c.importGraph.values()].flat().some((f) => f.includes('etc/hostname')));
});

test('a symbolic link leading out of the catalog is refused', () => {
  const root = fixture('good');
  const outside = fixture('good');
  writeFileSync(join(outside, 'secret.ncl'), '"1.3.1"');
  symlinkSync(join(outside, 'secret.ncl'), join(root, 'layers/link.ncl'));
  writeFileSync(join(root, 'layers/versions.ncl'), '{ zlib = import "link.ncl" }');
  const c = loadCatalog(root);
  assert.equal(where(c.diagnostics), ['layers/versions.ncl:1:10 load/import-symlink-escapes']);
});

test('a folder link leading out of the catalog is refused before anything is read', () => {
  const root = fixture('good');
  // /dev/zero never ends: reading it before refusing would not finish
  symlinkSync('/dev', join(root, 'devices'));
  writeFileSync(join(root, 'layers/versions.ncl'), '{ zlib = import "../devices/zero" }');
  const c = loadCatalog(root);
  assert.equal(where(c.diagnostics), ['layers/versions.ncl:1:10 load/import-symlink-escapes']);
});

test('configured import paths are searched, and are the only other place imports may read', () => {
  const root = fixture('good');
  const shared = fixture('good');
  writeFileSync(join(shared, 'zlib-version.ncl'), '"1.3.9"');
  writeFileSync(join(root, 'layers/versions.ncl'), '{ zlib = import "zlib-version.ncl" }');
  const refused = loadCatalog(root);
  assert.equal(where(refused.diagnostics), ['layers/versions.ncl:1:10 load/nickel']);
  assert.match(refused.diagnostics[0]!.message, 'zlib-version.ncl');
  const c = loadCatalog(root, { importPaths: [shared] });
  assert.equal(c.diagnostics, []);
  assert.is((c.layer('zlib')!.directives as { source: { version: string } }).source.version, '1.3.9');
});

test('a Nickel error in one layer does not hide the others', () => {
  const c = load('nickel-error');
  assert.equal(where(c.diagnostics), ['layers/zlib/build_directives.ncl:4:13 load/nickel']);
  assert.match(c.diagnostics[0]!.message, 'parse error: unexpected token');
  assert.equal(
    c.layers.map((l) => l.name),
    ['cc', 'png'],
  );
});

test('every diagnostic code has a message, and messages fill every placeholder', () => {
  for (const [code, template] of Object.entries(MESSAGES)) {
    assert.ok(template.length > 0, code);
    assert.ok(/^[a-z]+\/[a-z-]+$/.test(code), code);
  }
  for (const name of ['unknown-reference', 'duplicate-name', 'cycle', 'class-rule', 'donor-class', 'platform-subset', 'schema-violation', 'escaping-import']) {
    for (const d of load(name).diagnostics) assert.not.match(d.message, /\{\w+\}/, `${name}: ${d.message}`);
  }
});

test('a layer folder without its two files is reported', () => {
  const root = fixture('good');
  writeFileSync(join(root, 'layers/zlib/workflow.ncl'), '');
  const c = loadCatalog(root);
  assert.ok(c.diagnostics.some((d) => d.file === 'layers/zlib/workflow.ncl' && d.code === 'load/nickel'));
});

test.run();
