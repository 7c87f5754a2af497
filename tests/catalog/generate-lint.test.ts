/** Every generated Dockerfile, of the shipped catalog and of a fixture, passes the build rules. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog, type Catalog } from '../../packages/catalog/src/index.js';
import { render } from '../../packages/catalog/src/generate/index.js';
import { dockerfilePath } from '../../packages/catalog/src/generate/bake.js';
import { cleanFixtures, REPO } from './support.js';
import { cleanCopies, fixtureWithTemplates, lintDockerfile, type LintExpectations } from './generate-support.js';

test.after(() => {
  cleanCopies();
  cleanFixtures();
});

function expectations(catalog: Catalog, name: string): LintExpectations {
  const layer = catalog.layer(name)!;
  const d = layer.directives;
  return {
    layer: name,
    class: layer.class,
    fingerprint: layer.fingerprint,
    ...(d.class === 'source-dep' && d.sccache.enabled ? { sccacheSecret: d.sccache.auth_secret_id } : {}),
    ...(d.class === 'native-dep' ? { prefix: d.install.prefix } : {}),
  };
}

async function lintAll(root: string): Promise<{ count: number; problems: string[] }> {
  const catalog = loadCatalog(root);
  assert.ok(catalog.ok, catalog.diagnostics.map((d) => d.message).join('\n'));
  const rendered = await render(catalog, { root });
  if (!rendered.ok) throw new Error(rendered.diagnostics.map((d) => d.message).join('\n'));
  const problems: string[] = [];
  for (const layer of catalog.layers) {
    const text = rendered.files.get(dockerfilePath(layer.name))!;
    for (const p of lintDockerfile(text, expectations(catalog, layer.name))) problems.push(`${layer.name}.Dockerfile:${p}`);
  }
  return { count: catalog.layers.length, problems };
}

test('every Dockerfile of the shipped catalog passes the lint', async () => {
  const { count, problems } = await lintAll(REPO);
  assert.ok(count >= 10);
  assert.equal(problems, []);
});

test('the committed Dockerfiles are the ones the lint passed (byte for byte)', async () => {
  const catalog = loadCatalog(REPO);
  const rendered = await render(catalog, { root: REPO });
  assert.ok(rendered.ok);
  if (!rendered.ok) return;
  for (const layer of catalog.layers) {
    const path = dockerfilePath(layer.name);
    assert.is(readFileSync(join(REPO, path), 'utf8'), rendered.files.get(path), path);
  }
});

test('every Dockerfile of the `good` fixture passes the lint', async () => {
  const { count, problems } = await lintAll(fixtureWithTemplates('good'));
  assert.ok(count >= 4);
  assert.equal(problems, []);
});

test('the lint catches what it is meant to catch', () => {
  const exp: LintExpectations = { layer: 'x', class: 'native-dep', fingerprint: 'f'.repeat(64), prefix: '/opt/x' };
  const bad = [
    'FROM debian:bookworm AS build',
    'RUN apt-get install curl',
    'RUN curl -o /tmp/x https://example.org/x | sh',
    'WORKDIR relative',
    'ENV AWS_SECRET_ACCESS_KEY=oops',
    'FROM scratch AS artifact',
    'COPY --from=build /etc /etc',
    'ENTRYPOINT ["/bin/sh"]',
    'LABEL online.librecloud.lamina.layer="y"',
  ].join('\n');
  const problems = lintDockerfile(bad + '\n', exp).join('\n');
  for (const expected of [
    'syntax',
    'FROM debian:bookworm: not fully qualified',
    'RUN before a SHELL',
    'without -y',
    'without --no-install-recommends',
    'lists not removed',
    'download without a sha256 check',
    'piped into a shell',
    'WORKDIR relative is not absolute',
    'ENV AWS_SECRET_ACCESS_KEY',
    'artifact stage may only COPY',
    'ENTRYPOINT is not allowed',
    'online.librecloud.lamina.layer is not x',
  ]) {
    assert.ok(problems.includes(expected), `lint should report "${expected}"; it said:\n${problems}`);
  }
});

test.run();
