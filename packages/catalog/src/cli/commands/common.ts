import { loadCatalogAsync, type LoadedCatalog } from '../../index.js';
import type { CommandContext } from '../context.js';
import { nearest, UsageError } from '../args.js';
import type { LoadCatalogOptions } from '../../index.js';

/**
 * Loads the catalog; prints its diagnostics (stderr) and returns undefined when it has errors, so
 * commands that need a sound graph stop with exit 1. Warnings are printed and do not stop.
 */
export async function loadOrReport(ctx: CommandContext): Promise<LoadedCatalog | undefined> {
  const catalog = await loadCatalogAsync(ctx.root, catalogOptions(ctx));
  ctx.out.diagnostics(catalog.diagnostics);
  return catalog.ok ? catalog : undefined;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The CLI reuses unchanged layers' evaluations unless told not to (--no-cache), and evaluates a
 * large catalog's changed layers in worker threads (small ones stay in this thread).
 */
export function catalogOptions(ctx: CommandContext): LoadCatalogOptions {
  return { cache: ctx.invocation.values['no-cache'] !== true };
}

/** The command's NAME argument (parseCommandLine has checked that one is given). */
export function nameArgument(ctx: CommandContext): string {
  const name = ctx.invocation.positionals[0];
  if (name === undefined) throw new UsageError('missing argument: NAME');
  return name;
}

/** "no layer `x` (did you mean `y`?)": the one wording for a layer name the catalog lacks. */
export function noSuchLayer(catalog: LoadedCatalog, name: string): string {
  return `no layer \`${name}\`${nearest(
    name,
    catalog.layers.map((l) => l.name),
  )}`;
}
