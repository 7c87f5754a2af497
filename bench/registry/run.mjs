// `lamina status` over a large catalog against a real registry on loopback: Debian's
// docker-registry (distribution 2.8), with every other layer's content tag pushed by skopeo.
// Whole processes of the built CLI (`lamina status --json --registry http://127.0.0.1:PORT/lamina`),
// the catalog's evaluation cache warm as on a developer's machine.
//
//   pnpm exec tsc -b packages/nickel packages/catalog
//   node bench/registry/run.mjs [--layers 1000] [--runs 5] [--write]
//
// Needs docker-registry and skopeo (scripts/ci-registry.sh). Writes bench/registry/RESULTS.md's
// table with --write.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { synthesise } from '../catalog/synth.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const N = opt('--layers', 1000);
const RUNS = opt('--runs', 5);
const LAMINA = join(REPO, 'packages/catalog/bin/lamina.js');

const work = join(tmpdir(), 'lamina-bench-registry');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const catalog = join(work, 'catalog');
synthesise(N, catalog);

const port = await new Promise((res) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => res(p));
  });
});
writeFileSync(
  join(work, 'config.yml'),
  `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${join(work, 'data')}\nhttp:\n  addr: 127.0.0.1:${port}\n`,
);
const registry = spawn('docker-registry', ['serve', join(work, 'config.yml')], { stdio: 'ignore' });
try {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/v2/`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = `http://127.0.0.1:${port}/lamina`;
  // The fingerprints, from the first status run (which also warms the evaluation cache).
  const first = JSON.parse(
    execFileSync(process.execPath, [LAMINA, '--root', catalog, '--json', 'status', '--registry', url], { encoding: 'utf8', maxBuffer: 64 << 20 }),
  );
  const { writeOciImage } = await import('../../tests/registry/oci.ts').catch(() => ({ writeOciImage: undefined }));
  const image = join(work, 'image');
  if (writeOciImage) writeOciImage(image);
  else
    execFileSync(process.execPath, ['--import', 'tsx', '-e', `import('${join(REPO, 'tests/registry/oci.ts')}').then((m) => m.writeOciImage('${image}'))`], {
      cwd: REPO,
    });
  const pushed = first.layers.filter((_, i) => i % 2 === 0);
  console.log(`pushing ${pushed.length} content tags…`);
  for (const l of pushed) {
    const r = spawnSync('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', `oci:${image}:t`, `docker://${l.ref}`]);
    if (r.status !== 0) throw new Error(`skopeo copy ${l.ref} failed`);
  }
  const times = [];
  let last;
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    last = JSON.parse(
      execFileSync(process.execPath, ['--min-semi-space-size=16', LAMINA, '--root', catalog, '--json', 'status', '--registry', url], {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      }),
    );
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const built = last.layers.filter((l) => l.state === 'built').length;
  if (built !== pushed.length) throw new Error(`status says ${built} built, ${pushed.length} were pushed`);
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const line = `| ${N} | ${built} built, ${N - built} missing | ${(median / 1000).toFixed(2)} s | ${(times[0] / 1000).toFixed(2)} s | ${(times.at(-1) / 1000).toFixed(2)} s |`;
  console.log(`${N} layers: median ${median.toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`);
  if (args.includes('--write')) {
    const file = join(REPO, 'bench/registry/RESULTS.md');
    const text = readFileSync(file, 'utf8');
    const [head, rest] = text.split('<!-- results -->');
    const tail = rest.split('<!-- /results -->')[1];
    const table = [
      `Run: ${new Date().toISOString().slice(0, 10)}, ${RUNS} runs, Node ${process.version}, 2 cores.`,
      '',
      '| layers | registry holds | median | fastest | slowest |',
      '|---:|---|---:|---:|---:|',
      line,
    ].join('\n');
    writeFileSync(file, `${head}<!-- results -->\n${table}\n<!-- /results -->${tail}`);
  }
} finally {
  registry.kill();
}
