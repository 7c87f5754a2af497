// The site benchmark: `lamina site` as users run it (the bin, whole processes) on the shipped
// catalog and on the 1,000-layer synthetic catalog of bench/catalog/synth.mjs, each into a fresh
// folder, with the evaluation cache warm (what the CLI does by default) and with --no-cache.
// Wall and CPU time (user + system, every thread) and peak RSS from GNU time; the machine's load
// average beside them, since wall time on a shared machine says more about the others than about us.
// Prints a Markdown table for RESULTS.md.
//
//   pnpm build && node bench/site/run.mjs [--runs 3] [--sizes 1000]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { binNodeFlags } from '../bin-flags.mjs';
import { synthesise } from '../catalog/synth.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg('--runs', '3'));
const sizes = arg('--sizes', '1000').split(',').map(Number);
const LAMINA = join(REPO, 'packages/catalog/bin/lamina.js');
const TIME = '/usr/bin/time';
if (!existsSync(TIME)) throw new Error('GNU time is needed (apt-get install time)');

function once(root, extra) {
  const out = mkdtempSync(join(tmpdir(), 'lamina-site-bench-'));
  try {
    const r = spawnSync(TIME, ['-f', '%e %U %S %M', process.execPath, ...binNodeFlags(LAMINA), LAMINA, 'site', '--root', root, '--out', out, ...extra], {
      encoding: 'utf8',
      env: { ...process.env, LAMINA_CACHE_DIR: join(REPO, '.bench-tmp/site-cache') },
    });
    if (r.status !== 0) throw new Error(`lamina site failed: ${r.stderr}`);
    const [wall, user, sys, rss] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
    return { wall, cpu: user + sys, rss: rss / 1024, load: loadavg()[0] };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
const catalogs = [['shipped (14 layers)', REPO]];
for (const n of sizes) {
  const dir = join(REPO, `.bench-tmp/site/${n}`);
  if (!existsSync(join(dir, 'layers'))) synthesise(n, dir);
  catalogs.push([`synthetic ${n.toLocaleString('en')}`, dir]);
}
for (const [label, root] of catalogs) {
  once(root, []); // warms the evaluation cache
  for (const [mode, extra] of [
    ['warm cache', []],
    ['--no-cache', ['--no-cache']],
  ]) {
    const ms = Array.from({ length: runs }, () => once(root, extra));
    rows.push(
      `| ${label} | ${mode} | ${median(ms.map((m) => m.cpu)).toFixed(2)} s | ${median(ms.map((m) => m.wall)).toFixed(2)} s | ${Math.round(median(ms.map((m) => m.rss)))} MB | ${median(ms.map((m) => m.load)).toFixed(1)} |`,
    );
    console.error(rows[rows.length - 1]);
  }
}
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
console.log(`\n${runs} runs each (median), commit ${commit}, node ${process.version}:\n`);
console.log('| catalog | evaluation | CPU (user+sys) | wall | peak RSS | load average (2 cores) |');
console.log('|---|---|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
