#!/usr/bin/env node
// Bundles the compiled lamina-nickel CLI (packages/nickel/dist/cli/main.js and everything it
// imports from the package) into one module beside it, dist/cli/main.bundle.js. Node's ESM loader
// pays per module (resolve, read, compile, link): ~90 modules cost ~70 ms of every run, one
// bundle a fraction of that. The bundle sits in the same folder as main.js, so the paths the
// code computes from import.meta.url (package.json, the worker, the stdlib) stay the same.
// npm dependencies stay external: they are loaded lazily, only when used.
//   node scripts/bundle.mjs        (run by `pnpm build` / `pnpm install` after tsc -b)
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  entryPoints: [`${root}packages/nickel/dist/cli/main.js`],
  outfile: `${root}packages/nickel/dist/cli/main.bundle.js`,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  legalComments: 'none',
});
