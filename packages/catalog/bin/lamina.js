#!/usr/bin/env -S node --min-semi-space-size=16
// The first line: the young generation starts at its full size (16 MB; only the command line can
// set it, before the heap exists). Loading a catalog keeps nearly everything it allocates, and a
// small young generation copies the same syntax trees again and again while it grows (figures:
// bench/catalog/RESULTS.md). `node FILE` runs without it, with the same output.
// Thin launcher: the CLI lives in the compiled library (src/cli).
import { setFlagsFromString } from 'node:v8';

// As in lamina-nickel's launcher: a short process gains more from less optimising-compiler work
// than from deep inlining (1,000-layer synthetic catalog: evaluation's process CPU 15% lower,
// wall time 10% lower; bench/catalog/RESULTS.md). Set before any of our code runs; it changes
// only what V8 inlines. Worker threads share the setting.
setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');

await import('../dist/cli/main.js');
