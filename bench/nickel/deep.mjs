#!/usr/bin/env node
// The recursion benchmark: non-tail recursion 100,000 and 1,000,000 levels deep, one program per
// shape (deep-shapes.mjs), and a recursion that never ends; ours (`lamina-nickel export`, whole
// process) beside the reference (`nickel.run` in Python: the call alone and the whole process).
// Prints a markdown table; bench/nickel/DEEP.md keeps the figures of a run.
//
//   node bench/nickel/deep.mjs [--runs 3] [--only REGEX] [--depths 100000,1000000] [--no-reference]
//
// A benchmark, not a test: it asserts nothing and never runs under `pnpm test`.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEEP_SHAPES, INFINITE } from './deep-shapes.mjs';
import { describeFailure, repeatProcess, runProcess } from './measure.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const { values: opt } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    only: { type: 'string' },
    depths: { type: 'string', default: '100000,1000000' },
    'no-reference': { type: 'boolean', default: false },
    'ours-timeout': { type: 'string', default: '300' },
    'reference-timeout': { type: 'string', default: '120' },
  },
});
const runs = Number(opt.runs);
const dir = join(repoRoot, 'bench/.cache/nickel/deep');
mkdirSync(dir, { recursive: true });
const ours = (file) => [join(repoRoot, 'packages/nickel/bin/lamina-nickel.cjs'), 'export', file];
const reference = (file) => ['python3', join(here, 'reference.py'), file];
const log = (msg) => process.stderr.write(`[deep] ${msg}\n`);

const secs = (x) => (x === null || x === undefined ? '—' : `${x.toFixed(2)} s`);
const mb = (x) => (x === null || x === undefined ? '—' : `${Math.round(x)} MB`);

/** Our figures for one program: median wall, CPU and peak RSS, and whether the output is right. */
function measureOurs(file, expected) {
  const out = `${file}.out`;
  const r = runProcess(ours(file), { stdoutPath: out, timeoutSeconds: Number(opt['ours-timeout']) });
  if (r.status !== 0) return { error: describeFailure(r) };
  const got = readFileSync(out, 'utf8').trim();
  if (got !== JSON.stringify(expected)) return { error: `wrong output ${got.slice(0, 60)}` };
  const rest = runs > 1 ? repeatProcess(ours(file), runs - 1, { timeoutSeconds: Number(opt['ours-timeout']) }) : { ok: true };
  if (!rest.ok) return { error: rest.error };
  const times = [r.seconds, ...(rest.seconds === undefined ? [] : [rest.seconds])];
  return {
    seconds: runs > 1 ? rest.seconds : r.seconds,
    cpuSeconds: rest.cpuSeconds ?? r.cpuSeconds,
    peakMB: Math.max(r.peakMB ?? 0, rest.peakMB ?? 0),
    times,
  };
}

/** The reference's figures: `nickel.run` alone (median of the runs in one process) and the process. */
function measureReference(file) {
  const r = runProcess([...reference(file), '--runs', '1'], { stdoutPath: `${file}.ref.json`, timeoutSeconds: Number(opt['reference-timeout']) });
  if (r.timedOut) return { error: `timed out after ${opt['reference-timeout']} s` };
  let line;
  try {
    line = JSON.parse(readFileSync(`${file}.ref.json`, 'utf8').trim().split('\n').pop());
  } catch {
    return { error: describeFailure(r) };
  }
  if (!line.ok) return { error: String(line.error).split('\n')[0].slice(0, 80), process: r.seconds, peakMB: r.peakMB };
  return { call: line.times[0], process: r.seconds, peakMB: r.peakMB };
}

const rows = [];
const depths = opt.depths.split(',').map(Number);
for (const [name, shape] of Object.entries(DEEP_SHAPES)) {
  if (opt.only && !new RegExp(opt.only).test(name)) continue;
  for (const n of shape.depths ?? depths) {
    const file = join(dir, `${name}-${n}.ncl`);
    writeFileSync(file, shape.program(n) + '\n');
    log(`${name} ${n}`);
    const o = measureOurs(file, shape.expected(n));
    const ref = opt['no-reference'] ? {} : measureReference(file);
    rows.push({ name, n, o, ref });
  }
}
if (!opt.only || new RegExp(opt.only).test('infinite')) {
  const file = join(dir, 'infinite.ncl');
  writeFileSync(file, INFINITE + '\n');
  for (const limit of [undefined, 256]) {
    log(`infinite ${limit ?? 'default'}`);
    const argv = limit === undefined ? ours(file) : [...ours(file), '--max-stack-mb', String(limit)];
    const r = runProcess(argv, { timeoutSeconds: Number(opt['ours-timeout']) });
    rows.push({
      name: `infinite (--max-stack-mb ${limit ?? 'default, 2048'})`,
      n: '∞',
      o: {
        seconds: r.seconds,
        cpuSeconds: r.cpuSeconds,
        peakMB: r.peakMB,
        error: r.stderr.includes('StackOverflow') || r.stderr.includes('nested too deeply') ? 'stack overflow error (expected)' : describeFailure(r),
      },
      ref: {},
    });
  }
}

const header = [
  `Recursion benchmark, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores; ours: median of ${runs} whole-process runs; reference: one run.`,
  '',
  '| program | depth | ours wall | ours CPU | ours peak | reference `nickel.run` | reference process | reference peak | ours / reference (process) |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
];
const lines = rows.map(({ name, n, o, ref }) => {
  const ratio = o.seconds && ref.process && !ref.error ? `${(o.seconds / ref.process).toFixed(2)}×` : '—';
  const oursWall = o.error && !o.error.includes('expected') ? o.error : secs(o.seconds);
  const refCall = ref.error ? ref.error : secs(ref.call);
  return `| ${name}${o.error?.includes('expected') ? ` — ${o.error}` : ''} | ${typeof n === 'number' ? n.toLocaleString('en-US') : n} | ${oursWall} | ${secs(o.cpuSeconds)} | ${mb(o.peakMB)} | ${refCall} | ${secs(ref.process)} | ${mb(ref.peakMB)} | ${ratio} |`;
});
process.stdout.write([...header, ...lines, ''].join('\n'));
