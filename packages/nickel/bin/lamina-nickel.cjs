#!/usr/bin/env node
'use strict';
// A CommonJS script, not an ES module: Node's ESM loader costs a short run several milliseconds
// before any of our code starts (bench/nickel/REALWORLD.md, "Start-up"). The CLI itself lives in
// the compiled library (src/cli), bundled into one script by the build and compiled from V8's
// code cache when one fits (src/cli/code-cache.ts, bundled to dist/cli/launch.cjs).
//
// Two V8 settings, set before the CLI's code is compiled: a smaller inlining budget, and
// optimisation only after 4 times V8's default interrupt budget. A run is short, and early, deep
// optimisation costs more compile CPU than it wins back. Neither changes what a program evaluates
// to (figures: bench/nickel/FINDINGS.md). Set here rather than on the first line, so that
// `node lamina-nickel.cjs`, the bin shims and `./lamina-nickel.cjs` all run alike; given on the
// command line, they also slowed Node's own start-up code.
const V8_FLAGS = ['--max-inlined-bytecode-size-cumulative=200', '--interrupt-budget=270336'];

// node:v8 loads Node's streams with it, several milliseconds of a short run: its binding does the
// same call without them. Its access is deprecated (DEP0111), hence the silenced warning, and
// node:v8 stays the way when a Node no longer offers it.
function v8Settings() {
  const quiet = process.noDeprecation;
  process.noDeprecation = true;
  try {
    const binding = process.binding('v8');
    if (typeof binding.setFlagsFromString === 'function') return binding;
  } catch {
    // no such binding
  } finally {
    process.noDeprecation = quiet;
  }
  return require('node:v8');
}

const { join } = require('node:path');
// before the flags: V8 checks Node's own code cache (node:vm, which the launcher loads) against them
const { runBundle } = require('../dist/cli/launch.cjs');
const settings = v8Settings();
for (const flag of V8_FLAGS) settings.setFlagsFromString(flag);
runBundle(join(__dirname, '..', 'dist', 'cli', 'main.bundle.cjs'), { v8Flags: V8_FLAGS });
