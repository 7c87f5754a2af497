// One measurement in a fresh process: load+validate of the catalog at ROOT — loadCatalogAsync,
// what the CLI uses (worker threads on a large catalog), or loadCatalog in this thread with
// --in-thread — and with --gen also generate() into it, the typed-module writer started before
// the load as `lamina gen` does. Prints one JSON line: wall and CPU milliseconds (CPU counts every
// thread of the process), peak RSS.
//
//   node bench/catalog/measure.mjs ROOT [--gen] [--cache DIR] [--in-thread] [--workers N] [--dist DIR]
//
// --dist DIR: the built @lamina/catalog to measure (default packages/catalog/dist; an older build
// without loadCatalogAsync or startTypedModuleWriter is measured as it was: in-thread).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// The V8 setting packages/catalog/bin/lamina.js makes before loading anything, so that these
// figures are the CLI's.
setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');

const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const root = process.argv[2];
const withGen = process.argv.includes('--gen');
const inThread = process.argv.includes('--in-thread');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
// --cache DIR: use the evaluation cache in DIR (what the CLI does by default).
const cacheDir = arg('--cache');
const loadOptions = { ...(cacheDir ? { cache: true, cacheDir } : {}), ...(arg('--workers') ? { workers: Number(arg('--workers')) } : {}) };
const t0 = performance.now();
const c0 = cpu();
const dist = new URL(`${arg('--dist') ? pathToFileURL(resolve(arg('--dist'))).href : new URL('../../packages/catalog/dist', import.meta.url).href}/`);
const { loadCatalog, loadCatalogAsync } = await import(new URL('index.js', dist).href);
const gen = withGen ? await import(new URL('generate/index.js', dist).href) : undefined;
const typedModuleWriter = gen?.startTypedModuleWriter?.();
const catalog = inThread || !loadCatalogAsync ? loadCatalog(root, loadOptions) : await loadCatalogAsync(root, loadOptions);
const t1 = performance.now();
const c1 = cpu();
const result = {
  layers: catalog.layers.length,
  edges: catalog.edges.length,
  waves: catalog.buildWaves().length,
  errors: catalog.diagnostics.filter((d) => d.severity === 'error').length,
  loadWallMs: Math.round(t1 - t0),
  loadCpuMs: Math.round(c1 - c0),
};
if (catalog.diagnostics.length) result.firstDiagnostic = catalog.diagnostics[0];
if (gen) {
  try {
    const report = await gen.generate(catalog, { root, check: false, typedModuleWriter });
    result.genWallMs = Math.round(performance.now() - t1);
    result.genCpuMs = Math.round(cpu() - c1);
    result.totalWallMs = Math.round(performance.now() - t0);
    result.totalCpuMs = Math.round(cpu() - c0);
    result.genWritten = report.written.length;
    if (report.diagnostics?.length) result.genDiagnostics = report.diagnostics.slice(0, 3);
  } catch (e) {
    result.genError = String(e.message ?? e);
  }
}
result.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify(result));
