#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by source folder (lexer, parser,
// eval, contracts, export, …), and the functions with the most self time and the most inclusive
// time, so a slow workload points at the code to look at.
//   node bench/nickel/profile.mjs FILE.cpuprofile [--top 25]

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Inclusive time of the evaluator's phases, found by function name and file (a phase whose
// function was renamed simply drops out of the table).
const PHASES = [
  ['parse (lexer + parser), stdlib included', /^parse \S*\/parser\/parse\.js/],
  ['stdlib load', /^stdlibFor /],
  ['import resolution and file reading', /^resolve \S*\/import\/fs\.js/],
  ['contract application', /^applyContract /],
  ['deep evaluation for export (toPlain)', /^toPlain \S*\/export\/to-plain\.js/],
  ['JSON printing', /^toJson /],
];

export function summarize(profile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const keyOf = (n) => {
    const f = n.callFrame;
    const where = f.url ? `${f.url.replace(/^file:\/\/.*?\/packages\//, 'packages/')}:${f.lineNumber + 1}` : '';
    return `${f.functionName || '(anonymous)'} ${where}`.trim();
  };
  const folderOf = (n) => {
    const f = n.callFrame;
    const m = /\/packages\/([\w-]+)\/(?:dist|src)\/([\w.-]+)/.exec(f.url);
    if (m) return `${m[1]}/${m[2]}`;
    if (/^\((garbage collector|program|idle)\)$/.test(f.functionName)) return f.functionName;
    const dep = /\/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(f.url);
    if (dep) return `dependency ${dep[1]}`;
    return f.url.startsWith('node:') || f.url === '' ? '(node: modules, fs, internals)' : f.url;
  };
  const self = new Map();
  const folders = new Map();
  const inclusive = new Map();
  let total = 0;
  // Walk from the root; a function counts once per sample even when it recurses.
  const walk = (id, onStack) => {
    const n = byId.get(id);
    const key = keyOf(n);
    let sub = selfUs.get(id) ?? 0;
    self.set(key, (self.get(key) ?? 0) + sub);
    const folder = folderOf(n);
    folders.set(folder, (folders.get(folder) ?? 0) + sub);
    total += sub;
    const entered = !onStack.has(key);
    if (entered) onStack.add(key);
    for (const c of n.children ?? []) sub += walk(c, onStack);
    if (entered) {
      onStack.delete(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + sub);
    }
    return sub;
  };
  walk(profile.nodes[0].id, new Set());
  const rank = (m) =>
    [...m]
      .filter(([, us]) => us > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => ({ fn: k, ms: us / 1000, pct: (100 * us) / total }));
  const phases = [];
  for (const [phase, re] of PHASES) {
    const us = Math.max(0, ...[...inclusive].filter(([k]) => re.test(k)).map(([, v]) => v));
    if (us > 0) phases.push({ fn: phase, ms: us / 1000, pct: (100 * us) / total });
  }
  return { totalMs: total / 1000, phases, folders: rank(folders), self: rank(self), inclusive: rank(inclusive) };
}

export function formatSummary(s) {
  const rows = (list) => list.map((r) => `  ${r.ms.toFixed(0).padStart(7)} ms ${r.pct.toFixed(1).padStart(5)}%  ${r.fn}`).join('\n');
  return `total sampled ${s.totalMs.toFixed(0)} ms\nphases (inclusive, overlapping):\n${rows(s.phases)}\nself time by folder:\n${rows(s.folders)}\nself time:\n${rows(s.self)}\ninclusive time:\n${rows(s.inclusive)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  const topAt = process.argv.indexOf('--top');
  const top = topAt > 0 ? Number(process.argv[topAt + 1]) : 25;
  process.stdout.write(formatSummary(summarize(JSON.parse(readFileSync(file, 'utf8')), top)));
}
