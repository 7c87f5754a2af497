#!/usr/bin/env -S node --min-semi-space-size=16
// The first line gives Node one heap setting, which only the command line can give (V8 fixes the
// heap's layout before any script runs): the young generation starts at its full size (16 MB)
// instead of growing from 1 MB. Parsing a large catalog keeps nearly everything it allocates, so
// a small young generation copies the same syntax trees again and again while it grows; starting
// full cut the 1,000-layer benchmark export by 5-8% (wall and CPU, interleaved runs; see
// bench/nickel/FINDINGS.md). The pnpm bin shim and a direct `./lamina-nickel.js` pass it;
// `node FILE` runs without it, with the same output.
// Thin launcher: the CLI lives in the compiled library (src/cli), bundled into one script by the
// build (`pnpm build`: tsc, then scripts/bundle.mjs), which starts faster, and compiled from
// V8's code cache when one fits (src/cli/code-cache.ts).
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runBundle } from '../dist/cli/code-cache.js';

// A run of this CLI is short: the optimising compiler's background jobs cost more CPU than deep
// inlining wins back before the process exits (2.1 s of compile jobs in a 1.5 s export of the
// 1,000-layer benchmark catalog). A smaller inlining budget, set before any of our code runs,
// cut that export's process CPU by 13-15% and its wall time by 5-9% (interleaved runs). It only
// changes what V8 inlines, never what a program evaluates to.
// For the same reason a function is optimised only after 4 times V8's default interrupt budget
// (the bytecode it runs first): most runs are short, and optimising their hot functions early
// costs more compile CPU than it saves (figures: bench/nickel/FINDINGS.md).
const V8_FLAGS = ['--max-inlined-bytecode-size-cumulative=200', '--interrupt-budget=270336'];
for (const flag of V8_FLAGS) setFlagsFromString(flag);

runBundle(fileURLToPath(new URL('../dist/cli/main.bundle.cjs', import.meta.url)), { v8Flags: V8_FLAGS });
