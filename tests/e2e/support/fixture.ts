/**
 * The fixture catalog, made whole in a temporary root: `tests/e2e/fixture/layers` plus the
 * repository's `schemas/` and `templates/` (copied, so the test always uses the current ones), and
 * `layers/pins.ncl` with the sha256 of the two files the stub curl serves — the stub rustup-init
 * and a fakelib source tarball made here, byte for byte the same on every run — and the digest of
 * the stand-in base image. The generated Dockerfiles then check those downloads for real, and
 * FROM names the base by tag and digest as the shipped catalog does.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const E2E = join(REPO, 'tests/e2e');
/** Must match `downloads` in fixture/layers/catalog.ncl. */
export const DOWNLOADS = 'https://downloads.lamina-e2e.invalid';

export interface Served {
  url: string;
  bytes: Buffer;
}

export interface FixtureRoot {
  root: string;
  /** Pins the external base by the digest of the stand-in just built (`tag@sha256:…`). */
  pinBase(digest: string): void;
  /** Files the stub curl serves, by URL. */
  served: Served[];
  fakelibTarball: Buffer;
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function makeFixtureRoot(): FixtureRoot {
  const root = mkdtempSync(join(tmpdir(), 'lamina-e2e-root-'));
  cpSync(join(E2E, 'fixture'), root, { recursive: true });
  cpSync(join(REPO, 'schemas'), join(root, 'schemas'), { recursive: true });
  cpSync(join(REPO, 'templates'), join(root, 'templates'), { recursive: true });

  const rustupInit = readFileSync(join(E2E, 'stubs/rustup-init'));
  const fakelibTarball = fakelibSource();
  const pinBase = (digest: string): void =>
    writeFileSync(
      join(root, 'layers/pins.ncl'),
      `# Written by tests/e2e/support/fixture.ts.\n{\n  base_digest = "${digest}",\n  rustup_init_sha256 = "${sha256(rustupInit)}",\n  fakelib_sha256 = "${sha256(fakelibTarball)}",\n}\n`,
    );
  // Until the stand-in base exists its digest is unknown; the graph does not depend on it.
  pinBase(`sha256:${'0'.repeat(64)}`);
  return {
    root,
    pinBase,
    fakelibTarball,
    served: [
      { url: `${DOWNLOADS}/rustup/x86_64/rustup-init`, bytes: rustupInit },
      { url: `${DOWNLOADS}/rustup/aarch64/rustup-init`, bytes: rustupInit },
      { url: `${DOWNLOADS}/fakelib/fakelib-1.0.0.tar`, bytes: fakelibTarball },
    ],
  };
}

/**
 * The fakelib 1.0.0 release: a ustar archive with one top folder, as upstream tarballs are. Not
 * compressed: the stand-in's busybox tar does not recognise gzip without `-z` (GNU tar does).
 */
export function fakelibSource(): Buffer {
  return ustar([
    ['fakelib-1.0.0/', null],
    ['fakelib-1.0.0/VERSION', '1.0.0\n'],
    ['fakelib-1.0.0/include/', null],
    ['fakelib-1.0.0/include/fake.h', 'int fake_answer(void);\n'],
    ['fakelib-1.0.0/src/', null],
    ['fakelib-1.0.0/src/fake.c', '#include "fake.h"\nint fake_answer(void) { return 42; }\n'],
  ]);
}

/** A minimal POSIX ustar archive (directories when the content is null), fixed mtime and owner. */
function ustar(entries: readonly (readonly [string, string | null])[]): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, content] of entries) {
    const body = content === null ? Buffer.alloc(0) : Buffer.from(content);
    const h = Buffer.alloc(512);
    h.write(name, 0, 100, 'utf8');
    h.write(content === null ? '0000755\0' : '0000644\0', 100);
    h.write('0000000\0', 108); // uid
    h.write('0000000\0', 116); // gid
    h.write(body.length.toString(8).padStart(11, '0') + '\0', 124);
    h.write('00000000000\0', 136); // mtime: the epoch
    h.write('        ', 148); // checksum field counts as spaces while summing
    h.write(content === null ? '5' : '0', 156);
    h.write('ustar\0' + '00', 257);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    blocks.push(h, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}
