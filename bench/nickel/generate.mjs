#!/usr/bin/env node
// Writes the benchmark workloads under bench/.cache/nickel (or --out DIR):
//   catalog-<N>/catalog.ncl, catalog-<N>/lib/contracts.ncl, catalog-<N>/layers/<layer>/{build_directives,workflow}.ncl
//   layer-1/…            one layer file alone (start-up cost)
//   data/data.ncl, data/data.json   the data-only workload
//   manifest.json        what was written: workload → entry file, file count, bytes
// Deterministic: the same --seed writes the same bytes. With --check, every workload is then
// evaluated by the reference Nickel (bench/nickel/reference.py) and must export without error.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CONTRACTS, CONTRACTS_PATH, catalogFile, layerFiles } from './catalog.mjs';
import { dataValue, toNickel } from './data.mjs';

export const DEFAULT_OUT = resolve(dirname(fileURLToPath(import.meta.url)), '../.cache/nickel');

/** Writes files under `root`, counting them and their bytes. */
function writer(root) {
  const stats = { files: 0, bytes: 0 };
  return {
    stats,
    write(rel, text) {
      const path = join(root, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      stats.files += 1;
      stats.bytes += Buffer.byteLength(text);
    },
  };
}

function writeCatalog(out, layers, seed) {
  const root = join(out, `catalog-${layers}`);
  rmSync(root, { recursive: true, force: true });
  const w = writer(root);
  w.write(CONTRACTS_PATH, CONTRACTS);
  for (let i = 0; i < layers; i++) {
    const { name, build, workflow } = layerFiles(i, seed);
    w.write(`layers/${name}/build_directives.ncl`, build);
    w.write(`layers/${name}/workflow.ncl`, workflow);
  }
  w.write('catalog.ncl', catalogFile(layers));
  return { name: `catalog-${layers}`, kind: 'nickel', entry: join(root, 'catalog.ncl'), layers, ...w.stats };
}

/** A single layer file with its imports (one parent chain): the cost of a small program. */
function writeSingleLayer(out, seed) {
  const root = join(out, 'layer-1');
  rmSync(root, { recursive: true, force: true });
  const w = writer(root);
  w.write(CONTRACTS_PATH, CONTRACTS);
  const { name, build } = layerFiles(2, seed);
  w.write(`layers/${name}/build_directives.ncl`, build);
  return { name: 'layer-1', kind: 'nickel', entry: join(root, 'layers', name, 'build_directives.ncl'), layers: 1, ...w.stats };
}

function writeData(out, seed, bytes) {
  const root = join(out, 'data');
  rmSync(root, { recursive: true, force: true });
  const value = dataValue(seed, bytes);
  const w = writer(root);
  w.write('data.ncl', toNickel(value) + '\n');
  const json = writer(root);
  json.write('data.json', JSON.stringify(value, null, 2) + '\n');
  return {
    name: 'data-only',
    kind: 'data',
    entry: join(root, 'data.ncl'),
    json: join(root, 'data.json'),
    jsonBytes: json.stats.bytes,
    ...w.stats,
  };
}

/** A hash of the generator's own code: workloads written by other code are stale. */
export function generatorFingerprint() {
  const hash = createHash('sha256');
  for (const f of ['generate.mjs', 'catalog.mjs', 'data.mjs', 'prng.mjs']) {
    hash.update(readFileSync(fileURLToPath(new URL(`./${f}`, import.meta.url))));
  }
  return hash.digest('hex').slice(0, 16);
}

export function generate({ out = DEFAULT_OUT, seed = 20261127, sizes = [100, 1000, 5000], dataBytes = 5_000_000 } = {}) {
  mkdirSync(out, { recursive: true });
  const workloads = [writeSingleLayer(out, seed)];
  for (const n of sizes) workloads.push(writeCatalog(out, n, seed));
  if (dataBytes > 0) workloads.push(writeData(out, seed, dataBytes));
  const manifest = { seed, generator: generatorFingerprint(), generated: new Date().toISOString(), workloads };
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: DEFAULT_OUT },
      seed: { type: 'string', default: '20261127' },
      sizes: { type: 'string', default: '100,1000,5000' },
      'data-bytes': { type: 'string', default: '5000000' },
      check: { type: 'boolean', default: false },
    },
  });
  const manifest = generate({
    out: resolve(values.out),
    seed: Number(values.seed),
    sizes: values.sizes.split(',').filter(Boolean).map(Number),
    dataBytes: Number(values['data-bytes']),
  });
  for (const w of manifest.workloads) {
    console.log(`${w.name.padEnd(14)} ${String(w.files).padStart(6)} files ${(w.bytes / 1e6).toFixed(2).padStart(7)} MB  ${w.entry}`);
  }
  if (values.check) {
    const script = fileURLToPath(new URL('./reference.py', import.meta.url));
    let failed = 0;
    for (const w of manifest.workloads) {
      const r = spawnSync('python3', [script, w.entry], { encoding: 'utf8', maxBuffer: 64 << 20 });
      const res = JSON.parse(r.stdout.trim().split('\n').pop() || '{"ok":false,"error":"no output"}');
      console.log(`check ${w.name}: ${res.ok ? `valid Nickel (reference: ${res.times[0].toFixed(2)} s)` : `INVALID\n${res.error}`}`);
      if (!res.ok) failed++;
    }
    process.exitCode = failed ? 1 : 0;
  }
}
