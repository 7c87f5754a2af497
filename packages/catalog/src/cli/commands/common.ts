import { loadCatalog, type LoadedCatalog } from '../../index.js';
import type { CommandContext } from '../context.js';

/**
 * Loads the catalog; prints its diagnostics (stderr) and returns undefined when it has errors, so
 * commands that need a sound graph stop with exit 1. Warnings are printed and do not stop.
 */
export function loadOrReport(ctx: CommandContext): LoadedCatalog | undefined {
  const catalog = loadCatalog(ctx.root);
  ctx.out.diagnostics(catalog.diagnostics);
  return catalog.ok ? catalog : undefined;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
