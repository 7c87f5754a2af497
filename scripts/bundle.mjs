#!/usr/bin/env node
// Bundles the compiled lamina-nickel CLI (packages/nickel/dist/cli/main.js and everything it
// imports from the package) into one CommonJS-shaped script beside it, dist/cli/main.bundle.cjs;
// stores the standard library's checked syntax trees (dist/stdlib/ast/, src/stdlib/precompiled.ts),
// then writes V8's code cache for the bundle (dist/cli/code-cache/). Node's ESM loader pays per module
// (resolve, read, compile, link): ~90 modules cost ~70 ms of every run, one bundle a fraction of
// that; a script, unlike a module on Node 20, can also be compiled from the cache
// (src/cli/code-cache.ts). The bundle sits in the same folder as main.js, so the paths the code
// computes from import.meta.url (package.json, the worker, the stdlib) stay the same.
// npm dependencies the evaluator needs at once (the Unicode alias tables of the regex dialect,
// a few kB) are bundled in; the others (yaml, smol-toml) are loaded lazily, only when used.
//   node scripts/bundle.mjs        (run by `pnpm build` / `pnpm install` after tsc -b)
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}packages/nickel/dist/cli/`;
const bin = `${root}packages/nickel/bin/lamina-nickel.js`;

const { outputFiles } = await build({
  entryPoints: [`${cli}main.js`],
  outfile: `${cli}main.bundle.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  write: false,
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
});
const text = outputFiles[0].text;
// The first line identifies the text: a code cache is only used for the bundle it was made from.
const id = createHash('sha256').update(text).digest('hex').slice(0, 32);
writeFileSync(`${cli}main.bundle.cjs`, `// lamina-nickel bundle ${id}\n${text}`);
rmSync(`${cli}main.bundle.js`, { force: true });

const nickelDist = `${root}packages/nickel/dist/`;
const { parse } = await import(`${nickelDist}parser/parse.js`);
const { stdTrees } = await import(`${nickelDist}stdlib/load.js`);
const { writeStdTrees } = await import(`${nickelDist}stdlib/precompiled.js`);
rmSync(`${nickelDist}stdlib/ast`, { recursive: true, force: true });
writeStdTrees(`${nickelDist}stdlib/ast`, stdTrees(parse));

// The cache, made by running the bin on a typical program, once as `node bin/lamina-nickel.js`
// and once with the flags of the bin's first line (how its shim and a direct run start Node).
const cacheDir = `${cli}code-cache`;
rmSync(cacheDir, { recursive: true, force: true });
const shebangFlags = readFileSync(bin, 'utf8')
  .split('\n', 1)[0]
  .split(/\s+/)
  .filter((w) => w.startsWith('--'));
for (const flags of [[], shebangFlags]) {
  const run = spawnSync(process.execPath, [...flags, bin, 'export', `${root}scripts/code-cache-warmup.ncl`], {
    env: { ...process.env, LAMINA_NICKEL_CODE_CACHE_DIR: cacheDir },
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    process.stderr.write(`bundle.mjs: writing the code cache failed (the CLI still works, uncached):\n${run.stderr}`);
    break;
  }
}
