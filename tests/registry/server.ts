/**
 * Real registries for tests: Debian's docker-registry (distribution 2.8) on a free loopback port,
 * open, behind htpasswd, or behind Bearer tokens from a token service run in-process.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSign, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import * as assert from 'uvu/assert';

// A fixed test account: the bcrypt hash `htpasswd -nbB lamina s3cret-test` printed.
export const HTPASSWD = 'lamina:$2y$05$fiVbxZTB1D4OfkdZhZhRr.0niVRohdF0dEDKClsOS3nNh4eCD1mH2\n';

/** A loopback port nothing listens on (for now). */
export function freePort(): Promise<number> {
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
export async function startTokenService(dir: string, port: number): Promise<{ server: Server; cert: string }> {
  const key = join(dir, 'token-key.pem');
  const cert = join(dir, 'token-cert.pem');
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=lamina-test-token'],
    { encoding: 'utf8' },
  );
  assert.is(made.status, 0, made.stderr);
  const pem = readFileSync(key);
  const x5c = [
    readFileSync(cert, 'utf8')
      .replace(/-----[^-]+-----/g, '')
      .replace(/\s+/g, ''),
  ];
  const b64u = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const server = createHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://token');
    const [type, name, actions] = (url.searchParams.get('scope') ?? '').split(':');
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: 'lamina-test-issuer',
      sub: 'anonymous',
      aud: url.searchParams.get('service'),
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
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

export async function startRegistry(dir: string, port: number, auth: boolean | { realm: string; cert: string }): Promise<ChildProcess> {
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
