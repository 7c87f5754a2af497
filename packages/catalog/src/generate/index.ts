/**
 * STUB (owned by the generation work): renders every generated file of the catalog under
 * `<root>/generated/` — `dockerfiles/<layer>.Dockerfile` (Handlebars, one template per class from
 * `<root>/templates/dockerfile/`), `docker-bake.json` (from a typed object), `docker-bake.hcl` (from
 * `<root>/templates/bake.hcl.hbs`) and `catalog.ts` (the typed module, ts-morph, loaded lazily).
 * Writes are atomic; files of removed layers are removed; with `check`, nothing is written and the
 * stale files are reported instead.
 */
export interface GenerateOptions {
  /** Catalog root (the directory holding `layers/`, `templates/`, `schemas/`). */
  root: string;
  /** Report stale files instead of writing. */
  check: boolean;
  /** Called as files are rendered, for progress output on large catalogs. */
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateReport {
  /** Paths relative to the root, sorted. */
  written: string[];
  removed: string[];
  /** With `check`: files whose committed content differs from what would be generated (or that are missing or extra). */
  stale: string[];
  unchanged: number;
}

export async function generate(catalog: unknown, opts: GenerateOptions): Promise<GenerateReport> {
  void catalog;
  void opts;
  throw new Error('generation not implemented yet');
}
