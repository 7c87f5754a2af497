#!/usr/bin/env node
// Our evaluator in-process, phase by phase, in CPU time (steady on a busy machine):
//   node bench/nickel/phases.mjs FILE   → one JSON line
// start-up (node itself), loading the library, a first evaluation of `1` (stdlib set-up; a lazy
// stdlib moves its cost into later phases), parsing the entry file, deep evaluation (imports,
// contracts, toPlain) and JSON printing.

import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
const rssMB = () => process.memoryUsage().rss / 1048576;

const file = resolve(process.argv[2]);
const dist = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../packages/nickel/dist');
const phases = {};
let t = cpuMs();
phases.nodeStartMs = t;
const lib = await import(pathToFileURL(`${dist}/index.js`).href);
// JSON printing is not part of the public API; measure it when the module is where we expect it.
const json = await import(pathToFileURL(`${dist}/export/json.js`).href).catch(() => null);
phases.loadLibraryMs = cpuMs() - t;
t = cpuMs();
lib.evaluateSource('1').toPlain();
phases.stdlibMs = cpuMs() - t;
t = cpuMs();
const evaluation = lib.evaluateFile(file);
phases.parseEntryMs = cpuMs() - t;
t = cpuMs();
const plain = evaluation.toPlain();
phases.evaluateMs = cpuMs() - t;
phases.rssAfterEvaluateMB = rssMB();
if (json?.toJson) {
  t = cpuMs();
  json.toJson(plain);
  phases.printJsonMs = cpuMs() - t;
}
phases.rssMB = rssMB();
process.stdout.write(JSON.stringify(phases) + '\n');
