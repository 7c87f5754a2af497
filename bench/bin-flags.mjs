// The Node flags a lamina bin's first line passes (`#!/usr/bin/env -S node --flag…`). pnpm's bin
// shim and running the file itself pass them; a benchmark that starts `node` itself (to profile,
// or to load the library in-process) passes the same ones, so that it measures what users run.
import { readFileSync } from 'node:fs';

export function binNodeFlags(bin) {
  const first = readFileSync(bin, 'utf8').split('\n', 1)[0];
  const words = first
    .replace(/^#!\s*/, '')
    .split(/\s+/)
    .filter(Boolean);
  const node = words.indexOf('node');
  return node < 0 ? [] : words.slice(node + 1);
}
