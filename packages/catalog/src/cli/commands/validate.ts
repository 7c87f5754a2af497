/** `lamina validate`: every check, nothing written. Fast enough for a pre-commit hook. */
import { loadCatalogAsync } from '../../index.js';
import { EXIT_CATALOG_ERRORS, EXIT_OK, type CommandContext } from '../context.js';
import { catalogOptions, plural } from './common.js';

export default async function validate(ctx: CommandContext): Promise<number> {
  const catalog = await loadCatalogAsync(ctx.root, catalogOptions(ctx));
  const errors = catalog.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = catalog.diagnostics.length - errors;
  if (ctx.json) {
    ctx.out.json({ ok: catalog.ok, layers: catalog.layers.length, edges: catalog.edges.length, errors, warnings, diagnostics: catalog.diagnostics });
    return catalog.ok ? EXIT_OK : EXIT_CATALOG_ERRORS;
  }
  ctx.out.diagnostics(catalog.diagnostics);
  if (!catalog.ok) {
    ctx.out.err(`${plural(errors, 'error')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}`);
    return EXIT_CATALOG_ERRORS;
  }
  ctx.out.out(
    `${ctx.out.paint('green', 'ok')}: ${plural(catalog.layers.length, 'layer')}, ${plural(catalog.edges.length, 'edge')}, ${plural(catalog.buildWaves().length, 'wave')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}`,
  );
  return EXIT_OK;
}
