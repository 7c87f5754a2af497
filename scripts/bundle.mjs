#!/usr/bin/env node
// Bundles the compiled lamina-nickel CLI (packages/nickel/dist/cli/main.js and everything it
// imports from the package) into one CommonJS-shaped script beside it, dist/cli/main.bundle.cjs, and
// the launcher that compiles it (dist/cli/code-cache.js) into dist/cli/launch.cjs for the CommonJS bin;
// stores the standard library's checked syntax trees (dist/stdlib/ast/, src/stdlib/precompiled.ts),
// then writes V8's code cache for the bundle (dist/cli/code-cache/). Node's ESM loader pays per module
// (resolve, read, compile, link) for each of ~90 modules, one bundle a fraction of that; a script, unlike a module on Node 20, can also be compiled from the cache
// (src/cli/code-cache.ts). The bundle sits in the same folder as main.js, so the paths the code
// computes from import.meta.url (package.json, the worker, the stdlib) stay the same.
// npm dependencies the evaluator needs at once (the Unicode alias tables of the regex dialect,
// a few kB) are bundled in; the others (yaml, smol-toml) go into a second bundle, loaded when used.
//   node scripts/bundle.mjs        (run by `pnpm build` / `pnpm install` after tsc -b)
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}packages/nickel/dist/cli/`;
const bin = `${root}packages/nickel/bin/lamina-nickel.cjs`;

const common = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning', legalComments: 'none' };

/** Bundles `entry` into `out`, a script the launcher compiles from V8's code cache. */
async function cachedBundle(entry, out) {
  const { outputFiles } = await build({
    ...common,
    entryPoints: [entry],
    outfile: out,
    write: false,
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  // The launcher reads a bundle as latin1 (no UTF-8 decoding pass), so the text must be ASCII.
  // esbuild already escapes non-ASCII characters in code; what is left is in comments, and a
  // \u escape means the same character there, in a string and in a regular expression.
  const text = outputFiles[0].text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  // CommonJS's wrapper is written into the file, so that the launcher compiles the text as read: a
  // wrapper added at run time makes a second copy of the whole text, which V8 then flattens.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${text}\n})`;
  // The first line identifies the text: a code cache is only used for the bundle it was made from.
  const id = createHash('sha256').update(wrapped).digest('hex').slice(0, 32);
  writeFileSync(out, `// lamina-nickel bundle ${id}\n${wrapped}`);
}

await cachedBundle(`${cli}main.js`, `${cli}main.bundle.cjs`);
// YAML and TOML, loaded by the CLI when a run first needs them (src/import/libraries.ts)
await cachedBundle(`${cli}libraries-bundle.js`, `${cli}libraries.bundle.cjs`);
rmSync(`${cli}main.bundle.js`, { force: true });
await build({ ...common, entryPoints: [`${cli}code-cache.js`], outfile: `${cli}launch.cjs` });

const nickelDist = `${root}packages/nickel/dist/`;
const { parse } = await import(`${nickelDist}parser/parse.js`);
const { stdTrees } = await import(`${nickelDist}stdlib/load.js`);
const { writeStdTrees } = await import(`${nickelDist}stdlib/precompiled.js`);
rmSync(`${nickelDist}stdlib/ast`, { recursive: true, force: true });
writeStdTrees(`${nickelDist}stdlib/ast`, stdTrees(parse));

// The cache, made by running the bin once (`node bin/lamina-nickel.cjs`, as the bin shims run it)
// on a program that imports scripts/code-cache-warmup.ncl and every golden program that evaluates
// (tests/nickel/golden/*/NAME.ncl beside a NAME.json), then fails, as most programs of the public
// corpus do, so that rendering the error is compiled too: the functions a run compiles are kept
// in the cache, so the broader the warm-up, the fewer functions a run compiles from source
// (figures: bench/nickel/REALWORLD.md).
const cacheDir = `${cli}code-cache`;
rmSync(cacheDir, { recursive: true, force: true });
const goldens = `${root}tests/nickel/golden`;
const evaluating = existsSync(goldens)
  ? readdirSync(goldens, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'catalog')
      .flatMap((d) =>
        readdirSync(join(goldens, d.name))
          .filter((f) => f.endsWith('.json') && existsSync(join(goldens, d.name, f.replace(/\.json$/, '.ncl'))))
          .sort()
          .map((f) => join(goldens, d.name, f.replace(/\.json$/, '.ncl'))),
      )
  : [];
const scratch = mkdtempSync(join(tmpdir(), 'lamina-nickel-warmup-'));
const warmup = join(scratch, 'warmup.ncl');
const imports = [`${root}scripts/code-cache-warmup.ncl`, ...evaluating].map((f, i) => `  w${i} = import ${JSON.stringify(f)},`);
// exported last (fields go out sorted by name): a function, which cannot be exported
writeFileSync(warmup, `{\n${imports.join('\n')}\n  zz_not_exportable = fun x => x,\n}\n`);
const run = spawnSync(process.execPath, [bin, 'export', warmup], {
  env: { ...process.env, LAMINA_NICKEL_CODE_CACHE_DIR: cacheDir },
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
});
rmSync(scratch, { recursive: true, force: true });
// the run's parsed trees (src/cli/parse-cache.ts) are the user's, not the build's
for (const entry of existsSync(cacheDir) ? readdirSync(cacheDir) : []) {
  if (entry.startsWith('trees-')) rmSync(join(cacheDir, entry), { recursive: true, force: true });
}
const written = existsSync(cacheDir) && readdirSync(cacheDir).some((f) => f.startsWith('main-'));
if (run.status !== 1 || !run.stderr.includes('non serializable') || !written) {
  process.stderr.write(`bundle.mjs: writing the code cache failed (the CLI still works, uncached):\n${run.stderr}`);
}
