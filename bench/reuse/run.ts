/**
 * Reuse on real-world projects: `suggest`'s prediction for each fixture of
 * tests/catalog/projects/real/ (public projects' Cargo.toml and Cargo.lock, sources stubbed), and
 * for the measured pairs, what real cargo does: the layer's recipe is cooked on the host exactly as
 * its generated Dockerfile says (tests/reuse/support.ts), then the project's dependencies are
 * built twice — from the cooked target directory with the consumption environment, and from an
 * empty one — and `cargo build --message-format=json` says which units were Fresh.
 *
 *   node --conditions=source --import tsx bench/reuse/run.ts [--measure xh:cli-tokio,rustgrpcdemo:grpc-stack] [--no-measure] [--write]
 *
 * Needs cargo, cargo-chef, pkg-config, libssl-dev, zlib1g-dev and libsqlite3-dev (the stand-ins
 * for the native layers' prefixes are made from the host's libraries) and crates.io. `--write`
 * replaces the tables of bench/reuse/RESULTS.md between its markers.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog, suggestFor, consumptionPlan, type Suggestion } from '../../packages/catalog/src/index.js';
import { inheritedEnv } from '../../packages/catalog/src/generate/refs.js';
import { bash, cookOnHost, countFresh, hostEnv, reroot } from '../../tests/reuse/support.js';

const REPO = join(import.meta.dirname, '../..');
const FIXTURES = join(REPO, 'tests/catalog/projects/real');
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
// `recipe=LAYER` is the layer's own recipe as the consumer: the case every dependency is cooked for.
const pairs = args.includes('--no-measure')
  ? []
  : (flag('--measure') ?? 'xh:cli-tokio,rustgrpcdemo:grpc-stack,recipe=cli-tokio:cli-tokio').split(',').map((p) => p.split(':') as [string, string]);
const projectDir = (fixture: string): string => (fixture.startsWith('recipe=') ? join(REPO, 'layers', fixture.slice(7), 'recipe') : join(FIXTURES, fixture));

const catalog = loadCatalog(REPO);
if (!catalog.ok) throw new Error('the shipped catalog does not load');

// 1. Predictions for every fixture.
const predictions: { fixture: string; s: Suggestion }[] = [];
const recipes = pairs.map(([f]) => f).filter((f) => f.startsWith('recipe='));
for (const fixture of [...readdirSync(FIXTURES).sort(), ...recipes]) {
  const r = suggestFor(catalog, projectDir(fixture));
  if (!r.ok) throw new Error(`${fixture}: ${r.error.message}`);
  predictions.push({ fixture, s: r.suggestion });
  const best = r.suggestion.sourceDeps[0]!;
  console.log(`${fixture}: ${r.suggestion.units ?? '?'} dependency units; best ${best.name} ${best.score}/${best.total}`);
}

// 2. Measurements.
interface Measurement {
  fixture: string;
  layer: string;
  predicted: number;
  total: number;
  fresh: number;
  measuredTotal: number;
  withCache: number;
  withoutCache: number;
  cook: number;
}
const measurements: Measurement[] = [];
const work = join(tmpdir(), 'lamina-bench-reuse');
const downloads = join(process.env.LAMINA_TEST_CACHE ?? join(homedir(), '.cache', 'lamina-tests'), 'cargo-downloads');
for (const [fixture, layerName] of pairs) {
  const p = predictions.find((x) => x.fixture === fixture);
  const predicted = p?.s.sourceDeps.find((d) => d.name === layerName)?.reuse;
  if (!p || !predicted) throw new Error(`no prediction for ${fixture} with ${layerName}`);
  const root = join(work, `${fixture}-${layerName}`);
  rmSync(root, { recursive: true, force: true });
  const imageRoot = join(root, 'image');
  // The toolchain image's sccache, standing in as a plain wrapper: without the S3 secret the cook
  // compiles locally anyway, and cargo's fingerprints do not include RUSTC_WRAPPER.
  const tools = join(root, 'tools');
  mkdirSync(tools, { recursive: true });
  writeFileSync(join(tools, 'sccache'), '#!/bin/sh\n[ "$1" = --show-stats ] && exit 0\nexec "$@"\n', { mode: 0o755 });
  console.log(`cooking ${layerName} on the host…`);
  const cook = cookOnHost({
    catalogRoot: REPO,
    layer: layerName,
    imageRoot,
    downloads,
    baseCargoHome: inheritedEnv(catalog, catalog.layer('rust')!, 'CARGO_HOME')!,
    planDir: join(root, 'planner'),
    standIn,
    path: [tools],
  });
  const layer = catalog.layer(layerName)!;
  const natives = p.s.nativeDeps.map((n) => catalog.layer(n.name)!);
  const plan = consumptionPlan(catalog, { sourceDep: layer, natives, locked: true });
  // Native layers the project needs beyond the cook's: their prefixes too.
  for (const d of plan.donors) if (d.directives.class === 'native-dep') standIn(reroot(imageRoot, d.directives.install.prefix), d.name);
  const env = Object.fromEntries(Object.entries(plan.env).map(([k, v]) => [k, reroot(imageRoot, v)]));
  const project = join(imageRoot, 'src', fixture);
  cpSync(projectDir(fixture), project, { recursive: true });
  const build = `cargo build ${plan.buildArgs.join(' ')} --message-format=json`;
  console.log(`building ${fixture} from ${layerName}'s cooked target…`);
  const t0 = process.hrtime.bigint();
  const withTools = { PATH: `${tools}:${hostEnv({}).PATH}` };
  const warm = bash(build, project, hostEnv({ ...env, ...withTools }));
  const withCache = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = countFresh(warm.stdout);
  if (!warm.ok) console.log(`  (the project's own crates did not build with stub sources; dependencies counted) ${warm.output.slice(-300)}`);
  console.log(`building ${fixture} from an empty target directory…`);
  const coldTarget = join(root, 'cold-target');
  const t1 = process.hrtime.bigint();
  bash(build, project, hostEnv({ ...env, ...withTools, CARGO_TARGET_DIR: coldTarget }));
  const withoutCache = Number(process.hrtime.bigint() - t1) / 1e9;
  measurements.push({
    fixture,
    layer: layerName,
    predicted: predicted.units,
    total: predicted.total,
    fresh: m.fresh,
    measuredTotal: m.total,
    withCache,
    withoutCache,
    cook: cook.seconds,
  });
  console.log(
    `  predicted ${predicted.units}/${predicted.total}, measured ${m.fresh}/${m.total}; ${withCache.toFixed(0)} s with the cache, ${withoutCache.toFixed(0)} s without`,
  );
}

// 3. Report.
const cargo = bash('cargo --version', REPO, hostEnv({})).stdout.trim();
const table = [
  '| project (fixture) | dependency units | best layer: reusable units | blockers of the best layer (units) | native layers |',
  '|---|---:|---|---|---|',
  ...predictions.map(({ fixture, s }) => {
    const best = s.sourceDeps[0]!;
    const kinds = best.reuse
      ? Object.entries(best.reuse.summary)
          .sort((a, b) => b[1] - a[1])
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')
      : (best.reuseNote ?? '');
    return `| ${fixture} | ${s.units ?? '?'} | ${best.name}: ${best.score} / ${best.total} | ${kinds} | ${s.nativeDeps.map((n) => n.name).join(', ') || '—'} |`;
  }),
];
const measured = [
  '| project | layer | predicted Fresh | measured Fresh | build of the dependencies with the cooked cache | without | cook of the layer |',
  '|---|---|---:|---:|---:|---:|---:|',
  ...measurements.map(
    (m) =>
      `| ${m.fixture} | ${m.layer} | ${m.predicted} / ${m.total} | ${m.fresh} / ${m.measuredTotal} | ${m.withCache.toFixed(0)} s | ${m.withoutCache.toFixed(0)} s | ${m.cook.toFixed(0)} s |`,
  ),
];
const report = [
  `Run: ${new Date().toISOString().slice(0, 10)}, ${cargo}, 2 cores.`,
  '',
  '### Predictions',
  '',
  ...table,
  '',
  '### Measured with real cargo',
  '',
  ...measured,
].join('\n');
console.log(`\n${report}`);
if (args.includes('--write')) {
  const file = join(REPO, 'bench/reuse/RESULTS.md');
  const text = readFileSync(file, 'utf8');
  const [head, rest] = text.split('<!-- results -->');
  const tail = rest?.split('<!-- /results -->')[1] ?? '\n';
  writeFileSync(file, `${head}<!-- results -->\n${report}\n<!-- /results -->${tail}`);
}

/**
 * A stand-in for a native layer's prefix, made of the host's own development files: the
 * same layout (`include/`, `lib/`, `lib/pkgconfig/`) the layer installs, pointing at Debian's copy.
 */
function standIn(prefix: string, image: string): void {
  if (existsSync(prefix)) return;
  const name = /\/([a-z0-9-]+):/.exec(image)?.[1] ?? image;
  const lib = '/usr/lib/x86_64-linux-gnu';
  mkdirSync(join(prefix, 'lib/pkgconfig'), { recursive: true });
  mkdirSync(join(prefix, 'include'), { recursive: true });
  const link = (from: string, to: string): void => {
    if (existsSync(from) && !existsSync(to)) symlinkSync(from, to);
  };
  const files: Record<string, { libs: string[]; pcs: string[]; headers: string[] }> = {
    openssl: { libs: ['libssl.so', 'libcrypto.so', 'libssl.a', 'libcrypto.a'], pcs: ['openssl.pc', 'libssl.pc', 'libcrypto.pc'], headers: [] },
    zlib: { libs: ['libz.so', 'libz.a'], pcs: ['zlib.pc'], headers: ['/usr/include/zlib.h', '/usr/include/zconf.h'] },
    sqlite: { libs: ['libsqlite3.so', 'libsqlite3.a'], pcs: ['sqlite3.pc'], headers: ['/usr/include/sqlite3.h', '/usr/include/sqlite3ext.h'] },
  };
  const f = files[name];
  if (!f) return;
  for (const l of f.libs) link(join(lib, l), join(prefix, 'lib', l));
  for (const pc of f.pcs) link(join(lib, 'pkgconfig', pc), join(prefix, 'lib/pkgconfig', pc));
  for (const h of f.headers) link(h, join(prefix, 'include', h.slice(h.lastIndexOf('/') + 1)));
  if (name === 'openssl') {
    // Debian splits OpenSSL's headers between /usr/include/openssl and the multiarch folder.
    mkdirSync(join(prefix, 'include/openssl'), { recursive: true });
    for (const dir of ['/usr/include/openssl', '/usr/include/x86_64-linux-gnu/openssl']) {
      for (const h of readdirSync(dir)) link(join(dir, h), join(prefix, 'include/openssl', h));
    }
  }
}
