/**
 * `lamina status` against real registries: Debian's docker-registry (distribution 2.8) started on
 * loopback — one open, one behind htpasswd (Basic) authentication, one behind Bearer tokens from a
 * token service the test runs — with an image pushed by skopeo under zlib's content tag; and a
 * port where nothing listens. Needs docker-registry and
 * skopeo (`scripts/ci-registry.sh`); skipped with a message without them, failed under CI=true.
 */
import { execFile, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadCatalog } from '../../packages/catalog/src/index.js';
import { run } from '../../packages/catalog/src/cli/run.js';
import { REPO } from '../catalog/support.js';
import { writeOciImage } from './oci.js';
import { freePort, startRegistry, startTokenService } from './server.js';

const CI = process.env.CI === 'true';
const execFileAsync = promisify(execFile);
// The account of the htpasswd registry (server.ts's HTPASSWD).
const USER = 'lamina';
const PASSWORD = 's3cret-test';

const missing = ['docker-registry', 'skopeo', 'openssl'].find((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
if (missing) {
  if (CI)
    test('registry: docker-registry and skopeo are installed (CI=true)', () =>
      assert.unreachable(`${missing} is missing: .ci/run must run scripts/ci-registry.sh`));
  else {
    console.log(`tests/registry: ${missing} is not installed; skipping (scripts/ci-registry.sh installs it)`);
    test.skip('lamina status against a real registry', () => {});
  }
  test.run();
} else {
  realRegistries();
}

async function lamina(args: string[], root = REPO): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const stream = (append: (s: string) => void) => ({ isTTY: false, write: (c: string) => (append(String(c)), true) }) as unknown as NodeJS.WritableStream;
  const code = await run(['--root', root, ...args], { stdout: stream((s) => (stdout += s)), stderr: stream((s) => (stderr += s)), env: {} }, root);
  return { code, stdout, stderr };
}

function realRegistries(): void {
  const root = mkdtempSync(join(tmpdir(), 'lamina-registry-'));
  const children: ChildProcess[] = [];
  let open = 0;
  let guarded = 0;
  let tokened = 0;
  let tokenService: Server | undefined;
  let digest = '';
  const zlib = loadCatalog(REPO).layer('zlib')!;

  test.before(async () => {
    [open, guarded, tokened] = [await freePort(), await freePort(), await freePort()];
    for (const [name, port, auth] of [
      ['open', open, false],
      ['auth', guarded, true],
    ] as const) {
      mkdirSync(join(root, name));
      children.push(await startRegistry(join(root, name), port, auth));
    }
    mkdirSync(join(root, 'token'));
    const tokenPort = await freePort();
    const token = await startTokenService(join(root, 'token'), tokenPort);
    tokenService = token.server;
    children.push(await startRegistry(join(root, 'token'), tokened, { realm: `http://127.0.0.1:${tokenPort}/token`, cert: token.cert }));
    const image = join(root, 'image');
    digest = writeOciImage(image);
    // Asynchronously: skopeo asks the token service, which runs in this process.
    for (const [port, creds] of [
      [open, []],
      [guarded, ['--dest-creds', `${USER}:${PASSWORD}`]],
      [tokened, []],
    ] as const) {
      await execFileAsync('skopeo', [
        'copy',
        '--quiet',
        '--dest-tls-verify=false',
        ...creds,
        `oci:${image}:t`,
        `docker://127.0.0.1:${port}/lamina/zlib:fp-${zlib.fingerprint}`,
      ]);
    }
  });

  test.after(() => {
    for (const c of children) c.kill();
    tokenService?.close();
    rmSync(root, { recursive: true, force: true });
  });

  test("status: a layer whose fingerprint tag is published is built, with the registry's digest; the rest are missing", async () => {
    const r = await lamina(['--json', 'status', '--registry', `http://127.0.0.1:${open}/lamina`]);
    assert.is(r.code, 0, r.stderr);
    const { layers } = JSON.parse(r.stdout) as { layers: { name: string; fingerprint: string; ref: string; state: string; digest: string | null }[] };
    assert.is(layers.length, 14);
    const z = layers.find((l) => l.name === 'zlib')!;
    assert.equal(z, { name: 'zlib', fingerprint: zlib.fingerprint, ref: `127.0.0.1:${open}/lamina/zlib:fp-${zlib.fingerprint}`, state: 'built', digest });
    const inspect = spawnSync('skopeo', ['inspect', '--tls-verify=false', '--format', '{{.Digest}}', `docker://${z.ref}`], { encoding: 'utf8' });
    assert.is(inspect.stdout.trim(), digest, "the digest is the registry's");
    assert.ok(layers.filter((l) => l.name !== 'zlib').every((l) => l.state === 'missing' && l.digest === null));
    const text = await lamina(['status', '--registry', `http://127.0.0.1:${open}/lamina`]);
    assert.match(text.stdout, /^zlib +built +127\.0\.0\.1:\d+\/lamina\/zlib:fp-[0-9a-f]{64}@sha256:[0-9a-f]{64}$/m);
    assert.match(text.stdout, /^1 layer built, 13 missing$/m);
  });

  test('status: a registry that requires credentials refuses without them (exit 1) and answers with REGISTRY_AUTH_FILE', async () => {
    const before = process.env.REGISTRY_AUTH_FILE;
    try {
      process.env.REGISTRY_AUTH_FILE = join(root, 'no-such-auth.json');
      const refused = await lamina(['status', '--registry', `http://127.0.0.1:${guarded}/lamina`]);
      assert.is(refused.code, 1);
      assert.match(refused.stderr, /requires authentication and no credentials for it were found .*\[registry\/unauthorized\]/);
      assert.is(refused.stdout, '', 'nothing half-printed');
      const file = join(root, 'auth.json');
      writeFileSync(file, JSON.stringify({ auths: { [`127.0.0.1:${guarded}`]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } } }));
      process.env.REGISTRY_AUTH_FILE = file;
      const ok = await lamina(['--json', 'status', '--registry', `http://127.0.0.1:${guarded}/lamina`]);
      assert.is(ok.code, 0, ok.stderr);
      assert.is(JSON.parse(ok.stdout).layers.find((l: { name: string }) => l.name === 'zlib').digest, digest);
      writeFileSync(file, JSON.stringify({ auths: { [`127.0.0.1:${guarded}`]: { auth: Buffer.from(`${USER}:wrong`).toString('base64') } } }));
      const wrong = await lamina(['status', '--registry', `http://127.0.0.1:${guarded}/lamina`]);
      assert.is(wrong.code, 1);
      assert.match(wrong.stderr, /refused .* \(HTTP 401\): check the credentials/);
    } finally {
      if (before === undefined) delete process.env.REGISTRY_AUTH_FILE;
      else process.env.REGISTRY_AUTH_FILE = before;
    }
  });

  test('cascade --missing: rebuilds exactly the layers the registry lacks, on the published parents by digest', async () => {
    const cc = loadCatalog(REPO).layer('cc')!;
    const image = join(root, 'image');
    const push = spawnSync(
      'skopeo',
      ['copy', '--quiet', '--dest-tls-verify=false', `oci:${image}:t`, `docker://127.0.0.1:${open}/lamina/cc:fp-${cc.fingerprint}`],
      { encoding: 'utf8' },
    );
    assert.is(push.status, 0, push.stderr);
    const r = await lamina(['cascade', '--missing', '--registry', `http://127.0.0.1:${open}/lamina`, '--build', '--dry-run']);
    assert.is(r.code, 0, r.stderr);
    const command = r.stdout.split('\n').find((l) => l.startsWith('docker buildx bake'))!;
    const targets = command.split(' ').filter((w) => /^[a-z0-9-]+$/.test(w) && !['docker', 'buildx', 'bake'].includes(w));
    assert.not.ok(targets.includes('cc') || targets.includes('zlib'), 'published layers are not rebuilt');
    assert.ok(targets.includes('openssl') && targets.includes('rust'), command);
    assert.ok(command.includes(`=docker-image://127.0.0.1:${open}/lamina/zlib:fp-${zlib.fingerprint}@${digest}`), 'zlib is provided by digest');
    assert.match(r.stdout, new RegExp(`^# provided: cc as 127\\.0\\.0\\.1:${open}/lamina/cc:fp-[0-9a-f]{64}@sha256:[0-9a-f]{64} `, 'm'));
    const down = await lamina(['cascade', '--missing', '--registry', `http://127.0.0.1:${await freePort()}/lamina`, '--build', '--dry-run']);
    assert.is(down.code, 1);
    assert.match(down.stderr, /is not reachable: ECONNREFUSED \[registry\/unreachable\]/);
    assert.is((await lamina(['cascade', '--missing', '--changed', 'zlib'])).code, 2);
  });

  test('lock: the published digests go to lamina.lock.json; consume and suggest pin those layers by digest', async () => {
    const copy = join(root, 'catalog');
    for (const dir of ['layers', 'schemas', 'templates', 'generated', 'adr']) cpSync(join(REPO, dir), join(copy, dir), { recursive: true });
    const inCopy = (args: string[]) => lamina(args, copy);
    const down = await inCopy(['lock', '--registry', `http://127.0.0.1:${await freePort()}/lamina`]);
    assert.is(down.code, 1);
    assert.not.ok(existsSync(join(copy, 'lamina.lock.json')), 'nothing written when the registry is down');
    const r = await inCopy(['lock', '--registry', `http://127.0.0.1:${open}/lamina`]);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /^wrote lamina\.lock\.json: 2 layers locked by digest, 12 not published$/m);
    const lock = JSON.parse(readFileSync(join(copy, 'lamina.lock.json'), 'utf8'));
    assert.equal(Object.keys(lock.layers), ['cc', 'zlib']);
    assert.is(lock.layers.zlib.digest, digest);
    assert.match((await inCopy(['lock', '--registry', `http://127.0.0.1:${open}/lamina`])).stdout, /^unchanged lamina\.lock\.json/);
    const consumed = await inCopy(['consume', 'zlib']);
    assert.match(consumed.stdout, new RegExp(`^FROM 127\\.0\\.0\\.1:${open}/lamina/zlib:1\\.3\\.1@${digest} AS zlib-prefix$`, 'm'));
    // A comment changes no fingerprint: still locked. A layer changed since the lock is printed by tag again.
    const file = join(copy, 'layers/zlib/build_directives.ncl');
    appendFileSync(file, '\n# only a comment\n');
    assert.match((await inCopy(['consume', 'zlib'])).stdout, `@${digest} AS zlib-prefix`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('summary = "', 'summary = "(changed) '));
    const changed = await inCopy(['consume', 'zlib']);
    assert.match(changed.stdout, /^FROM daoreg\.librecloud\.online\/lamina\/zlib:1\.3\.1 AS zlib-prefix$/m);
  });

  test('status: a registry with Bearer token authentication (as docker.io and ghcr.io) answers through its token service', async () => {
    const r = await lamina(['--json', 'status', '--registry', `http://127.0.0.1:${tokened}/lamina`]);
    assert.is(r.code, 0, r.stderr);
    const { layers } = JSON.parse(r.stdout) as { layers: { name: string; state: string; digest: string | null }[] };
    assert.equal(
      layers.find((l) => l.name === 'zlib'),
      { ...layers.find((l) => l.name === 'zlib')!, state: 'built', digest },
    );
    assert.is(layers.filter((l) => l.state === 'built').length, 1);
  });

  test('status: a registry that is down is a clear error (exit 1), not a stack trace', async () => {
    const down = await freePort();
    const r = await lamina(['status', '--registry', `http://127.0.0.1:${down}/lamina`]);
    assert.is(r.code, 1);
    assert.match(r.stderr, new RegExp(`^lamina: registry 127\\.0\\.0\\.1:${down} is not reachable: ECONNREFUSED \\[registry/unreachable\\]\\n$`));
    assert.is(r.stdout, '');
  });

  test.run();
}
