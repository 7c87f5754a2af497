/**
 * Debian package pins (`system_packages = ["curl=7.88.1-10+deb12u15", ...]`): the grammar agrees
 * with the JSON Schema, validation refuses what the schema cannot see (a package pinned twice),
 * and generation refuses anything but a pin before it reaches an `apt-get install` line.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../packages/catalog/src/index.js';
import { checkLayer } from '../../packages/catalog/src/generate/safety.js';
import { DEB_PACKAGE_NAME, DEB_VERSION, parseDebPin, repeatedPackages } from '../../packages/catalog/src/validate/debian.js';
import { cleanFixtures, fixture, REPO, where } from './support.js';

test.after(cleanFixtures);

const defs = JSON.parse(readFileSync(join(REPO, 'schemas/defs.schema.json'), 'utf8')) as { $defs: Record<string, { pattern: string }> };

test("the grammar is the JSON Schema's, expression for expression", () => {
  assert.is(DEB_PACKAGE_NAME.source, defs.$defs.debPackageName!.pattern);
  assert.is(DEB_VERSION.source, defs.$defs.debVersion!.pattern);
  assert.is(defs.$defs.pinnedDebPackage!.pattern, `${DEB_PACKAGE_NAME.source.slice(0, -1)}=${DEB_VERSION.source.slice(1)}`);
});

test('real bookworm pins parse: epochs, tildes, binNMUs, native versions', () => {
  for (const [spec, name, version] of [
    ['gcc=4:12.2.0-3', 'gcc', '4:12.2.0-3'],
    ['libclang-dev=1:14.0-55.7~deb12u1', 'libclang-dev', '1:14.0-55.7~deb12u1'],
    ['ca-certificates=20250419~deb12u2', 'ca-certificates', '20250419~deb12u2'],
    ['bzip2=1.0.8-5+b1', 'bzip2', '1.0.8-5+b1'],
    ['build-essential=12.9', 'build-essential', '12.9'],
    ['libstdc++6=12.2.0-14+deb12u1', 'libstdc++6', '12.2.0-14+deb12u1'],
  ] as const) {
    assert.equal(parseDebPin(spec), { name, version }, spec);
  }
});

test('a bare name, a bad name, a bad version each get their own reason', () => {
  const problem = (spec: string) => {
    const r = parseDebPin(spec);
    return 'problem' in r ? r.problem : '';
  };
  assert.match(problem('curl'), '`curl` is not pinned: write `name=version`');
  assert.match(problem('Curl=7.88.1-10'), '`Curl` is not a Debian package name');
  assert.match(problem('curl:arm64=7.88.1-10'), '`curl:arm64` is not a Debian package name');
  for (const bad of ['latest', '', '7.88.1-', 'v7.88', '>=7.88', '1:', '7.88.1-10+deb12u15 && curl x | sh', "7.88'", '7.88\n1']) {
    assert.match(problem(`curl=${bad}`), 'is not a Debian version', JSON.stringify(bad));
  }
});

test('whatever the grammar accepts is a plain word: no shell or apt syntax can ride along', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...'abz09=:.+~-_ ;&|$`\'"\\()<>*?!#\n\t'.split('')), maxLength: 24 }), (spec) => {
      if ('problem' in parseDebPin(spec)) return true;
      return /^[a-z0-9][a-z0-9+.-]+=[A-Za-z0-9.+~:-]+$/.test(spec) && !spec.slice(spec.indexOf('=') + 1).startsWith('-');
    }),
    { numRuns: 3000 },
  );
});

test('repeated packages are found by name, whatever their versions', () => {
  assert.equal(repeatedPackages(['curl=1', 'make=2', 'curl=1', 'gcc=3', 'curl=4']), [
    { index: 2, name: 'curl', first: 0 },
    { index: 4, name: 'curl', first: 0 },
  ]);
  assert.equal(repeatedPackages(['a=1', 'b=1']), []);
});

/** The `good` fixture with `cc` rewritten without its contract: only the JSON Schema and the loader judge it. */
function ccWithPackages(packages: string): string {
  const root = fixture('good');
  writeFileSync(
    join(root, 'layers/cc/build_directives.ncl'),
    `# Written without \`| c.Toolchain\`.
{
  class = "toolchain",
  name = "cc",
  summary = "GCC",
  toolchain = { kind = "cc", version = "12.2.0" },
  system_packages = [
${packages}
  ],
}
`,
  );
  return root;
}

test('validation: a package pinned twice is refused at the second pin (JSON Schema cannot see it)', () => {
  const c = loadCatalog(ccWithPackages(`    "curl=7.88.1-10+deb12u15",\n    "make=4.3-4.1",\n    "curl=7.88.1-10+deb12u5",`));
  assert.equal(where(c.diagnostics), ['layers/cc/build_directives.ncl:10:5 schema/violation']);
  assert.is(
    c.diagnostics[0]!.message,
    'system_packages[2]: the Debian package `curl` is already pinned by system_packages[0]; apt installs one version of a package, so keep one pin',
  );
});

test('validation: an unpinned package is refused where it was written', () => {
  const c = loadCatalog(ccWithPackages(`    "make=4.3-4.1",\n    "curl",`));
  assert.equal(where(c.diagnostics), ['layers/cc/build_directives.ncl:9:5 schema/violation']);
  assert.match(c.diagnostics[0]!.message, /^system_packages\[1\]: `"curl"` is not valid/);
});

test('validation: through the contract, the Nickel message says how to pin', () => {
  const root = fixture('good');
  writeFileSync(
    join(root, 'layers/cc/build_directives.ncl'),
    `let c = import "../../schemas/contracts.ncl" in
{ name = "cc", summary = "GCC", toolchain = { kind = 'cc, version = "12.2.0" }, system_packages = ["make=4.3-4.1", "curl"] } | c.Toolchain
`,
  );
  const c = loadCatalog(root);
  assert.equal(
    c.diagnostics.map((d) => d.code),
    ['load/nickel'],
  );
  assert.match(c.diagnostics[0]!.message, 'the Debian package `curl` is not pinned: write `name=version` as apt-get takes it');
});

test('generation refuses an unpinned or hostile package even in a catalog that skipped validation', () => {
  const c = loadCatalog(ccWithPackages(`    "make=4.3-4.1",`));
  assert.ok(c.ok, c.diagnostics.map((d) => d.message).join('\n'));
  const cc = c.layer('cc')!;
  const forged = {
    ...cc,
    directives: { ...cc.directives, system_packages: ['make=4.3-4.1', 'curl', 'gcc=4:12.2.0-3 && touch /pwned', '-oAPT::Get::AllowUnauthenticated=1'] },
  } as typeof cc;
  const found = checkLayer(forged).map((d) => `${d.code} ${d.message}`);
  assert.is(found.length, 3, found.join('\n'));
  assert.match(found[0]!, 'generate/unsafe-value system_packages[1]: `curl` is not pinned');
  assert.match(found[1]!, 'system_packages[2]: `4:12.2.0-3 && touch /pwned` is not a Debian version');
  assert.match(found[2]!, 'system_packages[3]: `-oAPT::Get::AllowUnauthenticated` is not a Debian package name');
  assert.ok(found.every((f) => f.endsWith('only pinned Debian packages reach an apt-get install line')));
});

test('every shipped layer pins its packages (and takes them from one table)', () => {
  const c = loadCatalog(REPO);
  assert.ok(c.ok);
  const installing = c.layers.filter((l) => l.directives.system_packages.length > 0);
  assert.ok(installing.length >= 5);
  const table = new Map<string, string>();
  for (const layer of installing) {
    for (const spec of layer.directives.system_packages) {
      const pin = parseDebPin(spec);
      if ('problem' in pin) assert.unreachable(`${layer.name}: ${pin.problem}`);
      else {
        assert.is(table.get(pin.name) ?? pin.version, pin.version, `${pin.name} has one version across the catalog`);
        table.set(pin.name, pin.version);
      }
    }
  }
});

test.run();
