/**
 * The `'grep` check: a regular expression, line by line, over the files its globs select among
 * the files git knows (tracked, or untracked and not ignored) plus `generated/`. Without git (a
 * catalog copied elsewhere) the tree is walked instead, skipping dependency and VCS folders.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { picomatch } from '../lazy-deps.js';
import type { GrepCheck } from './model.js';

export interface GrepHit {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** `absent`: the matching text; `present`: empty. */
  readonly text: string;
}

const SKIPPED_DIRS = new Set(['.git', 'node_modules', 'dist', '.pnpm-store']);

/** The candidate files, relative and sorted; computed once per check run. */
export function candidateFiles(root: string): string[] {
  const files = new Set<string>();
  const git = spawnSync('git', ['-C', root, 'ls-files', '--cached', '--others', '--exclude-standard', '-z'], { encoding: 'utf8' });
  // Run in root, git lists paths relative to root (also when root is a folder of a repository).
  if (git.status === 0) {
    for (const f of git.stdout.split('\0')) if (f) files.add(f);
  } else {
    walk(root, '', files);
  }
  walk(root, 'generated', files);
  return [...files].filter((f) => isFile(join(root, f))).sort();
}

function walk(root: string, rel: string, out: Set<string>): void {
  let entries;
  try {
    entries = readdirSync(join(root, rel), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name)) walk(root, path, out);
    } else if (e.isFile()) out.add(path);
  }
}

function isFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}

/** Runs one grep check; an invalid pattern is reported by the caller (it throws SyntaxError). */
export function runGrep(_root: string, files: readonly string[], check: GrepCheck, read: (rel: string) => string): GrepHit[] {
  const selected = picomatch()([...check.paths], { dot: true });
  const pattern = new RegExp(check.pattern, 'u');
  const hits: GrepHit[] = [];
  for (const file of files) {
    if (!selected(file)) continue;
    const lines = read(file).split(/\r?\n/);
    let found = false;
    for (const [i, line] of lines.entries()) {
      const m = pattern.exec(line);
      if (!m) continue;
      found = true;
      if (check.must === 'absent') hits.push({ file, line: i + 1, col: [...line.slice(0, m.index)].length + 1, text: m[0] });
      else break;
    }
    if (check.must === 'present' && !found) hits.push({ file, line: 1, col: 1, text: '' });
  }
  return hits;
}

export function fileReader(root: string): (rel: string) => string {
  const cache = new Map<string, string>();
  return (rel) => {
    let text = cache.get(rel);
    if (text === undefined) cache.set(rel, (text = readFileSync(join(root, rel), 'utf8')));
    return text;
  };
}
