/**
 * Support for the site tests: a temporary copy of the shipped catalog (with its ADRs, which the
 * home page reports on), the site built from it, every file of a folder, and the links a page makes.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadCatalog, type LoadedCatalog } from '../../packages/catalog/src/index.js';
import { buildSite, type SiteOptions, type SiteReport } from '../../packages/catalog/src/site/index.js';
import { REPO } from '../catalog/support.js';

export { REPO };

const made: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `lamina-${prefix}-`));
  made.push(dir);
  return dir;
}

/** The shipped catalog copied to a temporary folder: layers, schemas, templates, ADRs, generated output. */
export function catalogCopy(): string {
  const dir = tempDir('site-catalog');
  for (const sub of ['layers', 'schemas', 'templates', 'generated', 'adr']) cpSync(join(REPO, sub), join(dir, sub), { recursive: true });
  return dir;
}

export function cleanTemp(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export async function siteOf(root: string, out: string, opts: Partial<SiteOptions> = {}): Promise<{ catalog: LoadedCatalog; report: SiteReport }> {
  const catalog = loadCatalog(root, { cache: false });
  if (!catalog.ok) throw new Error(`the catalog at ${root} has errors`);
  return { catalog, report: await buildSite(catalog, { out, ...opts }) };
}

/** Every file under `dir`, by path relative to it (`/`-separated). */
export function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p).split('\\').join('/'), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** The `href` and `src` values of a page (HTML attributes and SVG `xlink:href`), entities decoded. */
export function linksOf(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/\s(?:href|src|xlink:href)="([^"]*)"/g)) out.push((m[1] ?? '').replace(/&amp;/g, '&').replace(/&#45;/g, '-'));
  return out;
}

/** The ids a page defines. */
export function idsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => (m[1] ?? '').replace(/&#45;/g, '-')));
}
