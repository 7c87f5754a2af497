/**
 * The stand-in for the fixture's external base (`localhost/lamina-e2e/debian:stub-1`): a static
 * busybox with its applets, and stubs of the tools the generated Dockerfiles call (apt-get, curl,
 * bash; rustup-init, rustup, rustc, cargo, cargo-chef and sccache for the toolchain to
 * install), plus the files the stub curl serves, keyed by the sha256 of their URL. Everything is a
 * few megabytes, so vfs copies stay cheap.
 *
 * Debian's busybox-static runs its own applets in preference to PATH (FEATURE_SH_STANDALONE), so a
 * stub can only stand in for a command busybox lacks (curl, apt-get, bash, the Rust tools); tar,
 * wget, sha256sum are busybox's own. That is why the fixture's source tarball is not compressed:
 * busybox tar, unlike GNU tar, does not detect gzip by itself.
 */
import { chmodSync, copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Buildah } from './buildah.js';
import { E2E, sha256, type Served } from './fixture.js';

export const STANDIN_BASE = 'localhost/lamina-e2e/debian:stub-1';
/** Present only in the stand-in base: a child holding it was built on the stand-in. */
export const STANDIN_MARKER = '/etc/lamina-e2e-standin';
/** Stubs of the distro's commands that busybox does not have. */
const DISTRO_STUBS = ['apt-get', 'curl'];

export function buildStandinBase(buildah: Buildah, served: readonly Served[], busybox = '/bin/busybox'): void {
  const ctx = join(buildah.dir, 'standin');
  mkdirSync(join(ctx, 'stubs'), { recursive: true });
  mkdirSync(join(ctx, 'www'), { recursive: true });
  copyFileSync(busybox, join(ctx, 'busybox'));
  chmodSync(join(ctx, 'busybox'), 0o755);
  for (const name of readdirSync(join(E2E, 'stubs'))) {
    copyFileSync(join(E2E, 'stubs', name), join(ctx, 'stubs', name));
    chmodSync(join(ctx, 'stubs', name), name.endsWith('.sh') ? 0o644 : 0o755);
  }
  for (const s of served) writeFileSync(join(ctx, 'www', sha256(s.url)), s.bytes);
  const links = DISTRO_STUBS.map((t) => `ln -s /usr/share/lamina-e2e/stubs/${t} /usr/bin/${t}`).join(' && ');
  writeFileSync(
    join(ctx, 'Containerfile'),
    [
      'FROM scratch',
      'COPY busybox /bin/busybox',
      'RUN ["/bin/busybox", "sh", "-c", "/bin/busybox --install -s /bin && /bin/busybox mkdir -p /usr/bin /usr/sbin /usr/local/bin /usr/local/sbin /sbin /tmp /root /etc /var/lib/apt/lists && /bin/busybox chmod 1777 /tmp"]',
      'COPY stubs/ /usr/share/lamina-e2e/stubs/',
      'COPY www/ /usr/share/lamina-e2e/www/',
      `RUN ${links} \\`,
      ' && ln -s /usr/share/lamina-e2e/stubs/bash /bin/bash \\',
      " && echo 'root:x:0:0:root:/root:/bin/sh' > /etc/passwd && echo 'root:x:0:' > /etc/group \\",
      ` && echo 'stand-in for debian bookworm-slim (lamina e2e)' > ${STANDIN_MARKER}`,
      'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root',
      '',
    ].join('\n'),
  );
  const r = buildah.build({ dockerfile: join(ctx, 'Containerfile'), context: ctx, tags: [STANDIN_BASE] });
  if (!r.ok) throw new Error(`building the stand-in base failed:\n${r.output}`);
}
