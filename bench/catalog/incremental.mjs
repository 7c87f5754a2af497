// Warm runs on a synthetic catalog, as an author meets them: whole `lamina` processes (Node's
// start included) with the lamina cache warm — `gen` and `gen --check` with nothing changed (the
// stamp answers), `validate` (the evaluation cache and the render memo answer), and `gen` after a
// change to one leaf layer. Each figure is the median of --runs processes; prints a Markdown table
// for RESULTS.md ("Warm runs").
//
//   pnpm exec tsc -b packages/nickel packages/catalog && node bench/catalog/incremental.mjs [--layers 1000] [--runs 5]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { binNodeFlags } from '../bin-flags.mjs';
import { synthesise } from './synth.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('--layers', 1000);
const RUNS = arg('--runs', 5);
const LAMINA = join(REPO, 'packages/catalog/bin/lamina.js');
const work = mkdtempSync(join(tmpdir(), 'lamina-bench-incremental-'));
const root = join(work, 'catalog');
const env = { ...process.env, LAMINA_CACHE_DIR: join(work, 'cache') };
synthesise(N, root);

function lamina(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...binNodeFlags(LAMINA), LAMINA, ...args, '--root', root], { env, encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0 && !(args[0] === 'gen' && args.includes('--check'))) throw new Error(`lamina ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return { wall, out: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const measure = (label, args, before = () => {}) => {
  const walls = [];
  for (let i = 0; i < RUNS; i++) {
    before(i);
    walls.push(lamina(args).wall);
  }
  return { label, median: median(walls), min: Math.min(...walls), max: Math.max(...walls) };
};

lamina(['gen']);
lamina(['gen']);
lamina(['validate']);
// A leaf: a layer no other layer builds on, so one changed Dockerfile (and the bake files).
const graph = JSON.parse(spawnSync(process.execPath, [LAMINA, '--json', 'graph', '--root', root], { env, encoding: 'utf8' }).stdout);
const parents = new Set(graph.edges.map((e) => e.from));
const leaf = graph.nodes.map((n) => n.name).find((n) => !parents.has(n));
const leafFile = join(root, 'layers', leaf, 'build_directives.ncl');
const original = readFileSync(leafFile, 'utf8');

const rows = [
  measure('`lamina gen`, nothing changed', ['gen']),
  measure('`lamina gen --check`, nothing changed', ['gen', '--check']),
  measure('`lamina validate`, nothing changed', ['validate']),
  measure(`\`lamina gen\` after one leaf layer's summary changed (${leaf})`, ['gen'], (i) =>
    writeFileSync(leafFile, original.replace(/summary = "/, `summary = "v${i} `)),
  ),
];
rmSync(work, { recursive: true, force: true });
console.log(`| ${N} layers, warm cache | median | fastest | slowest |\n|---|---:|---:|---:|`);
for (const r of rows) console.log(`| ${r.label} | ${(r.median / 1000).toFixed(2)} s | ${(r.min / 1000).toFixed(2)} s | ${(r.max / 1000).toFixed(2)} s |`);
