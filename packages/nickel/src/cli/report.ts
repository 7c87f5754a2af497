import { NickelError } from '../diagnostics/error.js';
import { StackLimitReached } from '../diagnostics/eval-errors.js';
import { renderJson } from '../diagnostics/render-json.js';
import { renderText } from '../diagnostics/render.js';
import type { SourceRegistry } from '../source/registry.js';
import type { CliIo } from './io.js';
import type { CommonOptions } from './options.js';

/** Exit statuses: the program is wrong (1), the command line is (2), lamina-nickel is (70). */
export const EXIT_OK = 0;
export const EXIT_PROGRAM_ERROR = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 70;

/**
 * Runs a command's work and turns a NickelError into a diagnostic on stderr and exit status 1.
 * Anything else escapes to the top-level handler (an internal error).
 */
export function withDiagnostics(sources: SourceRegistry, common: CommonOptions, io: CliIo, work: () => void): number {
  try {
    work();
    return EXIT_OK;
  } catch (e) {
    if (!(e instanceof NickelError)) throw e;
    if (e.kind === 'EvalError::StackOverflow' && !(e instanceof StackLimitReached) && io.retryOnStackOverflow) throw new StackOverflowRetry();
    reportError(e, sources, common, io);
    return EXIT_PROGRAM_ERROR;
  }
}

/**
 * Thrown instead of reporting a stack overflow when the caller can run the command again with a
 * larger stack (see main.ts): evaluation has no side effects, so a second run is safe.
 */
export class StackOverflowRetry extends Error {
  constructor() {
    super('stack overflow: retry with a larger stack');
  }
}

export function reportError(error: NickelError, sources: SourceRegistry | undefined, common: CommonOptions, io: CliIo): void {
  if (common.errorFormat === 'json') io.stderr(renderJson(error, sources) + '\n');
  else io.stderr(renderText(error, sources, { color: useColor(common, io) }));
}

/** Colour only on a terminal, never when NO_COLOR is set (https://no-color.org), unless forced. */
export function useColor(common: CommonOptions, io: CliIo): boolean {
  if (common.color === 'always') return true;
  if (common.color === 'never') return false;
  const noColor = io.env['NO_COLOR'];
  return io.stderrIsTTY && (noColor === undefined || noColor === '');
}
