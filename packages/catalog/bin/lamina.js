#!/usr/bin/env node
// Thin launcher: the CLI lives in the compiled library (src/cli).
import { setFlagsFromString } from 'node:v8';

// As in lamina-nickel's launcher: a short process gains more from less optimising-compiler work
// than from deep inlining (1,000-layer synthetic catalog: evaluation's process CPU 15% lower,
// wall time 10% lower; bench/catalog/RESULTS.md). Set before any of our code runs; it changes
// only what V8 inlines. Worker threads share the setting.
setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');

await import('../dist/cli/main.js');
