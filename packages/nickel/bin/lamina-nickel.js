#!/usr/bin/env node
// Thin launcher: the CLI lives in the compiled library (src/cli). The build also bundles it into
// one module (scripts/bundle.mjs), which starts faster; a bundle older than the last compile
// (`tsc -b` run since) is stale and the compiled modules are used instead.
import { statSync } from 'node:fs';

const mtime = (path) => statSync(new URL(path, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundled = mtime('../dist/cli/main.bundle.js') >= mtime('../dist/.tsbuildinfo');
await import(bundled ? '../dist/cli/main.bundle.js' : '../dist/cli/main.js');
