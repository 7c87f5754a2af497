/**
 * `lamina new NAME --class toolchain|source-dep|native-dep [--base LAYER|IMAGE]`: scaffolds a layer
 * that validates at once (scaffold/), writes it (each file atomically), and checks it by loading
 * the catalog again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalogAsync, LAYER_CLASSES, type LayerClass } from '../../index.js';
import { writeAtomic } from '../../generate/write.js';
import { LAYER_NAME, scaffoldLayer, sharedFields } from '../../scaffold/index.js';
import { CatalogRequestError, UsageError } from '../args.js';
import { EXIT_CATALOG_ERRORS, EXIT_OK, type CommandContext } from '../context.js';
import { catalogOptions, loadOrReport, nameArgument } from './common.js';

export default async function newLayer(ctx: CommandContext): Promise<number> {
  const name = nameArgument(ctx);
  const cls = ctx.invocation.values.class as string | undefined;
  if (cls === undefined || !(LAYER_CLASSES as readonly string[]).includes(cls)) {
    throw new UsageError(`--class ${cls === undefined ? 'is required' : `\`${cls}\``}: one of ${LAYER_CLASSES.join(', ')}`);
  }
  if (!LAYER_NAME.test(name)) throw new UsageError(`\`${name}\` is not a layer name (lowercase letters, digits and single dashes)`);
  const catalog = await loadOrReport(ctx);
  if (!catalog) return EXIT_CATALOG_ERRORS;
  let shared: string | undefined;
  try {
    shared = readFileSync(join(catalog.root, 'layers/catalog.ncl'), 'utf8');
  } catch {
    shared = undefined;
  }
  const made = scaffoldLayer(catalog, { name, class: cls as LayerClass, base: ctx.invocation.values.base as string | undefined, shared: sharedFields(shared) });
  if (!made.ok) throw new CatalogRequestError(made.problem);
  for (const [rel, text] of made.files) writeAtomic(join(catalog.root, rel), text);
  const after = await loadCatalogAsync(catalog.root, catalogOptions(ctx));
  const own = after.diagnostics.filter((d) => d.layer === name);
  if (ctx.json) ctx.out.json({ layer: name, class: cls, files: [...made.files.keys()], diagnostics: own });
  else {
    for (const rel of made.files.keys()) ctx.out.out(`created ${rel}`);
    ctx.out.diagnostics(own);
    ctx.out.out(
      `next: replace the TODOs in layers/${name}/, then \`lamina validate\` and \`lamina gen\`${cls === 'source-dep' ? ' (it also writes the cook manifest, with cargo)' : ''}`,
    );
  }
  return own.some((d) => d.severity === 'error') ? EXIT_CATALOG_ERRORS : EXIT_OK;
}
