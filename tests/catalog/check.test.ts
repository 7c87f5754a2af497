/**
 * `lamina check`: each shipped ADR constraint broken once in a copy of the catalog, and caught at
 * the right file:line with the right ADR; a Soft constraint only warns; the shipped catalog holds.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkInvariants, loadCatalog, type CheckResult } from '@lamina/catalog';

const REPO = resolve(import.meta.dirname, '../..');
const roots: string[] = [];

function copyCatalog(): string {
  const root = mkdtempSync(join(tmpdir(), 'lamina-adr-'));
  roots.push(root);
  for (const dir of ['layers', 'schemas', 'templates', 'adr', 'generated']) cpSync(join(REPO, dir), join(root, dir), { recursive: true });
  return root;
}

function edit(root: string, rel: string, change: (text: string) => string): void {
  const abs = join(root, rel);
  const before = readFileSync(abs, 'utf8');
  const after = change(before);
  assert.is.not(after, before, `the edit of ${rel} changed nothing`);
  writeFileSync(abs, after);
}

function lineOf(root: string, rel: string, needle: string): number {
  const i = readFileSync(join(root, rel), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `${needle} not in ${rel}`);
  return i + 1;
}

async function check(root: string): Promise<CheckResult> {
  return checkInvariants(loadCatalog(root, { cacheDir: false }), { cacheDir: false });
}

function hard(r: CheckResult, adr: string): { file: string; line: number }[] {
  return r.violations.filter((v) => v.adr === adr && v.severity === 'Hard').map((v) => ({ file: v.file, line: v.line }));
}

test.after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

test('the shipped catalog holds every constraint', async () => {
  const r = await check(REPO);
  assert.equal(r.diagnostics, []);
  assert.equal(
    r.violations.filter((v) => v.severity === 'Hard'),
    [],
  );
  assert.ok(r.ok);
  assert.equal(
    r.adrs.map((a) => a.id),
    ['ADR-0001', 'ADR-0002', 'ADR-0003', 'ADR-0004', 'ADR-0005'],
  );
});

test('ADR-0001: an ENTRYPOINT in a generated Dockerfile', async () => {
  const root = copyCatalog();
  const rel = 'generated/dockerfiles/zlib.Dockerfile';
  edit(root, rel, (t) => t + 'ENTRYPOINT ["/bin/sh"]\n');
  const r = await check(root);
  assert.not.ok(r.ok);
  assert.equal(hard(r, 'ADR-0001'), [{ file: rel, line: lineOf(root, rel, 'ENTRYPOINT') }]);
});

test('ADR-0002: a credential in an ENV line', async () => {
  const root = copyCatalog();
  const rel = 'generated/dockerfiles/lz4.Dockerfile';
  edit(root, rel, (t) => t.replace(/^FROM /m, 'ENV GITHUB_TOKEN=ghp_x\nFROM '));
  const r = await check(root);
  assert.not.ok(r.ok);
  assert.equal(hard(r, 'ADR-0002'), [{ file: rel, line: lineOf(root, rel, 'GITHUB_TOKEN') }]);
});

test('ADR-0002: a credential in an ARG line of a template', async () => {
  const root = copyCatalog();
  const rel = 'templates/dockerfile/native-dep.hbs';
  edit(root, rel, (t) => t.replace(/^FROM /m, 'ARG AWS_SECRET_ACCESS_KEY\nFROM '));
  const r = await check(root);
  assert.equal(hard(r, 'ADR-0002'), [{ file: rel, line: lineOf(root, rel, 'AWS_SECRET_ACCESS_KEY') }]);
});

test('ADR-0003: a `latest` base', async () => {
  const root = copyCatalog();
  const rel = 'layers/openssl/workflow.ncl';
  edit(root, rel, (t) => t.replace('build_base = "cc"', 'build_base = "docker.io/library/debian:latest"'));
  const r = await check(root);
  assert.not.ok(r.ok);
  assert.equal(hard(r, 'ADR-0003'), [{ file: rel, line: lineOf(root, rel, ':latest') }]);
});

test('ADR-0004: a FROM in a generated Dockerfile that no edge declares', async () => {
  const root = copyCatalog();
  const rel = 'generated/dockerfiles/zlib.Dockerfile';
  edit(root, rel, (t) => t + 'FROM docker.io/library/alpine:3.20 AS extra\n');
  const r = await check(root);
  assert.not.ok(r.ok);
  assert.equal(hard(r, 'ADR-0004'), [{ file: rel, line: lineOf(root, rel, 'alpine') }]);
  const v = r.violations.find((x) => x.adr === 'ADR-0004')!;
  assert.is(v.col, 6);
  assert.match(v.message, /alpine:3\.20/);
});

test('ADR-0004: COPY --from a layer that is not a donor; stage names are not edges', async () => {
  const root = copyCatalog();
  const rel = 'generated/dockerfiles/lz4.Dockerfile';
  edit(root, rel, (t) => t + 'COPY --from=daoreg.librecloud.online/lamina/zlib:1.3.1 /opt/lamina/zlib /opt/lamina/zlib\n');
  const r = await check(root);
  assert.equal(hard(r, 'ADR-0004'), [{ file: rel, line: lineOf(root, rel, 'lamina/zlib:1.3.1') }]);
});

test('ADR-0005: a fourth class', async () => {
  const root = copyCatalog();
  const rel = 'layers/zlib/build_directives.ncl';
  edit(root, rel, (t) => t.replace(/^\} \| c\.NativeDep/m, '  class = "runtime",\n}'));
  const r = await check(root);
  assert.not.ok(r.ok);
  assert.equal(hard(r, 'ADR-0005'), [{ file: rel, line: lineOf(root, rel, '"runtime"') }]);
});

test('a Soft constraint only warns', async () => {
  const root = copyCatalog();
  const rel = 'templates/dockerfile/native-dep.hbs';
  edit(root, rel, (t) => t + '{{!-- example --}}\nCOPY --from=docker.io/library/busybox:1.36 /bin/true /tmp/true\n');
  const r = await check(root);
  const soft = r.violations.filter((v) => v.severity === 'Soft');
  assert.equal(
    soft.map((v) => [v.adr, v.file, v.line]),
    [['ADR-0004', rel, lineOf(root, rel, 'busybox')]],
  );
  assert.equal(
    r.violations.filter((v) => v.severity === 'Hard'),
    [],
  );
  assert.ok(r.ok);
});

test('an ADR that breaks its contract is a diagnostic at its file:line', async () => {
  const root = copyCatalog();
  const rel = 'adr/0003-every-base-pinned.ncl';
  edit(root, rel, (t) => t.replace("severity = 'Hard", "severity = 'Fatal"));
  const r = await check(root);
  assert.not.ok(r.ok);
  const d = r.diagnostics.find((x) => x.file === rel);
  assert.ok(d, JSON.stringify(r.diagnostics));
  assert.is(d!.line, lineOf(root, rel, "'Fatal"));
});

test.run();
