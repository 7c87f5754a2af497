// One measurement in a fresh process: load+validate (loadCatalog) of the catalog at ROOT, and
// with --gen also generate() into it. Prints one JSON line: wall and CPU milliseconds, peak RSS.
//
//   node bench/catalog/measure.mjs ROOT [--gen] [--cache DIR]
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const root = process.argv[2];
const withGen = process.argv.includes('--gen');
// --cache DIR: use the evaluation cache in DIR (what the CLI does by default).
const cacheAt = process.argv.indexOf('--cache');
const loadOptions = cacheAt >= 0 ? { cache: true, cacheDir: process.argv[cacheAt + 1] } : {};
const t0 = performance.now();
const c0 = cpu();
const { loadCatalog } = await import('../../packages/catalog/dist/index.js');
const catalog = loadCatalog(root, loadOptions);
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
if (withGen) {
  try {
    const { generate } = await import('../../packages/catalog/dist/generate/index.js');
    const t2 = performance.now();
    const c2 = cpu();
    const report = await generate(catalog, { root, check: false });
    result.genWallMs = Math.round(performance.now() - t2);
    result.genCpuMs = Math.round(cpu() - c2);
    result.genWritten = report.written.length;
    if (report.diagnostics?.length) result.genDiagnostics = report.diagnostics.slice(0, 3);
  } catch (e) {
    result.genError = String(e.message ?? e);
  }
}
result.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify(result));
