/** `lamina check` through the CLI: the output line format, exit statuses, --json, and the caches. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkInvariants, loadCatalog } from '@lamina/catalog';
import { run } from '../../packages/catalog/src/cli/run.js';

const REPO = resolve(import.meta.dirname, '../..');
const temps: string[] = [];

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lamina-check-'));
  temps.push(dir);
  return dir;
}

function copyCatalog(): string {
  const root = temp();
  for (const dir of ['layers', 'schemas', 'templates', 'adr', 'generated']) cpSync(join(REPO, dir), join(root, dir), { recursive: true });
  return root;
}

async function lamina(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const stream = (append: (s: string) => void) =>
    ({ isTTY: false, write: (chunk: string) => (append(String(chunk)), true) }) as unknown as NodeJS.WritableStream;
  const code = await run(args, { stdout: stream((s) => (stdout += s)), stderr: stream((s) => (stderr += s)), env: {} }, REPO);
  return { code, stdout, stderr };
}

test.after(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

test('the shipped catalog: exit 0 and a summary', async () => {
  const r = await lamina(['check', '--no-cache']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ok: 5 ADRs, \d+ constraints hold\n$/);
});

test('a Hard violation: file:line:col: ADR-000N (title): message, exit 1', async () => {
  const root = copyCatalog();
  const rel = 'generated/dockerfiles/lz4.Dockerfile';
  writeFileSync(join(root, rel), readFileSync(join(root, rel), 'utf8') + 'EXPOSE 8080\n');
  const line = readFileSync(join(root, rel), 'utf8').split('\n').length - 1;
  const r = await lamina(['check', '--no-cache', '--root', root]);
  assert.is(r.code, 1);
  assert.is(r.stdout, '');
  const first = r.stderr.split('\n')[0]!;
  assert.ok(first.startsWith(`${rel}:${line}:1: ADR-0001 (lamina images are build artifacts, never runtime images): `), first);
  assert.match(first, /\[no-runtime-instructions\]$/);
  const again = await lamina(['check', '--no-cache', '--root', root]);
  assert.is(again.stderr, r.stderr, 'deterministic');
});

test('a Soft violation: a warning on stderr, exit 0', async () => {
  const root = copyCatalog();
  const rel = 'templates/dockerfile/toolchain.hbs';
  writeFileSync(join(root, rel), readFileSync(join(root, rel), 'utf8') + 'COPY --from=docker.io/library/busybox:1.36 /bin/true /tmp/true\n');
  const r = await lamina(['check', '--no-cache', '--root', root]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`^${rel}:\\d+:1: warning: ADR-0004 `));
  assert.match(r.stdout, /1 warning/);
});

test('--json: the violations as data', async () => {
  const root = copyCatalog();
  const rel = 'generated/dockerfiles/zlib.Dockerfile';
  writeFileSync(join(root, rel), readFileSync(join(root, rel), 'utf8') + 'CMD ["sh"]\n');
  const r = await lamina(['check', '--no-cache', '--json', '--root', root]);
  assert.is(r.code, 1);
  const data = JSON.parse(r.stdout) as { ok: boolean; violations: { adr: string; file: string; severity: string; constraint: string }[] };
  assert.is(data.ok, false);
  assert.equal(
    data.violations.map((v) => [v.adr, v.file, v.severity, v.constraint]),
    [['ADR-0001', rel, 'Hard', 'no-runtime-instructions']],
  );
});

test('the caches give the same answers and follow edits', async () => {
  const root = copyCatalog();
  const cacheDir = temp();
  const check = async () => checkInvariants(loadCatalog(root, { cacheDir: false }), { cacheDir });
  const cold = await check();
  const warm = await check();
  assert.ok(cold.ok);
  assert.equal(warm, cold);
  const rel = 'generated/dockerfiles/zlib.Dockerfile';
  writeFileSync(join(root, rel), readFileSync(join(root, rel), 'utf8') + 'FROM docker.io/library/alpine:3.20\n');
  const edited = await check();
  assert.equal(
    edited.violations.map((v) => [v.adr, v.file]),
    [['ADR-0004', rel]],
  );
  const adr = 'adr/0001-artifacts-only.ncl';
  writeFileSync(join(root, adr), readFileSync(join(root, adr), 'utf8').replace("severity = 'Hard", "severity = 'Soft"));
  writeFileSync(join(root, rel), readFileSync(join(root, rel), 'utf8') + 'CMD ["sh"]\n');
  const soft = await check();
  assert.equal(
    soft.violations.filter((v) => v.adr === 'ADR-0001').map((v) => v.severity),
    ['Soft'],
  );
});

test.run();
