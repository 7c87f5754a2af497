#!/usr/bin/env node
// The real-world-shaped benchmark: our evaluator against the reference on programs written like
// public Nickel code bases (bench/nickel/realworld.mjs), each workload at a few sizes. Writes
// bench/nickel/REALWORLD.md (raw figures in bench/.cache/nickel-realworld/results.json).
//
//   node bench/nickel/realworld-run.mjs [--runs 5] [--only REGEX] [--no-write]
//
// A benchmark, not a test: it asserts nothing and never runs under `pnpm test`.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compareOutputs } from './compare.mjs';
import { describeFailure, median, onPath, repeatProcess, runProcess } from './measure.mjs';
import { ciWorkload, k8sWorkload, modulesWorkload } from './realworld.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const cacheDir = join(repoRoot, 'bench/.cache/nickel-realworld');

const { values: opt } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    only: { type: 'string' },
    results: { type: 'string', default: join(here, 'REALWORLD.md') },
    'no-write': { type: 'boolean', default: false },
  },
});
const runs = Number(opt.runs);
const log = (msg) => process.stderr.write(`[realworld] ${msg}\n`);

const WORKLOADS = [
  {
    name: 'start-up',
    what: 'a one-field record: the fixed cost of a run (library load, stdlib set-up)',
    make: () => ({ entry: 'main.ncl', files: new Map([['main.ncl', '{ a = 1 }\n']]) }),
  },
  { name: 'modules-8', what: 'module system: 8 modules merged, module contract applied', make: () => modulesWorkload(8) },
  { name: 'modules-32', what: 'module system: 32 modules', make: () => modulesWorkload(32) },
  { name: 'k8s-50', what: 'Kubernetes: 50 apps × (Deployment, Service, ConfigMap) under a generated-style contract library', make: () => k8sWorkload(50) },
  { name: 'k8s-300', what: 'Kubernetes: 300 apps', make: () => k8sWorkload(300) },
  { name: 'ci-50', what: 'CI workflow: 50 jobs built by functions and merges under a workflow schema', make: () => ciWorkload(50) },
  { name: 'ci-300', what: 'CI workflow: 300 jobs', make: () => ciWorkload(300) },
];

function write(name, workload) {
  const root = join(cacheDir, name);
  rmSync(root, { recursive: true, force: true });
  for (const [path, text] of workload.files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return join(root, workload.entry);
}

const ours = (entry) => [join(repoRoot, 'packages/nickel/bin/lamina-nickel.cjs'), 'export', entry];

function measureReference(entry, outPath) {
  const call = spawnSync('python3', [join(here, 'reference.py'), '--runs', String(runs), '--out', outPath, entry], { encoding: 'utf8', maxBuffer: 64 << 20 });
  let parsed;
  try {
    parsed = JSON.parse(call.stdout.trim().split('\n').pop() ?? '');
  } catch {
    return { ok: false, error: `reference.py failed: ${call.stderr.trim().slice(0, 300)}` };
  }
  if (!parsed.ok) return { ok: false, error: parsed.error.split('\n').slice(0, 3).join(' | ') };
  const program = `import "${entry.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  const whole = repeatProcess(['python3', '-c', 'import nickel, sys; sys.stdout.write(nickel.run(sys.argv[1], []))', program], runs, { timeoutSeconds: 600 });
  return {
    ok: true,
    callSeconds: median(parsed.times),
    callCpuSeconds: median(parsed.cpu),
    processSeconds: whole.seconds,
    processCpuSeconds: whole.cpuSeconds,
    peakMB: whole.peakMB,
  };
}

const only = opt.only ? new RegExp(opt.only) : null;
// Hand-written observations kept across runs: everything after this heading in the results file.
const NOTES = '## Notes';
let notes = '';
try {
  const old = readFileSync(opt.results, 'utf8');
  if (old.includes(NOTES)) notes = old.slice(old.indexOf(NOTES)).trimEnd();
} catch {}
const nodeStart = repeatProcess(['node', '-e', '0'], runs);
const refCli = onPath('nickel');
const results = [];
for (const w of WORKLOADS.filter((x) => !only || only.test(x.name))) {
  const entry = write(w.name, w.make());
  const oursOut = join(cacheDir, `${w.name}.ours.json`);
  const refOut = join(cacheDir, `${w.name}.ref.json`);
  log(`${w.name}: ours ×${runs}`);
  const first = runProcess(ours(entry), { stdoutPath: oursOut, timeoutSeconds: 600 });
  const o = first.status === 0 ? repeatProcess(ours(entry), runs, { timeoutSeconds: 600 }) : { ok: false, error: describeFailure(first) };
  log(`${w.name}: reference ×${runs}`);
  const r = measureReference(entry, refOut);
  // the reference's own CLI as a user runs it (`cargo install nickel-lang-cli`), when on PATH
  const cli = refCli ? repeatProcess(['nickel', 'export', entry], runs, { timeoutSeconds: 600 }) : null;
  const output = o.ok && r.ok ? compareOutputs(oursOut, refOut) : null;
  results.push({ name: w.name, what: w.what, ours: o, ref: r, cli, output });
}

const fmt = (x, d = 3) => (x === null || x === undefined ? '—' : x.toFixed(d));
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '—');
const lines = [
  '# Real-world-shaped Nickel workloads',
  '',
  'Written by `node bench/nickel/realworld-run.mjs` (programs from `bench/nickel/realworld.mjs`, our own,',
  'shaped like public code bases: a module system in the style of organist, a Kubernetes config',
  'under a generated contract library, a CI workflow). A benchmark, not a test.',
  '',
  `- date: ${new Date().toISOString()} · commit ${spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim()}`,
  `- machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'} · load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} at the end`,
  `- node start-up (\`node -e 0\`, median): ${fmt(nodeStart.seconds)} s wall, ${fmt(nodeStart.cpuSeconds)} s CPU`,
  '',
  'Medians of the runs, seconds. "ours" is `lamina-nickel export` as a whole process; "− node" takes',
  'Node\'s own start-up off; the reference\'s "call" is `nickel.run` alone inside Python, its "CLI" the',
  `reference's \`nickel export\` as a whole process (${refCli ? 'nickel-lang-cli on PATH' : 'no reference CLI on PATH: —'}). The target (issue 13):`,
  "ours − node within 2× the reference's time. The machine is shared: CPU seconds hold under load, wall",
  'seconds do not (compare the CPU ratio first). CPU seconds come in 10 ms steps (GNU time).',
  '',
  '| workload | ours s | ours CPU s | ours peak MB | reference call s | reference call CPU s | reference process s | reference peak MB | reference CLI CPU s | wall (ours − node) / call | CPU (ours − node) / call | CPU (ours − node) / CLI | output |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
];
for (const x of results) {
  const net = x.ours.ok ? Math.max(x.ours.seconds - nodeStart.seconds, 0.001) : null;
  const netCpu = x.ours.ok ? Math.max(x.ours.cpuSeconds - nodeStart.cpuSeconds, 0.001) : null;
  lines.push(
    `| ${x.name} | ${x.ours.ok ? fmt(x.ours.seconds) : `failed: ${x.ours.error}`} | ${fmt(x.ours.cpuSeconds)} | ${fmt(x.ours.peakMB, 0)} | ${x.ref.ok ? fmt(x.ref.callSeconds) : `failed: ${x.ref.error}`} | ${fmt(x.ref.callCpuSeconds)} | ${fmt(x.ref.processSeconds)} | ${fmt(x.ref.peakMB, 0)} | ${fmt(x.cli?.cpuSeconds)} | ${ratio(net, x.ref.callSeconds)} | ${ratio(netCpu, x.ref.callCpuSeconds)} | ${ratio(netCpu, x.cli?.cpuSeconds)} | ${x.output ? x.output.note : '—'} |`,
  );
}
lines.push('', ...results.map((x) => `- ${x.name}: ${x.what}`), '');
if (notes) lines.push(notes, '');
mkdirSync(cacheDir, { recursive: true });
writeFileSync(join(cacheDir, 'results.json'), JSON.stringify({ nodeStart, results }, null, 2));
if (opt['no-write']) process.stdout.write(lines.join('\n'));
else {
  writeFileSync(opt.results, lines.join('\n'));
  log(`wrote ${opt.results}`);
}
