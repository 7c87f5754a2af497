#!/usr/bin/env node
// The Nickel benchmark: for every workload, our evaluator (`lamina-nickel export`, whole process)
// side by side with the reference Nickel (Python binding: the call alone and the whole process),
// the reference CLI when one is on PATH, and JSON.parse for the data-only workload; checks that our
// output is the reference's byte for byte; writes bench/RESULTS.md.
//
//   node bench/nickel/run.mjs [--runs 5] [--big-runs 3] [--only REGEX] [--regenerate]
//                             [--ours 'packages/nickel/bin/lamina-nickel.cjs export {file}']
//                             [--profile catalog-1000] [--results bench/RESULTS.md] [--no-write]
//   node bench/nickel/run.mjs --render-only   # rewrite RESULTS.md from the last run's results.json
//
// A benchmark, not a test: it asserts nothing and never runs under `pnpm test`.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { binNodeFlags } from '../bin-flags.mjs';
import { compareOutputs } from './compare.mjs';
import { DEFAULT_OUT, generate, generatorFingerprint } from './generate.mjs';
import { describeFailure, hasGnuTime, measuredEnv, median, onPath, repeatProcess, runProcess } from './measure.mjs';
import { formatSummary, summarize } from './profile.mjs';
import { renderResults } from './report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const BIG_BYTES = 4_000_000;

const { values: opt } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'big-runs': { type: 'string', default: '3' },
    only: { type: 'string' },
    regenerate: { type: 'boolean', default: false },
    // The bin run as users run it (pnpm's shim, or the file itself): its first line gives Node
    // the flags it needs, which `node FILE` would leave out.
    ours: { type: 'string', default: 'packages/nickel/bin/lamina-nickel.cjs export {file}' },
    profile: { type: 'string', default: 'catalog-1000' },
    phases: { type: 'string', default: 'layer-1,catalog-1000,data-only' },
    results: { type: 'string', default: join(repoRoot, 'bench/RESULTS.md') },
    'no-write': { type: 'boolean', default: false },
    'ours-timeout': { type: 'string', default: '600' },
    'render-only': { type: 'boolean', default: false },
  },
});

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const cacheDir = DEFAULT_OUT;

// Hand-written observations kept across runs: everything after this heading in the results file.
const NOTES = '## Notes';

function keptNotes() {
  try {
    const old = readFileSync(opt.results, 'utf8');
    return old.includes(NOTES) ? old.slice(old.indexOf(NOTES)).trimEnd() : '';
  } catch {
    return '';
  }
}

function writeResults(report) {
  const notes = keptNotes();
  const markdown = notes ? `${renderResults(report).trimEnd()}\n\n${notes}\n` : renderResults(report);
  if (opt['no-write']) process.stdout.write(markdown);
  else {
    writeFileSync(opt.results, markdown);
    log(`wrote ${opt.results}`);
  }
}

if (opt['render-only']) {
  const report = JSON.parse(readFileSync(join(cacheDir, 'results.json'), 'utf8'));
  if (report.profile && existsSync(report.profile.file)) {
    report.profile.summary = summarize(JSON.parse(readFileSync(report.profile.file, 'utf8')), 15);
  }
  writeResults(report);
  process.exit(0);
}
const outDir = join(cacheDir, 'out');
mkdirSync(outDir, { recursive: true });

const manifestPath = join(cacheDir, 'manifest.json');
let manifest = existsSync(manifestPath) && !opt.regenerate ? JSON.parse(readFileSync(manifestPath, 'utf8')) : null;
if (manifest && manifest.generator !== generatorFingerprint()) {
  log('the generator changed since the workloads were written');
  manifest = null;
}
if (!manifest) {
  log(`generating workloads under ${cacheDir}`);
  manifest = generate();
}
const only = opt.only ? new RegExp(opt.only) : null;
const workloads = manifest.workloads.filter((w) => !only || only.test(w.name));

const oursArgv = (file) =>
  opt.ours
    .split(/\s+/)
    .filter(Boolean)
    .map((a) => a.replaceAll('{file}', file));
const oursTimeout = Number(opt['ours-timeout']);
const REF_PROCESS = 'import nickel, sys; sys.stdout.write(nickel.run(sys.argv[1], []))';
const refProgram = (file) => `import "${file.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
const refCli = onPath('nickel');

// Every run of ours parses as a first run does: no syntax trees kept from earlier runs (the CLI's
// store lives in the cache folder, switched off here), while the build's code cache still applies.
const oursEnv = { ...process.env, LAMINA_NICKEL_CODE_CACHE_DIR: '' };

function measureOurs(w, runs) {
  const outPath = join(outDir, `${w.name}.ours.json`);
  rmSync(outPath, { force: true });
  // The first run writes the output we compare, and warms the file cache.
  const first = runProcess(oursArgv(w.entry), { stdoutPath: outPath, cwd: repoRoot, timeoutSeconds: oursTimeout, env: oursEnv });
  if (first.status !== 0) return { ok: false, error: describeFailure(first) };
  return { ...repeatProcess(oursArgv(w.entry), runs, { cwd: repoRoot, timeoutSeconds: oursTimeout, env: oursEnv }), outPath };
}

function measureReference(w, runs) {
  const outPath = join(outDir, `${w.name}.ref.json`);
  const call = spawnSync('python3', [join(here, 'reference.py'), '--runs', String(runs), '--out', outPath, w.entry], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const line = call.stdout.trim().split('\n').pop() ?? '';
  let parsed;
  try {
    parsed = JSON.parse(line);
  } catch {
    parsed = { ok: false, error: `reference.py failed: ${call.stderr.trim().slice(0, 300)}` };
  }
  if (!parsed.ok) return { ok: false, error: parsed.error.split('\n').slice(0, 3).join(' | ') };
  const whole = repeatProcess(['python3', '-c', REF_PROCESS, refProgram(w.entry)], runs, { timeoutSeconds: 600 });
  return {
    ok: true,
    callSeconds: median(parsed.times),
    callCpuSeconds: median(parsed.cpu ?? []),
    processSeconds: whole.seconds,
    processCpuSeconds: whole.cpuSeconds,
    peakMB: whole.peakMB,
    outPath,
  };
}

function measureJson(w, runs) {
  const text = readFileSync(w.json, 'utf8');
  JSON.parse(text); // warm-up
  const times = [];
  const cpu = [];
  for (let i = 0; i < Math.max(runs, 5); i++) {
    const startCpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    JSON.parse(text);
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1e6);
  }
  const whole = repeatProcess(['node', join(here, 'json-export.mjs'), w.json], runs);
  return {
    parseSeconds: median(times),
    parseCpuSeconds: median(cpu),
    processSeconds: whole.seconds,
    processCpuSeconds: whole.cpuSeconds,
    peakMB: whole.peakMB,
  };
}

function profileOurs(name) {
  const w = manifest.workloads.find((x) => x.name === name);
  if (!w) return null;
  const dir = join(cacheDir, 'prof');
  rmSync(dir, { recursive: true, force: true });
  const argv = oursArgv(w.entry);
  if (argv[0] === 'node') argv.shift();
  const bin = argv.findIndex((a) => a.endsWith('bin/lamina-nickel.cjs'));
  if (bin < 0) return null;
  // Profile the compiled modules, not the one-file bundle the launcher prefers: the report
  // attributes time to source folders (lexer, parser, eval…).
  const flags = binNodeFlags(resolve(repoRoot, argv[bin]));
  argv[bin] = argv[bin].replace('bin/lamina-nickel.cjs', 'dist/cli/main.js');
  const r = runProcess(['node', ...flags, '--cpu-prof', `--cpu-prof-dir=${dir}`, ...argv], { cwd: repoRoot, timeoutSeconds: oursTimeout });
  if (r.status !== 0 || !existsSync(dir)) return null;
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return null;
  return { workload: name, file: join(dir, file), summary: summarize(JSON.parse(readFileSync(join(dir, file), 'utf8')), 15) };
}

const machine = {
  date: new Date().toISOString(),
  nproc: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  python: spawnSync('python3', ['--version'], { encoding: 'utf8' }).stdout.trim(),
  loadavg: loadavg()
    .map((x) => x.toFixed(2))
    .join(' '),
  loadavgEnd: null,
  gnuTime: hasGnuTime(),
  refCli,
  commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim(),
  oursCommand: opt.ours,
};

const results = [];
for (const w of workloads) {
  const runs = Number(w.bytes > BIG_BYTES ? opt['big-runs'] : opt.runs);
  log(`${w.name}: ours ×${runs}`);
  const ours = measureOurs(w, runs);
  if (!ours.ok) log(`${w.name}: ours failed: ${ours.error}`);
  log(`${w.name}: reference ×${runs}`);
  const ref = measureReference(w, runs);
  if (!ref.ok) log(`${w.name}: reference failed: ${ref.error}`);
  const cli = refCli ? repeatProcess(['nickel', 'export', w.entry], runs) : null;
  const json = w.kind === 'data' ? measureJson(w, runs) : null;
  const output = ours.ok && ref.ok ? compareOutputs(ours.outPath, ref.outPath) : null;
  if (output && !output.same) log(`${w.name}: ${output.note}`);
  results.push({ workload: w, runs, ours, ref, cli, json, output });
}

/** Our evaluator in-process, CPU time by phase (bench/nickel/phases.mjs), median of 3 runs. */
function measurePhases(w) {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync('node', [...binNodeFlags(join(repoRoot, 'packages/nickel/bin/lamina-nickel.cjs')), join(here, 'phases.mjs'), w.entry], {
      cwd: repoRoot,
      env: measuredEnv(),
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    if (r.status !== 0) return null;
    runs.push(JSON.parse(r.stdout.trim().split('\n').pop()));
  }
  return Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((x) => x[k]))]));
}

const phases = [];
for (const name of (opt.phases ?? '').split(',').filter(Boolean)) {
  const r = results.find((x) => x.workload.name === name);
  if (!r?.ours.ok) continue;
  log(`phases of ours on ${name}`);
  const p = measurePhases(r.workload);
  if (p) phases.push({ workload: name, ...p });
}

let profile = null;
if (opt.profile && results.some((r) => r.ours.ok)) {
  log(`profiling ours on ${opt.profile}`);
  profile = profileOurs(opt.profile);
  if (profile) log(`profile:\n${formatSummary(profile.summary)}`);
}

machine.loadavgEnd = loadavg()
  .map((x) => x.toFixed(2))
  .join(' ');
const report = { machine, results, phases, profile };
writeFileSync(join(cacheDir, 'results.json'), JSON.stringify(report, null, 2) + '\n');
writeResults(report);
