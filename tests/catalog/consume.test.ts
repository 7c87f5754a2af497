/** `lamina consume` and `lamina suggest` through the CLI: snippets, JSON, exit statuses. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../../packages/catalog/src/cli/run.js';
import { REPO } from './support.js';

async function lamina(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const stream = (append: (s: string) => void) => ({ isTTY: false, write: (c: string) => (append(String(c)), true) }) as unknown as NodeJS.WritableStream;
  const code = await run(['--root', REPO, ...args], { stdout: stream((s) => (stdout += s)), stderr: stream((s) => (stderr += s)), env: {} }, REPO);
  return { code, stdout, stderr };
}

const project = (name: string): string => join(REPO, 'tests/catalog/projects', name);

test('consume a source-dep layer: donor mode by default, the outputs copied', async () => {
  const r = await lamina(['consume', 'rustelo']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^# lamina layer `rustelo` \(source-dep\), fingerprint [0-9a-f]{12}\n/);
  assert.match(r.stdout, /^FROM daoreg\.librecloud\.online\/lamina\/rustelo:1\.88 AS rustelo-deps$/m);
  assert.match(r.stdout, /^COPY --from=rustelo-deps \/usr\/local\/cargo\/registry \/usr\/local\/cargo\/registry$/m);
  assert.match(r.stdout, /native layer\(s\) sqlite/);
  // The cooked target keeps its absolute path; the environment is the cook's, exactly.
  assert.match(r.stdout, /^COPY --from=rustelo-deps \/lamina\/recipe\/target \/lamina\/recipe\/target$/m);
  assert.match(r.stdout, /^ENV CARGO_HOME=\/usr\/local\/cargo \\\n {4}CARGO_INCREMENTAL=0 \\\n {4}CARGO_TARGET_DIR=\/lamina\/recipe\/target \\$/m);
  assert.match(r.stdout, /^ {4}PKG_CONFIG_PATH=\/opt\/lamina\/sqlite\/lib\/pkgconfig \\$/m);
  assert.not.match(r.stdout, /\$\{/);
  assert.match(r.stdout, /^RUN cargo build --release --locked$/m);
});

test('consume a source-dep layer as a base, and a toolchain', async () => {
  const from = await lamina(['consume', 'rustelo', '--mode', 'from']);
  assert.is(from.code, 0);
  assert.match(from.stdout, /^FROM daoreg\.librecloud\.online\/lamina\/rustelo:1\.88 AS builder$/m);
  assert.match(from.stdout, /^# The image passes on: the cooked \/lamina\/recipe\/target \(CARGO_TARGET_DIR\)/m);
  assert.match(from.stdout, /^#   CARGO_TARGET_DIR=\/lamina\/recipe\/target$/m);
  const rust = await lamina(['consume', 'rust']);
  assert.is(rust.code, 0);
  assert.match(rust.stdout, /^FROM daoreg\.librecloud\.online\/lamina\/rust:1\.88\.0 AS builder$/m);
  assert.not.match(rust.stdout, /COPY/);
});

test('consume a native-dep layer: the install prefix and its exports', async () => {
  const r = await lamina(['consume', 'openssl']);
  assert.is(r.code, 0);
  assert.match(r.stdout, /^COPY --from=openssl-prefix \/opt\/lamina\/openssl \/opt\/lamina\/openssl$/m);
  assert.match(r.stdout, /OPENSSL_DIR=\/opt\/lamina\/openssl/);
  const json = await lamina(['--json', 'consume', 'openssl']);
  const v = JSON.parse(json.stdout);
  assert.equal([v.layer, v.class, v.mode, v.image], ['openssl', 'native-dep', 'donor', 'daoreg.librecloud.online/lamina/openssl:3.5.7']);
  assert.match(v.fingerprint, /^[0-9a-f]{64}$/);
});

test('consume: an unknown layer exits 1; impossible mode, bad mode are usage errors (exit 2)', async () => {
  const unknown = await lamina(['consume', 'rusty']);
  assert.is(unknown.code, 1);
  assert.match(unknown.stderr, /no layer `rusty` \(did you mean `rust`\?\)/);
  const toolchainDonor = await lamina(['consume', 'rust', '--mode', 'donor']);
  assert.is(toolchainDonor.code, 2);
  assert.match(toolchainDonor.stderr, /toolchain layer/);
  const nativeFrom = await lamina(['consume', 'openssl', '--mode', 'from']);
  assert.is(nativeFrom.code, 2);
  const bogus = await lamina(['consume', 'rust', '--mode', 'copy']);
  assert.is(bogus.code, 2);
  assert.match(bogus.stderr, /--mode must be `from` or `donor`/);
  for (const r of [unknown, toolchainDonor, nativeFrom, bogus]) assert.not.match(r.stderr, /\n\s+at /);
});

test('suggest: text and JSON on a fixture project; a pinned toolchain mismatch exits 1 unless allowed', async () => {
  const text = await lamina(['suggest', '--project', project('clap-cli')]);
  assert.is(text.code, 0, text.stderr);
  assert.match(text.stdout, /^toolchain {3}rust-musl /m);
  assert.match(text.stdout, /^build {7}profile release, linux\/amd64, --target x86_64-unknown-linux-musl: \d+ dependency units$/m);
  assert.match(text.stdout, /^ {2}cli-tokio +\d+ \/ \d+ {2}\(mostly /m);
  const json = await lamina(['--json', 'suggest', '--project', project('native-heavy'), '--allow-mismatch']);
  assert.is(json.code, 0);
  const v = JSON.parse(json.stdout);
  assert.equal(Object.keys(v).sort(), [
    'basis',
    'build',
    'combined',
    'dependencies',
    'members',
    'nativeDeps',
    'snippet',
    'sourceDeps',
    'toolchain',
    'units',
    'unservedNative',
  ]);
  assert.ok(
    v.sourceDeps.every(
      (d: { score: number; reuse: { units: number; total: number }; total: number }) => d.score === d.reuse.units && d.total === d.reuse.total,
    ),
  );
  const again = await lamina(['--json', 'suggest', '--project', project('native-heavy'), '--allow-mismatch']);
  assert.is(again.stdout, json.stdout);
  const strict = await lamina(['suggest', '--project', project('native-heavy')]);
  assert.is(strict.code, 1);
  assert.match(strict.stderr, /^error: toolchain mismatch: rust-toolchain pins 1\.86\.0/m);
  const badPlatform = await lamina(['suggest', '--project', project('native-heavy'), '--platform', 'windows/amd64']);
  assert.is(badPlatform.code, 2);
});

test('suggest: no --project is a usage error (2); no Cargo.toml and malformed TOML exit 1 with file:line:col', async () => {
  const usage = await lamina(['suggest']);
  assert.is(usage.code, 2);
  const dir = mkdtempSync(join(tmpdir(), 'lamina-consume-'));
  try {
    const none = await lamina(['suggest', '--project', dir]);
    assert.is(none.code, 1);
    assert.is(
      none.stderr.split('\n')[0],
      `${relative(process.cwd(), join(dir, 'Cargo.toml'))}:1:1: no Cargo.toml here: \`--project\` must name the root of a Cargo package or workspace [project-manifest]`,
    );
    writeFileSync(join(dir, 'Cargo.toml'), '[package]\nname = "x"\nedition = \n');
    const bad = await lamina(['suggest', '--project', dir]);
    assert.is(bad.code, 1);
    assert.match(bad.stderr, /Cargo\.toml:3:\d+: invalid TOML: .* \[project-toml\]\n$/);
    assert.not.match(bad.stderr, /\n\s+at /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
