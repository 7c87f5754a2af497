#!/usr/bin/env -S node --min-semi-space-size=16
// The first line gives Node one heap setting, which only the command line can give (V8 fixes the
// heap's layout before any script runs): the young generation starts at its full size (16 MB)
// instead of growing from 1 MB. Parsing a large catalog keeps nearly everything it allocates, so
// a small young generation copies the same syntax trees again and again while it grows; starting
// full cut the 1,000-layer benchmark export by 5-8% (wall and CPU, interleaved runs; see
// bench/nickel/FINDINGS.md). The pnpm bin shim and a direct `./lamina-nickel.js` pass it;
// `node FILE` runs without it, with the same output.
// Thin launcher: the CLI lives in the compiled library (src/cli), bundled into one module by the
// build (`pnpm build`: tsc, then scripts/bundle.mjs), which starts faster.
import { setFlagsFromString } from 'node:v8';

// A run of this CLI is short: the optimising compiler's background jobs cost more CPU than deep
// inlining wins back before the process exits (2.1 s of compile jobs in a 1.5 s export of the
// 1,000-layer benchmark catalog). A smaller inlining budget, set before any of our code runs,
// cut that export's process CPU by 13-15% and its wall time by 5-9% (interleaved runs). It only
// changes what V8 inlines, never what a program evaluates to.
setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');

await import('../dist/cli/main.bundle.js');
