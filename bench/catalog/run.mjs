// The catalog benchmark: synthetic catalogs of 100, 1,000 and 10,000 layers (in .bench-tmp/,
// gitignored), each measured in fresh processes: load+validate (loadCatalogAsync, as the CLI does;
// and loadCatalog in one thread for comparison), generate(), both together, the whole
// `lamina gen --no-cache` process, and loads with the evaluation cache. Wall and CPU time beside
// each other (CPU counts every thread), with a probe of how much of the 2 cores the shared machine
// gives at the time. Prints a Markdown table for RESULTS.md.
//
//   pnpm exec tsc -b packages/nickel packages/catalog && node bench/catalog/run.mjs [--sizes 100,1000] [--runs 3] [--dist DIR]
//
// --dist DIR measures another build of @lamina/catalog (e.g. one of an older commit).
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { binNodeFlags } from '../bin-flags.mjs';
import { synthesise } from './synth.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('--sizes', '100,1000,10000').split(',').map(Number);
const runs = Number(arg('--runs', '3'));
const dist = resolve(arg('--dist', join(REPO, 'packages/catalog/dist')));
const lamina = join(dist, '../bin/lamina.js');
const MEASURE = join(REPO, 'bench/catalog/measure.mjs');
// what the bin's first line gives Node (an older --dist build's bin may give nothing)
const NODE_FLAGS = existsSync(lamina) ? binNodeFlags(lamina) : [];

const measure = (dir, ...extra) =>
  JSON.parse(
    execFileSync(process.execPath, [...NODE_FLAGS, MEASURE, dir, '--dist', dist, ...extra], { encoding: 'utf8', maxBuffer: 1 << 24 })
      .trim()
      .split('\n')
      .pop(),
  );

// generated/ is moved aside before each run and deleted only after the last measurement. Deleting
// it right before a run made the run's 1,003 file creations 5-10x slower: this VM's disk is ext4
// mounted with `discard`, and creating files while the blocks of a thousand just-deleted ones are
// being discarded stalls (same process, same files: 1.0-1.5 s into a just-emptied folder, 0.13-0.25 s
// into a fresh one). That is the machine, not lamina, so no measurement pays for a deletion.
const TRASH = join(REPO, '.bench-tmp/trash');
let trashed = 0;
/** Moves `path` (if it exists) into the trash, deleted after the last measurement. */
function toTrash(path) {
  if (!existsSync(path)) return;
  mkdirSync(TRASH, { recursive: true });
  renameSync(path, join(TRASH, `${process.pid}-${trashed++}`));
}
const clearGenerated = (dir) => toTrash(join(dir, 'generated'));

/** `lamina gen --no-cache` as a whole process, generated/ moved aside first: wall and CPU (ms). */
function wholeGen(dir) {
  clearGenerated(dir);
  const { stderr, status } = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S', process.execPath, ...NODE_FLAGS, lamina, 'gen', '--root', dir, '--no-cache'], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const m = /TIME (\S+) (\S+) (\S+)/.exec(stderr);
  if (status !== 0 || !m) throw new Error(`lamina gen failed (${status}): ${stderr.slice(-500)}`);
  const [, e, u, s] = m;
  return { wallMs: Number(e) * 1000, cpuMs: (Number(u) + Number(s)) * 1000 };
}

/** A fixed busy loop alone, then two at once: their ratio says how many cores the machine gives now. */
function capacity() {
  const spin = `let x=0;const t=Date.now();for(let i=0;i<2e8;i++)x+=i%7;console.log(Date.now()-t)`;
  const alone = Number(execFileSync(process.execPath, ['-e', spin], { encoding: 'utf8' }));
  const both = Number(
    execFileSync(
      process.execPath,
      [
        '-e',
        `const{execFile}=require('child_process');let n=0,m=0;for(let k=0;k<2;k++)execFile(process.execPath,['-e',${JSON.stringify(spin)}],(e,o)=>{m=Math.max(m,Number(o));if(++n===2)console.log(m)})`,
      ],
      { encoding: 'utf8' },
    ),
  );
  return { alone, both, cores: Math.round((2 * alone * 10) / both) / 10 };
}

const min = (xs) => Math.min(...xs.filter((x) => x !== undefined));
const rows = [];
for (const n of sizes) {
  const dir = join(REPO, '.bench-tmp/catalog', String(n));
  // The previous copy goes to the trash too, not into a deletion.
  toTrash(dir);
  synthesise(n, dir);
  // Warm the validator cache once (the first run on a machine compiles the schemas).
  measure(join(REPO, '.bench-tmp/catalog', String(sizes[0])));
  const probe = capacity();
  const k = n >= 10000 ? 1 : runs;
  const samples = [];
  const inThread = [];
  const whole = [];
  for (let r = 0; r < k; r++) {
    clearGenerated(dir);
    samples.push(measure(dir, '--gen'));
    inThread.push(measure(dir, '--in-thread'));
    whole.push(wholeGen(dir));
  }
  // Cached: the evaluation cache populated by one load, then a load with nothing changed, then a
  // load after one layer's workflow changed (the pre-commit case).
  const cacheDir = join(REPO, '.bench-tmp/catalog-cache', String(n));
  rmSync(cacheDir, { recursive: true, force: true });
  measure(dir, '--cache', cacheDir);
  const warm = measure(dir, '--cache', cacheDir);
  appendFileSync(join(dir, 'layers', 'lib-' + String(Math.max(2, Math.ceil(n / 100))).padStart(String(n).length, '0'), 'workflow.ncl'), '# touched\n');
  const oneChanged = measure(dir, '--cache', cacheDir);
  const probeAfter = capacity();
  const row = {
    n,
    edges: samples[0].edges,
    waves: samples[0].waves,
    errors: samples[0].errors + (samples[0].genDiagnostics?.length ?? 0),
    loadWall: min(samples.map((s) => s.loadWallMs)),
    loadCpu: min(samples.map((s) => s.loadCpuMs)),
    threadWall: min(inThread.map((s) => s.loadWallMs)),
    threadCpu: min(inThread.map((s) => s.loadCpuMs)),
    genWall: min(samples.map((s) => s.genWallMs)),
    genCpu: min(samples.map((s) => s.genCpuMs)),
    totalWall: min(samples.map((s) => s.totalWallMs)),
    totalCpu: min(samples.map((s) => s.totalCpuMs)),
    wholeWall: min(whole.map((w) => w.wallMs)),
    wholeCpu: min(whole.map((w) => w.cpuMs)),
    rss: Math.max(...samples.map((s) => s.peakRssMb)),
    warm: warm.loadCpuMs,
    oneChanged: oneChanged.loadCpuMs,
    probe: `${probe.cores}/${probeAfter.cores}`,
  };
  rows.push(row);
  console.error(`${n}: ${JSON.stringify({ samples, inThread, whole, warm, oneChanged, probe, probeAfter })}`);
}

rmSync(TRASH, { recursive: true, force: true });

const fmt = (ms) => (ms === undefined || !Number.isFinite(ms) ? '—' : ms >= 10000 ? `${(ms / 1000).toFixed(1)}` : `${(ms / 1000).toFixed(2)}`);
const pair = (w, c) => `${fmt(w)} / ${fmt(c)}`;
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; build ${dist}; best of ${runs} (wall and CPU each the minimum; 10,000: one run)\n`,
);
console.log('seconds, wall / CPU (CPU = user+sys of every thread); cores = what the machine gave two busy processes before/after (2.0 = both cores)\n');
console.log(
  '| layers | edges | waves | errors | load+validate | same, in one thread | generate | load+generate | `lamina gen` process | cached: CPU | 1 changed: CPU | peak RSS | cores |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.n.toLocaleString('en')} | ${r.edges} | ${r.waves} | ${r.errors} | ${pair(r.loadWall, r.loadCpu)} | ${pair(r.threadWall, r.threadCpu)} | ${pair(r.genWall, r.genCpu)} | ${pair(r.totalWall, r.totalCpu)} | ${pair(r.wholeWall, r.wholeCpu)} | ${fmt(r.warm)} | ${fmt(r.oneChanged)} | ${r.rss} MB | ${r.probe} |`,
  );
}
