#!/usr/bin/env node
'use strict';
// A CommonJS script, not an ES module: Node's ESM loader costs a short run several milliseconds
// before any of our code starts (bench/nickel/REALWORLD.md, "Start-up"). The CLI itself lives in
// the compiled library (src/cli), bundled into one script by the build and compiled from V8's
// code cache when one fits (src/cli/code-cache.ts, bundled to dist/cli/launch.cjs).
//
// Two V8 settings, set before any of our code is compiled: a smaller inlining budget, and
// optimisation only after 4 times V8's default interrupt budget. A run is short, and early, deep
// optimisation costs more compile CPU than it wins back. Neither changes what a program evaluates
// to (figures: bench/nickel/FINDINGS.md). Set here rather than on the first line, so that
// `node lamina-nickel.cjs`, the bin shims and `./lamina-nickel.cjs` all run alike; given on the
// command line, they also slowed Node's own start-up code.
const V8_FLAGS = ['--max-inlined-bytecode-size-cumulative=200', '--interrupt-budget=270336'];
const { setFlagsFromString } = require('node:v8');
for (const flag of V8_FLAGS) setFlagsFromString(flag);

const { join } = require('node:path');
const { runBundle } = require('../dist/cli/launch.cjs');
runBundle(join(__dirname, '..', 'dist', 'cli', 'main.bundle.cjs'), { v8Flags: V8_FLAGS });
