/** `lamina consume LAYER [--mode from|donor]`: the Dockerfile snippet that consumes one layer. */
import { consumeSnippet, defaultMode, imageRef, modeProblem, type ConsumeMode } from '../../suggest/index.js';
import { pinsFor } from '../../registry/lock.js';
import { CatalogRequestError, UsageError } from '../args.js';
import { EXIT_CATALOG_ERRORS, EXIT_OK, type CommandContext } from '../context.js';
import { loadOrReport, nameArgument, noSuchLayer } from './common.js';

export default async function consume(ctx: CommandContext): Promise<number> {
  const name = nameArgument(ctx);
  const modeArg = ctx.invocation.values.mode;
  if (modeArg !== undefined && modeArg !== 'from' && modeArg !== 'donor')
    throw new UsageError(`--mode must be \`from\` or \`donor\`, not \`${String(modeArg)}\``);
  const catalog = await loadOrReport(ctx);
  if (!catalog) return EXIT_CATALOG_ERRORS;
  const layer = catalog.layer(name);
  if (!layer) throw new CatalogRequestError(noSuchLayer(catalog, name));
  const mode: ConsumeMode = (modeArg as ConsumeMode | undefined) ?? defaultMode(layer);
  const problem = modeProblem(layer, mode);
  if (problem) throw new UsageError(problem);
  // Pinned by digest when lamina.lock.json knows this fingerprint's published build.
  const pins = pinsFor(catalog);
  const snippet = consumeSnippet(catalog, layer, mode, pins);
  if (ctx.json) ctx.out.json({ layer: layer.name, class: layer.class, mode, image: imageRef(layer, pins), fingerprint: layer.fingerprint, snippet });
  else ctx.out.out(snippet.trimEnd());
  return EXIT_OK;
}
