import type { SourceRegistry } from '../source/registry.js';
import type { NickelError } from './error.js';

export interface RenderOptions {
  color: boolean;
}

/** TODO: codespan-style excerpt. */
export function renderText(error: NickelError, sources: SourceRegistry | undefined, opts: RenderOptions): string {
  void sources;
  void opts;
  const lines = [`error: ${error.message}`];
  for (const note of error.notes) lines.push(`  = ${note}`);
  return lines.join('\n') + '\n';
}
