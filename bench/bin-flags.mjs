// The Node and V8 flags a lamina bin runs with: those on its first line
// (`#!/usr/bin/env -S node --flag…`, passed by pnpm's bin shim and by running the file itself) and
// those it sets at start from a `const V8_FLAGS = [...]` list. A benchmark that starts `node`
// itself (to profile, or to load the library in-process) passes the same ones, so that it
// measures what users run.
import { readFileSync } from 'node:fs';

export function binNodeFlags(bin) {
  const text = readFileSync(bin, 'utf8');
  const words = text
    .split('\n', 1)[0]
    .replace(/^#!\s*/, '')
    .split(/\s+/)
    .filter(Boolean);
  const node = words.indexOf('node');
  const shebang = node < 0 ? [] : words.slice(node + 1);
  const list = /const V8_FLAGS = \[([^\]]*)\]/.exec(text);
  const set = list ? [...list[1].matchAll(/'([^']+)'/g)].map((m) => m[1]) : [];
  return [...shebang, ...set];
}
