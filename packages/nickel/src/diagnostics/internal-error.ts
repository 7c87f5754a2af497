/**
 * `InternalError`: a bug of lamina-nickel rather than of the program (something thrown that is not
 * a NickelError). Only the CLI's top-level handlers report it, as text or as a JSON diagnostic of
 * that kind; nothing in the program can be labelled, so it is not a NickelError.
 */
export function renderInternalError(message: string, format: 'text' | 'json'): string {
  if (format === 'json') return JSON.stringify({ kind: 'InternalError', message, labels: [], notes: ['this is a bug in lamina-nickel'] }) + '\n';
  return `internal error: ${message} (this is a bug in lamina-nickel)\n`;
}
