/**
 * `lamina status` against real registries: Debian's docker-registry (distribution 2.8) started on
 * loopback — one open, one behind htpasswd (Basic) authentication, one behind Bearer tokens from a
 * token service the test runs — with an image pushed by skopeo under zlib's content tag; and a
 * port where nothing listens. Needs docker-registry and
 * skopeo (`scripts/ci-registry.sh`); skipped with a message without them, failed under CI=true.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createSign, randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadCatalog } from '../../packages/catalog/src/index.js';
import { run } from '../../packages/catalog/src/cli/run.js';
import { REPO } from '../catalog/support.js';
import { writeOciImage } from './oci.js';

const CI = process.env.CI === 'true';
const execFileAsync = promisify(execFile);
// A fixed test account: the bcrypt hash `htpasswd -nbB lamina s3cret-test` printed.
const USER = 'lamina';
const PASSWORD = 's3cret-test';
const HTPASSWD = 'lamina:$2y$05$fiVbxZTB1D4OfkdZhZhRr.0niVRohdF0dEDKClsOS3nNh4eCD1mH2\n';

const missing = ['docker-registry', 'skopeo', 'openssl'].find((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
if (missing) {
  if (CI) test('registry: docker-registry and skopeo are installed (CI=true)', () => assert.unreachable(`${missing} is missing: .ci/run must run scripts/ci-registry.sh`));
  else {
    console.log(`tests/registry: ${missing} is not installed; skipping (scripts/ci-registry.sh installs it)`);
    test.skip('lamina status against a real registry', () => {});
  }
  test.run();
} else {
  realRegistries();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * A token service as registries use for Bearer authentication: it grants the scope asked for to
 * anyone, signing the JWT with a key whose self-signed certificate (made by openssl) the registry
 * trusts — what docker.io, ghcr.io and distribution's `auth: token` speak.
 */
async function startTokenService(dir: string, port: number): Promise<{ server: Server; cert: string }> {
  const key = join(dir, 'token-key.pem');
  const cert = join(dir, 'token-cert.pem');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=lamina-test-token'], { encoding: 'utf8' });
  assert.is(made.status, 0, made.stderr);
  const pem = readFileSync(key);
  const x5c = [readFileSync(cert, 'utf8').replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')];
  const b64u = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const server = createHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://token');
    const [type, name, actions] = (url.searchParams.get('scope') ?? '').split(':');
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: 'lamina-test-issuer', sub: 'anonymous', aud: url.searchParams.get('service'), exp: now + 300, nbf: now - 10, iat: now, jti: randomUUID(),
      access: type ? [{ type, name, actions: (actions ?? '').split(',') }] : [],
    };
    const input = `${b64u({ alg: 'RS256', typ: 'JWT', x5c })}.${b64u(claims)}`;
    const signature = createSign('RSA-SHA256').update(input).sign(pem).toString('base64url');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ token: `${input}.${signature}` }));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, cert };
}

async function startRegistry(dir: string, port: number, auth: boolean | { realm: string; cert: string }): Promise<ChildProcess> {
  const config = [
    'version: 0.1',
    'log:',
    '  level: error',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    'http:',
    `  addr: 127.0.0.1:${port}`,
    ...(auth === true ? ['auth:', '  htpasswd:', '    realm: lamina-test', `    path: ${join(dir, 'htpasswd')}`] : []),
    ...(typeof auth === 'object'
      ? ['auth:', '  token:', `    realm: ${auth.realm}`, '    service: lamina-test', '    issuer: lamina-test-issuer', `    rootcertbundle: ${auth.cert}`]
      : []),
  ].join('\n');
  writeFileSync(join(dir, 'config.yml'), `${config}\n`);
  writeFileSync(join(dir, 'htpasswd'), HTPASSWD);
  const child = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/v2/`);
      if (res.status === 200 || res.status === 401) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill();
  throw new Error(`docker-registry did not start on port ${port}`);
}

async function lamina(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const stream = (append: (s: string) => void) => ({ isTTY: false, write: (c: string) => (append(String(c)), true) }) as unknown as NodeJS.WritableStream;
  const code = await run(['--root', REPO, ...args], { stdout: stream((s) => (stdout += s)), stderr: stream((s) => (stderr += s)), env: {} }, REPO);
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
    for (const [name, port, auth] of [['open', open, false], ['auth', guarded, true]] as const) {
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
    for (const [port, creds] of [[open, []], [guarded, ['--dest-creds', `${USER}:${PASSWORD}`]], [tokened, []]] as const) {
      await execFileAsync('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', ...creds, `oci:${image}:t`, `docker://127.0.0.1:${port}/lamina/zlib:fp-${zlib.fingerprint}`]);
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
    const push = spawnSync('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', `oci:${image}:t`, `docker://127.0.0.1:${open}/lamina/cc:fp-${cc.fingerprint}`], { encoding: 'utf8' });
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
    const inCopy = async (args: string[]) => {
      let stdout = '';
      let stderr = '';
      const stream = (append: (s: string) => void) => ({ isTTY: false, write: (c: string) => (append(String(c)), true) }) as unknown as NodeJS.WritableStream;
      const code = await run(['--root', copy, ...args], { stdout: stream((s) => (stdout += s)), stderr: stream((s) => (stderr += s)), env: {} }, copy);
      return { code, stdout, stderr };
    };
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
    // A layer changed since the lock is printed by tag again.
    appendFileSync(join(copy, 'layers/zlib/build_directives.ncl'), '\n# changed\n');
    const changed = await inCopy(['consume', 'zlib']);
    assert.match(changed.stdout, /^FROM daoreg\.librecloud\.online\/lamina\/zlib:1\.3\.1 AS zlib-prefix$/m);
  });

  test('status: a registry with Bearer token authentication (as docker.io and ghcr.io) answers through its token service', async () => {
    const r = await lamina(['--json', 'status', '--registry', `http://127.0.0.1:${tokened}/lamina`]);
    assert.is(r.code, 0, r.stderr);
    const { layers } = JSON.parse(r.stdout) as { layers: { name: string; state: string; digest: string | null }[] };
    assert.equal(layers.find((l) => l.name === 'zlib'), { ...layers.find((l) => l.name === 'zlib')!, state: 'built', digest });
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
