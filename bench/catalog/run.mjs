// The catalog benchmark: synthetic catalogs of 100, 1,000 and 10,000 layers (in .bench-tmp/,
// gitignored), each loaded and validated in a fresh process; wall and CPU time beside each other
// because the machine may be shared. Prints a Markdown table for RESULTS.md.
//
//   pnpm exec tsc -b packages/nickel packages/catalog && node bench/catalog/run.mjs [--sizes 100,1000] [--runs 3] [--gen]
import { execFileSync } from 'node:child_process';
import { appendFileSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { synthesise } from './synth.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('--sizes', '100,1000,10000').split(',').map(Number);
const runs = Number(arg('--runs', '3'));
const gen = process.argv.includes('--gen');

const rows = [];
for (const n of sizes) {
  const dir = join(REPO, '.bench-tmp/catalog', String(n));
  synthesise(n, dir);
  // Warm the validator cache once (the first run on a machine compiles the schemas).
  execFileSync(process.execPath, [join(REPO, 'bench/catalog/measure.mjs'), join(REPO, '.bench-tmp/catalog', String(sizes[0]))]);
  const samples = [];
  for (let r = 0; r < (n >= 10000 ? 1 : runs); r++) {
    const out = execFileSync(process.execPath, [join(REPO, 'bench/catalog/measure.mjs'), dir, ...(gen && r === 0 ? ['--gen'] : [])], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    samples.push(JSON.parse(out.trim().split('\n').pop()));
  }
  // Warm: the evaluation cache populated by one load, then a load with nothing changed, then a
  // load after one layer's workflow changed (the pre-commit case).
  const cacheDir = join(REPO, '.bench-tmp/catalog-cache', String(n));
  rmSync(cacheDir, { recursive: true, force: true });
  const measure = (...extra) =>
    JSON.parse(execFileSync(process.execPath, [join(REPO, 'bench/catalog/measure.mjs'), dir, ...extra], { encoding: 'utf8', maxBuffer: 1 << 24 }).trim().split('\n').pop());
  measure('--cache', cacheDir);
  const warm = measure('--cache', cacheDir);
  appendFileSync(join(dir, 'layers', 'lib-' + String(Math.max(2, Math.ceil(n / 100))).padStart(String(n).length, '0'), 'workflow.ncl'), '# touched\n');
  const oneChanged = measure('--cache', cacheDir);
  console.error(`${n} warm: ${JSON.stringify(warm)} one changed: ${JSON.stringify(oneChanged)}`);
  const best = samples.reduce((a, b) => (b.loadCpuMs < a.loadCpuMs ? b : a));
  const withGen = samples.find((s) => s.genWallMs !== undefined || s.genError);
  rows.push({ n, best, withGen, warm, oneChanged, median: samples.map((s) => s.loadWallMs).sort((a, b) => a - b)[Math.floor(samples.length / 2)] });
  console.error(`${n}: ${JSON.stringify(samples)}`);
}

const fmt = (ms) => (ms === undefined ? '—' : ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; best of ${runs} by CPU time\n`);
console.log('| layers | edges | waves | load+validate wall | CPU (user+sys) | wall (median) | peak RSS | cached: CPU | cached, 1 layer changed: CPU | generate wall | generate CPU |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const { n, best, withGen, warm, oneChanged, median } of rows) {
  const g = withGen?.genError ? `error: ${withGen.genError.slice(0, 40)}` : fmt(withGen?.genWallMs);
  console.log(
    `| ${n.toLocaleString('en')} | ${best.edges} | ${best.waves} | ${fmt(best.loadWallMs)} | ${fmt(best.loadCpuMs)} | ${fmt(median)} | ${best.peakRssMb} MB | ${fmt(warm.loadCpuMs)} | ${fmt(oneChanged.loadCpuMs)} | ${g} | ${fmt(withGen?.genCpuMs)} |`,
  );
}
if (rows.length >= 2) {
  const byN = new Map(rows.map((r) => [r.n, r.best.loadCpuMs]));
  if (byN.has(1000) && byN.has(10000)) console.log(`\ngrowth 10k/1k (CPU): ${(byN.get(10000) / byN.get(1000)).toFixed(1)}`);
  if (byN.has(100) && byN.has(1000)) console.log(`growth 1k/100 (CPU): ${(byN.get(1000) / byN.get(100)).toFixed(1)}`);
}
