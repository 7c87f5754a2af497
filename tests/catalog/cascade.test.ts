/**
 * `lamina cascade`: the rebuild set in waves and the exact build commands (dry-run only; nothing
 * is built here). Fixture `good` plus a bake file written by the test (generation is tested
 * elsewhere): cc → zlib → openssl ← cc, rust + openssl → app-deps.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../../packages/catalog/src/cli/run.js';
import { cleanFixtures, fixture, REPO } from './support.js';

test.after(cleanFixtures);

let root: string | undefined;
function catalog(): string {
  if (root) return root;
  root = fixture('good');
  mkdirSync(join(root, 'generated'));
  const ref = (n: string, t: string): string => `registry.example/lamina/${n}:${t}`;
  writeFileSync(
    join(root, 'generated/docker-bake.json'),
    JSON.stringify({
      variable: { CREATED: { default: '1970-01-01T00:00:00Z' }, REVISION: { default: '' }, SOURCE_DATE_EPOCH: { default: '0' } },
      target: {
        openssl: { contexts: { [ref('cc', '12')]: 'target:cc', [ref('zlib', '1.3.1')]: 'target:zlib' } },
        'app-deps': {
          contexts: { [ref('rust', '1.88')]: 'target:rust', [ref('openssl', '3.5.7')]: 'target:openssl' },
          secret: ['id=sccache-aws,env=LAMINA_SECRET_SCCACHE_AWS'],
          labels: { 'org.opencontainers.image.created': '${CREATED}', 'org.opencontainers.image.revision': '${REVISION}' },
          args: { SOURCE_DATE_EPOCH: '${SOURCE_DATE_EPOCH}' },
        },
        zlib: { contexts: { [ref('cc', '12')]: 'target:cc' } },
      },
    }),
  );
  return root;
}

async function lamina(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const stream = (append: (s: string) => void) => ({ isTTY: false, write: (c: string) => (append(String(c)), true) }) as unknown as NodeJS.WritableStream;
  const code = await run(args, { stdout: stream((s) => (stdout += s)), stderr: stream((s) => (stderr += s)), env: {} }, REPO);
  return { code, stdout, stderr };
}

test('the plan: waves, and the diamond parents that are provided rather than rebuilt', async () => {
  const r = await lamina(['cascade', '--root', catalog(), '--changed', 'zlib', '--json']);
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.waves, [['zlib'], ['openssl'], ['app-deps']]);
  assert.equal(
    out.provided.map((p: { parent: string; layers: string[] }) => `${p.parent}:${p.layers.join('+')}`),
    ['cc:openssl+zlib', 'rust:app-deps'],
  );
  assert.match(out.provided[0].image, /\/cc:/);
  assert.match(out.provided[0].fingerprint, /^[0-9a-f]{12}$/);
});

test('bake dry-run: one bake for the whole set, pushed; only parents outside the set point at their images', async () => {
  const r = await lamina(['cascade', '--root', catalog(), '--changed', 'zlib', '--build', '--dry-run']);
  assert.is(r.code, 0, r.stderr);
  const commands = r.stdout.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  // zlib → openssl → app-deps are built in one solve: openssl gets the fresh zlib through its
  // `target:zlib` context, never the published image; cc and rust are not rebuilt.
  assert.equal(commands, [
    'docker buildx bake -f generated/docker-bake.json --push' +
      ' --set zlib.contexts.registry.example/lamina/cc:12=docker-image://registry.example/lamina/cc:12' +
      ' --set openssl.contexts.registry.example/lamina/cc:12=docker-image://registry.example/lamina/cc:12' +
      ' --set app-deps.contexts.registry.example/lamina/rust:1.88=docker-image://registry.example/lamina/rust:1.88' +
      ' zlib openssl app-deps',
  ]);
  assert.not.match(r.stdout, /openssl\.contexts\.registry\.example\/lamina\/zlib/);
  assert.match(r.stdout, '# wave 0: zlib\n');
  assert.match(r.stdout, '# provided: rust as ');
  const load = await lamina(['cascade', '--root', catalog(), '--changed', 'zlib', '--build', '--load', '--dry-run']);
  assert.match(load.stdout, /^docker buildx bake -f generated\/docker-bake\.json --load /m);
  const buildahLoad = await lamina(['cascade', '--root', catalog(), '--changed', 'zlib', '--build', '--engine', 'buildah', '--load']);
  assert.is(buildahLoad.code, 2);
});

test('buildah dry-run: one bud per layer, its ignore file, tags, labels, arguments and secrets from the bake file, the layer folder as context', async () => {
  const r = await lamina(['cascade', '--root', catalog(), '--changed', 'openssl', '--build', '--engine', 'buildah', '--dry-run']);
  assert.is(r.code, 0, r.stderr);
  const commands = r.stdout.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  const bud = (name: string): string =>
    `buildah bud --format docker -f generated/dockerfiles/${name}.Dockerfile --ignorefile generated/dockerfiles/${name}.Dockerfile.dockerignore`;
  assert.equal(commands, [
    `${bud('openssl')} -t daoreg.librecloud.online/lamina/openssl:3.5.7 layers/openssl`,
    `${bud('app-deps')} -t daoreg.librecloud.online/lamina/app-deps:1.88` +
      ' --label org.opencontainers.image.created=1970-01-01T00:00:00Z --build-arg SOURCE_DATE_EPOCH=0' +
      ' --secret id=sccache-aws,env=LAMINA_SECRET_SCCACHE_AWS layers/app-deps',
  ]);
});

test('buildah dry-run: CREATED follows SOURCE_DATE_EPOCH, and REVISION labels the image', async () => {
  const env = { SOURCE_DATE_EPOCH: '1700000000', REVISION: 'abc123' };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const r = await lamina(['cascade', '--root', catalog(), '--changed', 'app-deps', '--build', '--engine', 'buildah', '--dry-run']);
    assert.match(
      r.stdout,
      ' --label org.opencontainers.image.created=2023-11-14T22:13:20Z --label org.opencontainers.image.revision=abc123 --build-arg SOURCE_DATE_EPOCH=1700000000 ',
    );
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
});

test('usage and catalog errors', async () => {
  assert.is((await lamina(['cascade', '--root', catalog()])).code, 2);
  assert.is((await lamina(['cascade', '--root', catalog(), '--changed', 'zlib', '--build', '--engine', 'kaniko'])).code, 2);
  assert.is((await lamina(['cascade', '--root', catalog(), '--changed', 'zlib', '--dry-run'])).code, 2);
  const unknown = await lamina(['cascade', '--root', catalog(), '--changed', 'nope']);
  assert.is(unknown.code, 1);
  assert.match(unknown.stderr, 'no layer `nope`');
  const noBake = await lamina(['cascade', '--root', fixture('good'), '--changed', 'zlib', '--build', '--dry-run']);
  assert.is(noBake.code, 1);
  assert.match(noBake.stderr, 'run `lamina gen` first');
});

test.run();
