/**
 * `lamina site [--out DIR] [--base-url URL]`: the catalog as a static website in DIR (default
 * `site/` under the catalog root), built by the site phase (loaded only here: Graphviz's wasm and
 * the page templates are heavy). Prints what it wrote; `--json` gives the same as data.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { UsageError } from '../args.js';
import { EXIT_CATALOG_ERRORS, EXIT_OK, type CommandContext } from '../context.js';
import { loadOrReport, plural } from './common.js';

export const DEFAULT_SITE_DIR = 'site';

export default async function site(ctx: CommandContext): Promise<number> {
  const outArg = ctx.invocation.values.out;
  const baseUrl = ctx.invocation.values['base-url'];
  if (outArg === '') throw new UsageError('--out needs a folder');
  if (baseUrl !== undefined && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(String(baseUrl)))
    throw new UsageError(`--base-url ${String(baseUrl)}: expected an http(s) URL such as https://example.org/lamina/`);
  const out = resolve(process.cwd(), typeof outArg === 'string' ? outArg : resolve(ctx.root, DEFAULT_SITE_DIR));
  if (out === resolve(ctx.root)) throw new UsageError('--out is the catalog root itself: give a folder of its own (e.g. site/)');
  const catalog = await loadOrReport(ctx);
  if (!catalog) return EXIT_CATALOG_ERRORS;
  const { buildSite } = await import('../../site/index.js');
  const report = await buildSite(catalog, { out, baseUrl: typeof baseUrl === 'string' ? baseUrl : null });
  if (!report.ok) {
    ctx.out.diagnostics(report.diagnostics);
    return EXIT_CATALOG_ERRORS;
  }
  const where = relative(process.cwd(), out) || '.';
  if (ctx.json) {
    ctx.out.json({
      out: where,
      files: report.files,
      written: report.written,
      removed: report.removed,
      unchanged: report.unchanged,
      languages: report.languages,
      grouped: report.grouped,
    });
  } else {
    for (const f of report.removed) ctx.out.err(`removed ${f} (no longer part of the site)`);
    const changed = report.written.length === 0 ? 'nothing changed' : `${plural(report.written.length, 'file')} written`;
    ctx.out.out(
      `ok: site in ${isAbsolute(where) ? where : where + '/'} — ${plural(report.files, 'file')}, ${changed}; languages ${report.languages.join(', ')}${report.grouped ? '; graph grouped by class' : ''}; open ${where}/index.html`,
    );
  }
  return EXIT_OK;
}
