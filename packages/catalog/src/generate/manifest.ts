/**
 * The list of files `lamina gen` wrote, `generated/lamina-generated.json`: what the next
 * generation may replace or delete. Anything else in generated/ (a README, a hand-written
 * Dockerfile) belongs to someone else and is left alone. A catalog generated before the manifest
 * existed has none: its generated Dockerfiles are recognised by name that one time.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const GENERATED_MANIFEST = 'generated/lamina-generated.json';
const FORMAT = 'lamina-generated/1';

export function manifestText(paths: Iterable<string>): string {
  return JSON.stringify({ format: FORMAT, files: [...paths].sort() }, null, 2) + '\n';
}

/** The files the previous generation wrote, relative to the root. */
export function previousOutputs(root: string, dockerfilesDir: string, fixed: readonly string[]): string[] {
  try {
    const m = JSON.parse(readFileSync(join(root, GENERATED_MANIFEST), 'utf8')) as { format?: unknown; files?: unknown };
    if (m.format === FORMAT && Array.isArray(m.files))
      return m.files.filter((f): f is string => typeof f === 'string' && f.startsWith('generated/') && !f.includes('..'));
  } catch {
    // none yet, or unreadable: fall back to the names generation gives
  }
  let names: string[] = [];
  try {
    names = readdirSync(join(root, dockerfilesDir));
  } catch {
    // no Dockerfiles yet
  }
  return [...fixed, ...names.filter((n) => /\.Dockerfile(\.dockerignore)?$/.test(n)).map((n) => `${dockerfilesDir}/${n}`)];
}
