/** Registry credentials and challenges, without a registry: docker's config.json and auth.json, Bearer parameters. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { credentialsFor } from '../../packages/catalog/src/registry/auth.js';
import { parseChallenge, parseRef } from '../../packages/catalog/src/registry/client.js';

test('a Bearer challenge gives its realm, service and scope', () => {
  assert.equal(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/debian:pull"'), {
    realm: 'https://auth.docker.io/token',
    service: 'registry.docker.io',
    scope: 'repository:library/debian:pull',
  });
  assert.equal(parseChallenge('Basic realm="lamina-test"'), { realm: 'lamina-test' });
});

test('references: host, repository, tag; http:// only when written', () => {
  assert.equal(parseRef('daoreg.librecloud.online/lamina/zlib:fp-abc'), {
    scheme: 'https',
    host: 'daoreg.librecloud.online',
    repository: 'lamina/zlib',
    tag: 'fp-abc',
  });
  assert.equal(parseRef('http://127.0.0.1:5000/lamina/zlib:1.3.1'), { scheme: 'http', host: '127.0.0.1:5000', repository: 'lamina/zlib', tag: '1.3.1' });
  assert.throws(() => parseRef('zlib'), /not an image reference/);
});

test("credentials: REGISTRY_AUTH_FILE first, else DOCKER_CONFIG's config.json; keys with a scheme or path match the host", () => {
  const dir = mkdtempSync(join(tmpdir(), 'lamina-auth-'));
  try {
    const b64 = (s: string): string => Buffer.from(s).toString('base64');
    writeFileSync(join(dir, 'auth.json'), JSON.stringify({ auths: { 'registry.example': { auth: b64('alice:pw:with:colons') } } }));
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ auths: { 'https://index.example/v1/': { auth: b64('bob:pw') }, 'other.example': { username: 'carol', password: 'x' } } }),
    );
    assert.equal(credentialsFor('registry.example', { REGISTRY_AUTH_FILE: join(dir, 'auth.json') }), { username: 'alice', password: 'pw:with:colons' });
    assert.equal(credentialsFor('index.example', { DOCKER_CONFIG: dir }), { username: 'bob', password: 'pw' });
    assert.equal(credentialsFor('other.example', { DOCKER_CONFIG: dir }), { username: 'carol', password: 'x' });
    assert.is(credentialsFor('unknown.example', { DOCKER_CONFIG: dir }), undefined);
    writeFileSync(join(dir, 'config.json'), '{ not json');
    assert.is(credentialsFor('index.example', { DOCKER_CONFIG: dir }), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
