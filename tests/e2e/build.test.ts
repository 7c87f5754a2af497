/**
 * Real builds: the fixture catalog (tests/e2e/fixture) is generated with `lamina gen` and every
 * layer is built with buildah from the generated Dockerfile and bake target, wave by wave, over a
 * stand-in base image (busybox + stubs that record their calls; see support/standin.ts). Then:
 *
 * - every FROM resolved to the parent layer's image (the stage's layers start with the parent's);
 * - donor files arrived through `COPY --from` (same bytes as in the donor image);
 * - the sccache secret was readable during the cook step, and its value is in no image layer, no
 *   image config or history, and nowhere in buildah's storage;
 * - a layer whose runtime base is `scratch` holds its artifact and nothing else;
 * - the native-dep's checksum is really checked (tampered bytes fail the build).
 *
 * Without buildah (or a static busybox) the test is skipped with a message — and fails under
 * CI=true, where `scripts/ci-buildah.sh` must have installed both. LAMINA_E2E_KEEP=1 keeps the
 * temporary root, logs and image store for inspection.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadCatalog } from '../../packages/catalog/src/index.js';
import { Buildah, buildahVersion, type ImageLayers } from './support/buildah.js';
import { makeFixtureRoot, REPO, sha256 } from './support/fixture.js';
import { buildStandinBase, STANDIN_BASE, STANDIN_MARKER } from './support/standin.js';
import { freePort, startRegistry } from '../registry/server.js';
import { resolveBakeValue } from '../../packages/catalog/src/generate/bake.js';

const CI = process.env.CI === 'true';
const hasRegistry = spawnSync('sh', ['-c', 'command -v docker-registry']).status === 0;
const BUSYBOX = process.env.LAMINA_E2E_BUSYBOX ?? '/bin/busybox';

/** Why the real builds cannot run here, or undefined when they can. */
function missingTools(): string | undefined {
  if (buildahVersion() === undefined) return 'buildah is not installed';
  if (!existsSync(BUSYBOX)) return `no busybox at ${BUSYBOX}`;
  // A dynamic busybox names its loader; the stand-in image has no libc for it.
  if (readFileSync(BUSYBOX).includes('/ld-linux')) return `${BUSYBOX} is not statically linked (install busybox-static)`;
  return undefined;
}

const missing = missingTools();
if (missing !== undefined) {
  if (CI) {
    test('real builds: buildah and a static busybox are installed (CI=true)', () => {
      assert.unreachable(`${missing}: .ci/run must call scripts/ci-buildah.sh before the tests`);
    });
  } else {
    console.log(`tests/e2e: ${missing}; skipping the real builds (run scripts/ci-buildah.sh as root to install it)`);
    test.skip('real builds with buildah', () => {});
  }
  test.run();
} else {
  realBuilds();
}

interface BakeTarget {
  context: string;
  dockerfile: string;
  tags: string[];
  contexts?: Record<string, string>;
  secret?: string[];
}

interface Built {
  /** The final image's canonical (first) tag. */
  image: string;
  exported: ImageLayers;
  files: string[];
  /** Stages built on their own (`--target`), by stage name: image reference. */
  stages: Map<string, { from: string; image: string }>;
  dockerfile: string;
}

function realBuilds(): void {
  const keep = process.env.LAMINA_E2E_KEEP === '1';
  const work = resolve(tmpdir(), `lamina-e2e-${process.pid}`);
  const fixture = makeFixtureRoot();
  const root = fixture.root;
  const buildah = new Buildah(join(work, 'buildah'));
  const logs = join(work, 'logs');
  const built = new Map<string, Built>();

  // The sccache credentials: a shared-credentials file with values made for this run only.
  const canary = { keyId: `AKIALAMINAE2E${randomBytes(4).toString('hex').toUpperCase()}`, secret: randomBytes(20).toString('hex') };
  const secretFile = join(work, 'sccache-credentials');
  mkdirSync(work, { recursive: true });
  writeFileSync(secretFile, `[default]\naws_access_key_id = ${canary.keyId}\naws_secret_access_key = ${canary.secret}\n`, { mode: 0o600 });

  // Caches of this throwaway root (evaluations, compiled schemas) go away with it.
  const cacheDir = join(work, 'cache');
  // Loaded once to lay out the tests (the graph does not depend on the base digest), and again
  // once the stand-in base is built and pinned.
  let catalog = loadCatalog(root, { cacheDir });
  const waves = catalog.buildWaves();
  let bake: { target: Record<string, BakeTarget> } | undefined;
  let baseDigest = '';

  const logOf = (layer: string, file: string): string[] => {
    const p = join(logs, layer, file);
    return existsSync(p) ? readFileSync(p, 'utf8').split('\n').filter(Boolean) : [];
  };
  const need = (layer: string): Built => {
    const b = built.get(layer);
    if (!b) throw new Error(`layer ${layer} was not built (see the failure of its build above)`);
    return b;
  };
  // Each image is exported once (an uncompressed OCI layout) and read from there.
  const exports = new Map<string, { layout: string; layers: ImageLayers }>();
  const exportOnce = (image: string): { layout: string; layers: ImageLayers } => {
    let e = exports.get(image);
    if (!e) {
      const layout = join(work, 'oci', image.replace(/[^a-z0-9]+/gi, '_'));
      e = { layout, layers: buildah.export(image, layout) };
      exports.set(image, e);
    }
    return e;
  };
  const diffIds = (image: string): string[] => buildah.inspect(image).OCIv1.rootfs?.diff_ids ?? [];
  const imageOf = (ref: string): string => {
    if (ref.split('@')[0] === STANDIN_BASE) return STANDIN_BASE;
    for (const [name, b] of built) if (bake!.target[name]!.tags.includes(ref)) return b.image;
    throw new Error(`FROM ${ref}: no image built for it`);
  };

  test('the stand-in base image builds', () => {
    buildStandinBase(buildah, fixture.served, BUSYBOX);
    assert.ok(diffIds(STANDIN_BASE).length > 0);
    baseDigest = buildah.inspect(STANDIN_BASE).FromImageDigest;
    assert.match(baseDigest, /^sha256:[0-9a-f]{64}$/);
    fixture.pinBase(baseDigest);
  });

  test('the fixture catalog loads and generates', () => {
    catalog = loadCatalog(root, { cacheDir });
    // Not even a warning: the base is pinned by digest, as the shipped catalog's are.
    assert.equal(
      catalog.diagnostics.map((d) => `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`),
      [],
    );
    assert.equal(waves, [['e2e-rust'], ['e2e-fakelib'], ['e2e-app']]);
    const gen = spawnSync(process.execPath, [join(REPO, 'packages/catalog/bin/lamina.js'), 'gen', '--root', root], {
      encoding: 'utf8',
      env: { ...process.env, LAMINA_CACHE_DIR: cacheDir },
    });
    assert.is(gen.status, 0, `lamina gen failed:\n${gen.stdout}${gen.stderr}`);
    bake = JSON.parse(readFileSync(join(root, 'generated/docker-bake.json'), 'utf8'));
    // Tags name the registry through the bake variable REGISTRY: these builds use its default.
    for (const t of Object.values(bake!.target)) t.tags = t.tags.map((tag) => resolveBakeValue(tag, bake as never));
    for (const layer of waves.flat()) assert.ok(bake!.target[layer], `bake target ${layer}`);
  });

  waves.forEach((wave, index) => {
    for (const layer of wave) {
      test(`wave ${index + 1}: buildah builds ${layer} from its generated Dockerfile`, () => {
        assert.ok(bake, 'generation did not run');
        const target = bake!.target[layer]!;
        const context = join(root, target.context);
        const dockerfile = resolve(context, target.dockerfile);
        const text = readFileSync(dockerfile, 'utf8');
        // Every bake context is a layer of an earlier wave, already tagged with the reference the
        // Dockerfile names, so `--pull=never` resolves FROM and COPY --from to the image built here.
        for (const [ref, source] of Object.entries(target.contexts ?? {})) {
          const parent = source.replace(/^target:/, '');
          need(parent);
          assert.ok(bake!.target[parent]!.tags.includes(ref), `context ${ref} is a tag of ${parent}`);
          assert.ok(text.includes(ref), `${layer}.Dockerfile names ${ref}`);
        }
        const secrets = (target.secret ?? []).map((s) => ({ id: /(?:^|,)id=([^,]+)/.exec(s)![1]!, src: secretFile }));
        mkdirSync(join(logs, layer), { recursive: true });
        const common = { dockerfile, context, secrets, volumes: [{ host: join(logs, layer), container: '/e2e-log' }] };

        // Each stage built on a base on its own first, to compare its layers with its parent's. The
        // full build below runs those steps again: cheaper than `--layers`, whose commit after every
        // instruction costs seconds each on vfs (3× the whole test's time).
        const stages = new Map<string, { from: string; image: string }>();
        const froms = stagesOf(text);
        froms.forEach((stage, i) => {
          if (stage.from === 'scratch' || !stage.name || i === froms.length - 1) return;
          const image = `localhost/lamina-e2e-stage/${layer}:${stage.name}`;
          const r = buildah.build({ ...common, tags: [image], target: stage.name });
          assert.ok(r.ok, `buildah bud --target ${stage.name} ${layer}.Dockerfile failed:\n${tail(r.output)}`);
          stages.set(stage.name, { from: stage.from, image });
        });
        const r = buildah.build({ ...common, tags: target.tags });
        assert.ok(r.ok, `buildah bud ${layer}.Dockerfile failed:\n${tail(r.output)}`);
        const last = froms[froms.length - 1]!;
        if (last.from !== 'scratch' && last.name) stages.set(last.name, { from: last.from, image: target.tags[0]! });
        const exported = exportOnce(target.tags[0]!).layers;
        built.set(layer, { image: target.tags[0]!, exported, files: Buildah.files(exported), stages, dockerfile: text });
      });
    }
  });

  test('every FROM resolved to its parent: the stage starts with the parent image’s layers', () => {
    let checked = 0;
    for (const layer of waves.flat()) {
      for (const [name, stage] of need(layer).stages) {
        const parent = diffIds(imageOf(stage.from));
        const child = diffIds(stage.image);
        assert.ok(child.length > parent.length, `${layer} stage ${name} adds layers to ${stage.from}`);
        assert.equal(child.slice(0, parent.length), parent, `${layer} stage ${name} is built on ${stage.from}`);
        checked++;
      }
    }
    // Every stage on a base, in every layer (the fixture has 4: toolchain on the stand-in; the
    // native-dep's build and the source-dep's planner and cook on e2e-rust).
    const onBases = waves.flat().flatMap((l) => stagesOf(need(l).dockerfile).filter((s) => s.from !== 'scratch'));
    assert.is(checked, onBases.length);
    assert.ok(checked >= 4, `only ${checked} stages built on a base`);
    // The external base is named by tag and digest, and buildah resolved exactly that image.
    assert.equal(
      [...need('e2e-rust').stages.values()].map((s) => s.from),
      [`${STANDIN_BASE}@${baseDigest}`],
    );
    // The toolchain image is the stand-in plus what the generated steps installed.
    const rust = need('e2e-rust').files;
    for (const f of [
      STANDIN_MARKER,
      '/usr/local/cargo/bin/cargo',
      '/usr/local/cargo/bin/rustup',
      '/usr/local/cargo/bin/cargo-chef',
      '/usr/local/cargo/bin/sccache',
    ]) {
      assert.ok(rust.includes(f), `e2e-rust holds ${f}`);
    }
    assert.ok(
      rust.some((f) => f.startsWith('/usr/local/rustup/toolchains/1.88.0-')),
      'rustup-init installed 1.88.0',
    );
    const calls = logOf('e2e-rust', 'calls.log');
    assert.ok(
      calls.some((l) => l.startsWith('rustup-init\t') && l.includes('--default-toolchain 1.88.0')),
      calls.join('\n'),
    );
    assert.ok(
      calls.some((l) => l.startsWith('cargo\t') && / install .*cargo-chef/.test(` ${l.split('\t')[2]}`)),
      'cargo install cargo-chef',
    );
    // apt-get got exactly the pinned packages of the layer, without recommends
    const install = calls.find((l) => l.startsWith('apt-get\t') && / install /.test(` ${l.split('\t')[2]} `));
    assert.ok(install, calls.join('\n'));
    assert.match(install!, '--no-install-recommends');
    assert.match(install!, 'ca-certificates=20250419~deb12u2');
    assert.match(install!, 'curl=7.88.1-10+deb12u15');
  });

  test('donor files arrive through COPY --from', () => {
    const app = need('e2e-app');
    const donor = need('e2e-fakelib');
    const prefix = '/opt/lamina/e2e-fakelib';
    assert.match(app.dockerfile, new RegExp(`^COPY --from=${escape(donor.image)} ${prefix} ${prefix}$`, 'm'));
    // The stage that copies the donor in is the one that cooks.
    const copying = stagesOf(app.dockerfile).find((s) => s.body.includes(`COPY --from=${donor.image} `));
    const cook = copying?.name === undefined ? undefined : app.stages.get(copying.name);
    assert.ok(cook, 'e2e-app copies the donor into a named stage built on a base');
    const stage = exportOnce(cook!.image).layers;
    const inStage = Buildah.files(stage).filter((f) => f.startsWith(prefix));
    const inDonor = donor.files.filter((f) => f.startsWith(prefix));
    assert.equal(inStage, inDonor);
    assert.ok(inDonor.includes(`${prefix}/lib/libfake.a`), inDonor.join('\n'));
    assert.is(Buildah.readFile(stage, `${prefix}/lib/libfake.a`), Buildah.readFile(donor.exported, `${prefix}/lib/libfake.a`));
    assert.is(Buildah.readFile(stage, `${prefix}/include/fake.h`), 'int fake_answer(void);\n');
  });

  test('the sccache secret was readable while cooking, through AWS_SHARED_CREDENTIALS_FILE', () => {
    need('e2e-app');
    const directives = catalog.layer('e2e-app')!.directives;
    const id = directives.class === 'source-dep' ? directives.sccache.auth_secret_id : '';
    assert.is(id, 'e2e-sccache-aws');
    const seen = logOf('e2e-app', 'secrets.log').map((l) => l.split('\t'));
    const expected = sha256(readFileSync(secretFile));
    assert.ok(
      seen.some(
        ([kind, tool, where, hash]) =>
          kind === 'secret' && tool === 'sccache' && where === `AWS_SHARED_CREDENTIALS_FILE=/run/secrets/${id}` && hash === expected,
      ),
      `sccache never read the secret ${id}; it saw:\n${seen.map((s) => s.join(' ')).join('\n') || '(nothing)'}`,
    );
    assert.not.ok(
      seen.some(([kind]) => kind === 'secret-unreadable'),
      'a credentials file was present but unreadable',
    );
    const calls = logOf('e2e-app', 'calls.log');
    assert.ok(
      calls.some((l) => /^sccache\t.*\trustc /.test(l)),
      'cargo compiled through RUSTC_WRAPPER=sccache',
    );
    assert.ok(
      calls.some((l) => /^cargo\t\/lamina\/recipe\tchef cook /.test(l)),
      calls.join('\n'),
    );
  });

  test('the secret is in no image layer, config, history or anywhere in the image store', () => {
    const images = [...built.values()].flatMap((b) => [b.image, ...[...b.stages.values()].map((s) => s.image)]);
    for (const image of new Set(images)) {
      const { layout, layers: exported } = exportOnce(image);
      for (const value of [canary.secret, canary.keyId]) {
        assert.equal(Buildah.blobsContaining(layout, value), [], `${image} carries the sccache secret`);
      }
      for (const h of exported.config.history ?? []) assert.not.ok(`${h.created_by}${h.comment ?? ''}`.includes(canary.secret), `history of ${image}`);
      assert.not.ok(JSON.stringify(buildah.inspect(image)).includes(canary.secret), `buildah inspect ${image}`);
    }
    // Every layer of every image buildah stored, intermediate ones included.
    const grep = spawnSync('grep', ['-rlF', '--', canary.secret, join(buildah.dir, 'storage')], { encoding: 'utf8' });
    assert.is(grep.status, 1, `the secret is stored in:\n${grep.stdout}${grep.stderr}`);
  });

  test('a layer on scratch holds its artifact alone, with no entrypoint', () => {
    const only = (layer: string, artifacts: readonly string[]): void => {
      const { files, exported } = need(layer);
      const allowed = (f: string) => artifacts.some((a) => f === a || f.startsWith(`${a}/`) || a.startsWith(`${f}/`));
      assert.equal(
        files.filter((f) => !allowed(f)),
        [],
        `${layer} holds more than its artifact`,
      );
      for (const a of artifacts) assert.ok(files.includes(a), `${layer} holds ${a}`);
      assert.is(exported.config.config?.Entrypoint, undefined);
      assert.is(exported.config.config?.Cmd, undefined);
    };
    only('e2e-fakelib', ['/opt/lamina/e2e-fakelib']);
    const outputs = catalog.layer('e2e-app')!.directives;
    assert.is(outputs.class, 'source-dep');
    only('e2e-app', outputs.class === 'source-dep' ? outputs.outputs : []);
    const app = need('e2e-app').files;
    assert.ok(app.includes('/lamina/recipe/target/release/deps/libstub_dep.rlib'), 'the cooked dependencies');
    // The recipe's crates (sources and .crate files) are in the image; the index and anything a
    // builder downloaded before stay on the cache mount.
    assert.ok(app.includes('/usr/local/cargo/registry/src/stub/stub-dep-1.0.0/lib.rs'), 'the extracted sources');
    assert.ok(app.includes('/usr/local/cargo/registry/cache/stub/stub-dep-1.0.0.crate'), "the recipe's .crate files");
    assert.not.ok(
      app.some((f) => f.startsWith('/usr/local/cargo/registry/index')),
      'no registry index in the image',
    );
    // The artifact stage carries the cook's environment, so a build FROM the layer reuses it.
    const appConfig = need('e2e-app').exported.config.config?.Env ?? [];
    assert.ok(appConfig.includes('CARGO_TARGET_DIR=/lamina/recipe/target'), String(appConfig));
    const fakelib = need('e2e-fakelib');
    // The native-dep's `exports` travel with the artifact, for consumers that build FROM it.
    assert.ok(fakelib.exported.config.config?.Env?.includes('FAKE_DIR=/opt/lamina/e2e-fakelib'), String(fakelib.exported.config.config?.Env));
    assert.is(Buildah.readFile(fakelib.exported, '/opt/lamina/e2e-fakelib/lib/libfake.a'), '#include "fake.h"\nint fake_answer(void) { return 42; }\n1.0.0\n');
  });

  // `lamina cascade --build --engine buildah` runs the very commands its --dry-run prints. buildah
  // takes this test's private store and isolation from the environment (containers-storage.conf,
  // BUILDAH_ISOLATION), the sccache secret from the variable the bake file names.
  const cascade = (args: readonly string[]) => {
    const conf = join(work, 'storage.conf');
    writeFileSync(conf, `[storage]\ndriver = "vfs"\ngraphroot = "${join(buildah.dir, 'storage')}"\nrunroot = "${join(buildah.dir, 'run')}"\n`);
    const r = spawnSync(process.execPath, [join(REPO, 'packages/catalog/bin/lamina.js'), 'cascade', '--root', root, ...args], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      env: {
        ...process.env,
        CONTAINERS_STORAGE_CONF: conf,
        BUILDAH_ISOLATION: 'chroot',
        TMPDIR: join(buildah.dir, 'tmp'),
        LAMINA_SECRET_E2E_SCCACHE_AWS: secretFile,
        NO_COLOR: '1',
      },
    });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  };

  test('lamina cascade --build --engine buildah rebuilds a changed layer and its descendants, wave by wave', () => {
    need('e2e-app'); // every parent image exists: e2e-rust is provided, not rebuilt
    const r = cascade(['--changed', 'e2e-fakelib', '--build', '--engine', 'buildah']);
    assert.is(r.code, 0, r.out.slice(-3000));
    assert.match(r.out, /lamina: wave 0: e2e-fakelib\n[\s\S]*lamina: wave 1: e2e-app\n/);
    assert.match(r.out, /built 2 layers in 2 waves: e2e-fakelib e2e-app/);
    assert.not.match(r.out, /COMMIT localhost\/lamina-e2e\/e2e-rust/, 'the provided parent was rebuilt');
  });

  test('lamina cascade --engine buildah --push: each rebuilt layer is pushed; its children take it from the registry by content tag', async () => {
    if (!hasRegistry) {
      if (CI) assert.unreachable('docker-registry is not installed: .ci/run must run scripts/ci-registry.sh');
      console.log('tests/e2e: docker-registry is not installed; skipping the push cascade');
      return;
    }
    need('e2e-app');
    const dir = join(work, 'registry');
    mkdirSync(dir, { recursive: true });
    const port = await freePort();
    const registry = await startRegistry(dir, port, false);
    try {
      const target = `http://127.0.0.1:${port}/lamina-e2e`;
      const args = ['--changed', 'e2e-fakelib', '--build', '--engine', 'buildah', '--push', '--registry', target];
      const plan = cascade([...args, '--dry-run']);
      const fakelib = catalog.layer('e2e-fakelib')!;
      // The content tag is pushed first, its digest kept; the child pins its parent to that digest.
      assert.match(
        plan.out,
        `buildah push --tls-verify=false --digestfile "$DIGESTS/e2e-fakelib" localhost/lamina-e2e/e2e-fakelib:fp-${fakelib.fingerprint} docker://127.0.0.1:${port}/lamina-e2e/e2e-fakelib:fp-${fakelib.fingerprint}\n`,
      );
      assert.match(
        plan.out,
        `--build-context localhost/lamina-e2e/e2e-fakelib:1.0.0=docker-image://127.0.0.1:${port}/lamina-e2e/e2e-fakelib:fp-${fakelib.fingerprint}@"$(cat "$DIGESTS/e2e-fakelib")"`,
      );
      // The commands it printed, run: e2e-app is built on the e2e-fakelib just pushed, pulled back by digest.
      const r = cascade(args);
      assert.is(r.code, 0, r.out.slice(-3000));
      assert.match(
        r.out,
        new RegExp(`Trying to pull 127\\.0\\.0\\.1:${port}/lamina-e2e/e2e-fakelib(:fp-[0-9a-f]{64})?@sha256:[0-9a-f]{64}`),
        'e2e-app pulled its parent from the registry by digest',
      );
      const status = spawnSync(process.execPath, [join(REPO, 'packages/catalog/bin/lamina.js'), '--root', root, '--json', 'status', '--registry', target], {
        encoding: 'utf8',
      });
      assert.is(status.status, 0, status.stderr);
      const states = Object.fromEntries((JSON.parse(status.stdout).layers as { name: string; state: string }[]).map((l) => [l.name, l.state]));
      assert.equal(states, { 'e2e-app': 'built', 'e2e-fakelib': 'built', 'e2e-rust': 'missing' });
    } finally {
      registry.kill();
    }
  });

  test('lamina cascade --build stops at the first failing wave and reports what was not built', () => {
    const dockerfile = join(root, 'generated/dockerfiles/e2e-fakelib.Dockerfile');
    const original = readFileSync(dockerfile, 'utf8');
    writeFileSync(dockerfile, original.replace(/^RUN /m, 'RUN false && '));
    try {
      const r = cascade(['--changed', 'e2e-fakelib', '--build', '--engine', 'buildah']);
      assert.is(r.code, 1, r.out.slice(-3000));
      assert.match(r.out, /lamina: wave 0 failed: buildah bud/);
      assert.match(r.out, /built: \(nothing\)\nnot built: e2e-fakelib e2e-app/);
      assert.not.match(r.out, /lamina: wave 1:/);
    } finally {
      writeFileSync(dockerfile, original);
    }
  });

  test('the native-dep refuses a source tarball whose sha256 differs from the pin', () => {
    need('e2e-rust'); // its build base; the download fails before anything of e2e-fakelib's own runs
    const target = bake!.target['e2e-fakelib']!;
    const www = join(work, 'tampered-www');
    mkdirSync(www, { recursive: true });
    const source = fixture.served.find((s) => s.url.endsWith('.tar'))!;
    writeFileSync(join(www, sha256(source.url)), Buffer.concat([source.bytes, Buffer.from('tampered')]));
    const context = join(root, target.context);
    const r = buildah.build({
      dockerfile: resolve(context, target.dockerfile),
      context,
      tags: ['localhost/lamina-e2e-tampered/e2e-fakelib:1'],
      volumes: [{ host: www, container: '/e2e-www' }],
      noCache: true,
    });
    assert.not.ok(r.ok, 'the build accepted a tampered tarball');
    assert.match(r.output, /FAILED|did NOT match/);
  });

  // LAMINA_E2E_TIMES=1 prints each step's wall time (no assertion depends on time).
  if (process.env.LAMINA_E2E_TIMES === '1') {
    let started = 0;
    test.before.each((ctx) => {
      started = performance.now();
      void ctx;
    });
    test.after.each((ctx) => {
      console.log(`\n  ${((performance.now() - started) / 1000).toFixed(1)} s  ${ctx.__test__}`);
    });
  }

  test.after(() => {
    if (keep) {
      console.log(`tests/e2e: kept ${work} (buildah store, logs) and ${root}`);
      return;
    }
    rmSync(work, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  });

  test.run();
}

/** The stages of a Dockerfile: base, name and the instructions up to the next FROM. */
function stagesOf(dockerfile: string): { from: string; name: string | undefined; body: string }[] {
  const starts = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?\s*$/gim)];
  return starts.map((m, i) => ({
    from: m[1]!,
    name: m[2],
    body: dockerfile.slice(m.index!, i + 1 < starts.length ? starts[i + 1]!.index : undefined),
  }));
}

/** The end of buildah's output: the failing step and its error, without the whole log. */
function tail(output: string, lines = 30): string {
  const all = output.trimEnd().split('\n');
  return (all.length > lines ? ['…', ...all.slice(-lines)] : all).join('\n');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
