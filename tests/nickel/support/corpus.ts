/**
 * The golden corpus: tests/nickel/golden/<category>/<name>.ncl beside <name>.json (the reference's
 * export, byte for byte) or <name>.err (first line: the reference's error kind; then its message,
 * for humans). Beside a .err, <name>.ours.txt is our own diagnostic for the program, as the CLI
 * renders it, so a change of wording shows up in review. Files under a `fixtures` folder are
 * imported by programs, not programs themselves.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GOLDEN_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'golden');
export const KNOWN_FAILURES = join(GOLDEN_ROOT, 'known-failures.txt');

export type Expectation = { kind: 'export'; json: string } | { kind: 'error'; errorKind: string; message: string };

export interface GoldenProgram {
  /** Path relative to the golden root, with `/` separators: `records/nested.ncl`. */
  readonly id: string;
  readonly file: string;
  readonly expected: Expectation | undefined;
  /** Where our rendered diagnostic is kept (`<name>.ours.txt`), and its text when it exists. */
  readonly oursFile: string;
  readonly ours: string | undefined;
}

export const OURS_SUFFIX = '.ours.txt';

export function goldenPrograms(root = GOLDEN_ROOT): GoldenProgram[] {
  const programs: GoldenProgram[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'fixtures') walk(path);
      } else if (entry.name.endsWith('.ncl')) {
        const oursFile = path.slice(0, -'.ncl'.length) + OURS_SUFFIX;
        const ours = existsSync(oursFile) ? readFileSync(oursFile, 'utf8') : undefined;
        programs.push({ id: relative(root, path).split('\\').join('/'), file: path, expected: expectationOf(path), oursFile, ours });
      }
    }
  };
  walk(root);
  return programs;
}

/** Every `<name>.ours.txt` under the root (fixtures included, where none belongs). */
export function oursFiles(root = GOLDEN_ROOT): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(OURS_SUFFIX)) files.push(path);
    }
  };
  walk(root);
  return files.sort();
}

function expectationOf(program: string): Expectation | undefined {
  const base = program.slice(0, -'.ncl'.length);
  if (existsSync(base + '.json')) return { kind: 'export', json: readFileSync(base + '.json', 'utf8') };
  if (existsSync(base + '.err')) {
    const text = readFileSync(base + '.err', 'utf8');
    const newline = text.indexOf('\n');
    return {
      kind: 'error',
      errorKind: (newline < 0 ? text : text.slice(0, newline)).trim(),
      message: newline < 0 ? '' : text.slice(newline + 1),
    };
  }
  return undefined;
}

/** known-failures.txt: `<id> <reason…>` per line; `#` starts a comment line. */
export function readKnownFailures(file = KNOWN_FAILURES): Map<string, string> {
  const known = new Map<string, string>();
  if (!existsSync(file)) return known;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const space = trimmed.search(/\s/);
    known.set(space < 0 ? trimmed : trimmed.slice(0, space), space < 0 ? '' : trimmed.slice(space).trim());
  }
  return known;
}

export function knownFailuresText(failures: ReadonlyArray<readonly [string, string]>): string {
  const header = [
    '# Golden programs our evaluator does not pass yet: `<program> <why it fails>`, one per line.',
    '# A listed failure is reported as skipped; a listed program that passes fails the suite until it',
    '# is removed, so this list only shrinks. Regenerate with `node scripts/golden-known-failures.mjs`.',
  ];
  const lines = [...failures].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, why]) => `${id} ${why}`);
  return [...header, ...lines].join('\n') + '\n';
}
