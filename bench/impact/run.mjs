// The impact benchmark: `impactOf` over two synthetic 10,000-layer catalogs, one deep (a chain
// 10,000 waves long, each layer also taking a donor two steps up) and one wide (one toolchain, 99
// native-deps on it, 9,900 source-deps with two donors each: 3 waves). The catalog is built in
// memory (the Catalog interface over the real LayerGraph, as loadCatalog builds it), because the
// query is what is measured, not Nickel loading (bench/catalog measures that). Every layer
// imports layers/catalog.ncl and schemas/contracts.ncl, as the shipped layers do.
//
//   pnpm exec tsc -b packages/nickel packages/catalog && node bench/impact/run.mjs [--runs 50]
import { performance } from 'node:perf_hooks';
import { impactOf, LayerGraph } from '../../packages/catalog/dist/index.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg('--runs', '50'));
const only = new RegExp(arg('--only', '.'));
const N = 10_000;
const TEMPLATES = {
  toolchain: ['templates/dockerfile/partials/env.hbs', 'templates/dockerfile/toolchain.hbs'],
  'source-dep': ['templates/dockerfile/partials/env.hbs', 'templates/dockerfile/source-dep.hbs'],
  'native-dep': ['templates/dockerfile/native-dep.hbs', 'templates/dockerfile/partials/env.hbs'],
};

/** A Catalog (the parts impact reads) from layer specs `{ name, class, edges: [[from, role]] }`. */
function catalogOf(specs) {
  const edges = specs.flatMap((s) => s.edges.map(([from, role]) => ({ from, to: s.name, kind: 'FlowsTo', role })));
  const graph = new LayerGraph(
    specs.map((s) => s.name),
    edges,
  );
  const layers = specs.map((s) => ({ name: s.name, class: s.class, dir: `layers/${s.name}`, templateFiles: TEMPLATES[s.class] }));
  const byName = new Map(layers.map((l) => [l.name, l]));
  const importGraph = new Map([
    ['layers/catalog.ncl', ['schemas/contracts.ncl']],
    ['schemas/contracts.ncl', ['schemas/contracts/build.ncl']],
  ]);
  for (const s of specs) {
    importGraph.set(`layers/${s.name}/build_directives.ncl`, ['layers/catalog.ncl', 'schemas/contracts.ncl']);
    importGraph.set(`layers/${s.name}/workflow.ncl`, ['layers/catalog.ncl', 'schemas/contracts.ncl']);
  }
  graph.buildOrder(); // loadCatalog computes (and the graph caches) the order while fingerprinting
  return {
    layers,
    edges,
    importGraph,
    layer: (n) => byName.get(n),
    parents: (n) => graph.parents(n),
    children: (n) => graph.children(n),
    buildOrder: () => graph.buildOrder(),
    buildWaves: () => graph.buildWaves(),
  };
}

const pad = (i) => String(i).padStart(5, '0');
const deep = catalogOf(
  Array.from({ length: N }, (_, i) => ({
    name: `d${pad(i)}`,
    class: i === 0 ? 'toolchain' : 'native-dep',
    edges:
      i === 0
        ? []
        : i === 1
          ? [[`d${pad(0)}`, 'build_base']]
          : [
              [`d${pad(i - 1)}`, 'build_base'],
              [`d${pad(i - 2)}`, 'donor'],
            ],
  })),
);
const wide = catalogOf([
  { name: 'w-root', class: 'toolchain', edges: [] },
  ...Array.from({ length: 99 }, (_, i) => ({ name: `w-n${pad(i)}`, class: 'native-dep', edges: [['w-root', 'build_base']] })),
  ...Array.from({ length: N - 100 }, (_, i) => ({
    name: `w-s${pad(i)}`,
    class: 'source-dep',
    edges: [
      ['w-root', 'build_base'],
      [`w-n${pad(i % 99)}`, 'donor'],
      [`w-n${pad((i * 7 + 3) % 99)}`, 'donor'],
    ],
  })),
]);

const cases = [
  ['deep', deep, 'root layer named', { layers: ['d00000'] }],
  ['deep', deep, 'middle layer named', { layers: ['d05000'] }],
  ['deep', deep, 'file in the last layer', { paths: ['layers/d09999/recipe/Cargo.toml'] }],
  ['deep', deep, 'layers/catalog.ncl (imported by all)', { paths: ['layers/catalog.ncl'] }],
  ['deep', deep, 'schemas/contracts/build.ncl (transitive)', { paths: ['schemas/contracts/build.ncl'] }],
  ['wide', wide, 'root layer named', { layers: ['w-root'] }],
  ['wide', wide, 'one native-dep named', { layers: ['w-n00042'] }],
  ['wide', wide, 'layers/catalog.ncl (imported by all)', { paths: ['layers/catalog.ncl'] }],
  ['wide', wide, 'template partial (every layer)', { paths: ['templates/dockerfile/partials/env.hbs'] }],
  ['wide', wide, 'schemas/workflow.schema.json', { paths: ['schemas/workflow.schema.json'] }],
];

console.log(`| graph | change | affected | waves | wall: median | wall: p95 | CPU: median | CPU: p95 |`);
console.log(`|---|---|---:|---:|---:|---:|---:|---:|`);
for (const [graphName, catalog, label, changes] of cases) {
  if (!only.test(`${graphName} ${label}`)) continue;
  let result;
  for (let i = 0; i < 5; i++) result = impactOf(catalog, changes); // warm-up (JIT)
  const samples = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = impactOf(catalog, changes);
    samples.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const ms = (x) => `${x.toFixed(1)} ms`;
  console.log(
    `| ${graphName} | ${label} | ${result.affected.length.toLocaleString('en')} | ${result.waves.length.toLocaleString('en')} | ${ms(samples[Math.floor(runs / 2)])} | ${ms(samples[Math.floor(runs * 0.95)])} | ${ms(cpu[Math.floor(runs / 2)])} | ${ms(cpu[Math.floor(runs * 0.95)])} |`,
  );
}
