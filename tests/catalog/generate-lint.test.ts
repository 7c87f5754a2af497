/** Every generated Dockerfile, of the shipped catalog and of a fixture, passes the build rules. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog, type Catalog } from '../../packages/catalog/src/index.js';
import { render } from '../../packages/catalog/src/generate/index.js';
import { dockerfilePath } from '../../packages/catalog/src/generate/bake.js';
import { cleanFixtures, REPO } from './support.js';
import { aptGetInstalls, cleanCopies, fixtureWithTemplates, lintDockerfile, type LintExpectations } from './generate-support.js';

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

/** Layers for the variants the shipped catalog does not use, added to the `good` fixture. */
const VARIANTS: Record<string, { build: string; workflow: string }> = {
  'custom-lib': {
    build: `{ name = "custom-lib", summary = "custom build", system_packages = ["nasm=2.16.01-1"],
      source = { url = "https://example.org/c-1.0.tar.xz", mirrors = ["https://mirror.example.org/c-1.0.tar.xz"], version = "1.0",
        sha256 = "1111111111111111111111111111111111111111111111111111111111111111", strip_components = 2,
        provenance = [{ method = 'published_checksum, reference = "fixture" }] },
      build = { system = 'custom, source_subdir = "lib", env = { CFLAGS = "-O2 $(not-run)" },
        commands = ["./build.sh --prefix /opt/lamina/custom-lib", "make install PREFIX=/opt/lamina/custom-lib"] },
      install = { prefix = "/opt/lamina/custom-lib" }, serves = ["custom-sys"] } | c.NativeDep`,
    workflow: `{ name = "custom-lib", build_base = "cc", runtime_base = "cc", donors = ["zlib"], tags = ["1.0"] } | c.Workflow`,
  },
  'plain-deps': {
    build: `{ name = "plain-deps", summary = "no sccache, own target", recipe = { target = "x86_64-unknown-linux-musl",
        features = ["a", "b/c"], no_default_features = true, profiles = ["dist"] },
      sccache = { enabled = false, bucket = "lamina-sccache", region = "eu-west-1" } } | c.SourceDep`,
    workflow: `{ name = "plain-deps", build_base = "rust", runtime_base = "scratch", tags = ["1"] } | c.Workflow`,
  },
  's3-deps': {
    build: `{ name = "s3-deps", summary = "sccache on a custom endpoint", recipe = {},
      sccache = { bucket = "my-bucket", region = "auto", endpoint = "https://s3.example.org", key_prefix = "x/", auth_secret_id = "my-creds" },
      outputs = ["/lamina/recipe/target"] } | c.SourceDep`,
    workflow: `{ name = "s3-deps", build_base = "rust", runtime_base = "rust", donors = ["app-deps"], tags = ["1"] } | c.Workflow`,
  },
  'tools-tc': {
    build: `{ name = "tools-tc", summary = "tools without checksums", toolchain = { kind = 'rust, version = "1.88.0", components = ["clippy"] },
      tools = [{ name = "cargo-nextest", version = "0.9.100", features = ["default-no-update"] }] } | c.Toolchain`,
    workflow: `{ name = "tools-tc", build_base = "rust", runtime_base = "rust", tags = ["1"] } | c.Workflow`,
  },
  'web-tc': {
    build: `{ name = "web-tc", summary = "node with checked tools", env = { PATH = "/usr/local/node/bin:/usr/bin:/bin" },
      toolchain = { kind = 'node, version = "22.17.0", installer = { name = "node", version = "22.17.0", downloads = {
        "linux/amd64" = { url = "https://nodejs.org/dist/v22.17.0/node-v22.17.0-linux-x64.tar.xz", sha256 = "325c0f1261e0c61bcae369a1274028e9cfb7ab7949c05512c5b1e630f7e80e12" } } } },
      system_packages = ["ca-certificates=20250419~deb12u2", "curl=7.88.1-10+deb12u15", "xz-utils=5.4.1-1+deb12u2"],
      tools = [{ name = "pnpm", version = "10.12.4", source = 'corepack, checksum = "2222222222222222222222222222222222222222222222222222222222222222" },
               { name = "typescript", version = "5.9.2", source = 'npm, checksum = "3333333333333333333333333333333333333333333333333333333333333333" },
               { name = "prettier", version = "3.6.2", source = 'npm }] } | c.Toolchain`,
    workflow: `let images = import "../images.ncl" in { name = "web-tc", build_base = images.debian, runtime_base = images.debian, tags = ["22"], platforms = ['"linux/amd64"] } | c.Workflow`,
  },
};

test('every Dockerfile of the variants (custom build, no sccache, endpoint, tools, node) passes the lint', async () => {
  const root = fixtureWithTemplates('good');
  for (const [name, v] of Object.entries(VARIANTS)) {
    mkdirSync(join(root, 'layers', name, 'recipe', 'src'), { recursive: true });
    const header = 'let c = import "../../schemas/contracts.ncl" in\n';
    writeFileSync(join(root, 'layers', name, 'build_directives.ncl'), header + v.build + '\n');
    writeFileSync(join(root, 'layers', name, 'workflow.ncl'), header + v.workflow + '\n');
  }
  const { count, problems } = await lintAll(root);
  assert.is(count, 5 + Object.keys(VARIANTS).length);
  assert.equal(problems, []);
  const catalog = loadCatalog(root);
  const rendered = await render(catalog, { root });
  if (!rendered.ok) return assert.unreachable();
  const file = (n: string) => rendered.files.get(dockerfilePath(n))!;
  assert.match(file('custom-lib'), /^WORKDIR \/lamina\/src\/lib$/m);
  assert.match(file('custom-lib'), /^RUN export PREFIX=\/opt\/lamina\/custom-lib; \.\/build\.sh --prefix \/opt\/lamina\/custom-lib$/m);
  assert.match(file('custom-lib'), /--strip-components=2/);
  assert.match(file('custom-lib'), /^FROM daoreg\.librecloud\.online\/lamina\/cc:12 AS artifact$/m);
  assert.match(file('custom-lib'), /^COPY --from=daoreg\.librecloud\.online\/lamina\/zlib:1\.3\.1 \/opt\/lamina\/zlib \/opt\/lamina\/zlib$/m);
  assert.match(file('plain-deps'), /cargo chef cook --profile dist --target x86_64-unknown-linux-musl --no-default-features --features a,b\/c/);
  assert.not.match(file('plain-deps'), /sccache --show-stats|RUSTC_WRAPPER|type=secret|SCCACHE_/);
  assert.match(file('plain-deps'), /^FROM scratch AS artifact$/m);
  assert.match(file('plain-deps'), /^COPY --from=build \/usr\/local\/cargo\/registry \/usr\/local\/cargo\/registry$/m);
  assert.match(file('s3-deps'), /^ARG SCCACHE_ENDPOINT="https:\/\/s3\.example\.org"$/m);
  assert.match(file('s3-deps'), /--mount=type=secret,id=my-creds,required=false/);
  // Downloads stay on the cache mount: the links to it are removed after the cook.
  assert.match(file('s3-deps'), /&& rm \/usr\/local\/cargo\/registry\/index \/usr\/local\/cargo\/registry\/cache \/usr\/local\/cargo\/git\/db \\$/m);
  assert.match(file('s3-deps'), /^COPY --from=daoreg\.librecloud\.online\/lamina\/app-deps:1\.88 \/lamina\/recipe\/target \/lamina\/recipe\/target$/m);
  assert.match(file('tools-tc'), /cargo install --locked --version 0\.9\.100 cargo-nextest --features default-no-update/);
  assert.match(file('tools-tc'), /^RUN rustup component add --toolchain 1\.88\.0 clippy$/m);
  assert.match(file('web-tc'), /corepack prepare pnpm@10\.12\.4\+sha256\.2{64} --activate/);
  assert.match(file('web-tc'), /registry\.npmjs\.org\/typescript\/-\/typescript-5\.9\.2\.tgz/);
  assert.match(file('web-tc'), /^RUN npm install --global prettier@3\.6\.2$/m);
  const bake = JSON.parse(rendered.files.get('generated/docker-bake.json')!) as { target: Record<string, { secret?: string[]; platforms: string[] }> };
  assert.equal(bake.target['s3-deps']!.secret, ['id=my-creds,env=LAMINA_SECRET_MY_CREDS']);
  assert.is(bake.target['plain-deps']!.secret, undefined);
  assert.equal(bake.target['web-tc']!.platforms, ['linux/amd64']);
});

test('the lint fails a Dockerfile that installs unpinned apt packages, and only for them', () => {
  const text = readFileSync(join(REPO, 'tests/catalog/dockerfiles/apt-unpinned.Dockerfile'), 'utf8');
  const exp: LintExpectations = { layer: 'cc', class: 'toolchain', fingerprint: '0'.repeat(64) };
  assert.equal(lintDockerfile(text, exp), [
    '8: apt-get install of `curl`: not a pinned Debian package `name=version`',
    '8: apt-get install of `ca-certificates`: not a pinned Debian package `name=version`',
    '8: apt-get install of `make=`: not a pinned Debian package `name=version`',
    '8: apt-get install of `gcc=latest`: not a pinned Debian package `name=version`',
    '17: apt-get install of `xz-utils`: not a pinned Debian package `name=version`',
  ]);
  // The same file with every package pinned passes: the problems above are the pins alone.
  const pinned = text
    .replace(/^( +)curl \\$/m, '$1curl=7.88.1-10+deb12u15 \\')
    .replace(/'ca-certificates'/, "'ca-certificates=20250419~deb12u2'")
    .replace(/make= /, 'make=4.3-4.1 ')
    .replace(/gcc=latest/, 'gcc=4:12.2.0-3')
    .replace(/ xz-utils /, ' xz-utils=5.4.1-1+deb12u2 ');
  assert.equal(lintDockerfile(pinned, exp), []);
});

test('the apt-get reader finds the package words of every install, unquoted', () => {
  assert.equal(
    aptGetInstalls(
      `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends a=1 'b=2~x' "c=3" && apt-get -q -o A::B=c install d; apt-get clean`,
    ),
    [['a=1', 'b=2~x', 'c=3'], ['d']],
  );
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
    'apt-get install of `curl`: not a pinned Debian package',
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
