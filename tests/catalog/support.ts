/**
 * Fixture catalogs: `fixtures/<case>/layers/…`, copied into a temporary directory together with the
 * repository's `schemas/` (the contracts the layers import and the JSON Schemas the loader uses),
 * so each test loads a complete catalog and may change it freely.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedCatalog } from '../../packages/catalog/src/index.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = join(REPO, 'tests/catalog/fixtures');

// Tests keep their caches (compiled validators, evaluations of temporary catalogs) away from the
// user's ~/.cache; one directory shared by every run keeps the compiled schemas warm.
process.env.LAMINA_CACHE_DIR ??= join(tmpdir(), 'lamina-test-cache');

const made: string[] = [];

export function fixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `lamina-${name}-`));
  made.push(dir);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  cpSync(join(REPO, 'schemas'), join(dir, 'schemas'), { recursive: true });
  // The shipped templates, unless the fixture has its own: a catalog without them cannot generate.
  if (!existsSync(join(dir, 'templates'))) cpSync(join(REPO, 'templates'), join(dir, 'templates'), { recursive: true });
  return dir;
}

export function cleanFixtures(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  // Evaluation caches of the temporary catalogs just removed (the compiled validators stay).
  const cacheDir = process.env.LAMINA_CACHE_DIR!;
  try {
    for (const f of readdirSync(cacheDir)) if (f.startsWith('eval-')) rmSync(join(cacheDir, f), { force: true });
  } catch {
    // no cache yet
  }
}

/** `file:line:col code` of each diagnostic, for compact assertions. */
export function where(ds: readonly { file: string; line: number; col: number; code: string }[]): string[] {
  return ds.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`);
}

/** Everything a load produced that two loads must agree on, in comparable form. */
export function loadSummary(c: LoadedCatalog) {
  return {
    layers: c.layers.map((l) => [l.name, l.fingerprint, l.directives, l.workflow, l.inputFiles]),
    edges: c.edges,
    diagnostics: c.diagnostics,
    imports: [...c.importGraph],
  };
}
