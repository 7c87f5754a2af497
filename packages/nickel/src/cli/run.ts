import { NickelError } from '../diagnostics/error.js';
import { stackOverflow } from '../diagnostics/eval-errors.js';
import { renderInternalError } from '../diagnostics/internal-error.js';
import { evalCommand } from './eval.js';
import { exportCommand } from './export.js';
import { HELP, USAGE_HINT, versionText } from './help.js';
import type { CliIo } from './io.js';
import { type CommonOptions, type Invocation, UsageError, parseCommandLine } from './options.js';
import { queryCommand } from './query.js';
import { EXIT_INTERNAL, EXIT_OK, EXIT_PROGRAM_ERROR, EXIT_USAGE, StackOverflowRetry, reportError } from './report.js';

/**
 * Runs one command line and returns the exit status. The single place where failures are sorted:
 * a NickelError is the program's fault (1), a UsageError the command line's (2), anything else
 * is a bug of ours (70) and says so, without a stack trace unless `--trace`.
 */
export function runCli(argv: string[], io: CliIo): number {
  let invocation: Invocation;
  try {
    invocation = parseCommandLine(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`error: ${e.message}\n${USAGE_HINT}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  const { common, command } = invocation;
  try {
    switch (command.name) {
      case 'help':
        io.stdout(HELP);
        return EXIT_OK;
      case 'version':
        io.stdout(versionText());
        return EXIT_OK;
      case 'export':
        return exportCommand(command, common, io);
      case 'eval':
        return evalCommand(command, common, io);
      case 'query':
        return queryCommand(command, common, io);
    }
  } catch (e) {
    if (e instanceof StackOverflowRetry || (io.retryOnStackOverflow && isStackOverflow(e))) throw new StackOverflowRetry();
    return reportUnexpected(e, common, io);
  }
}

/** What escaped every command: a stack overflow is the program's; the rest is an internal error. */
export function reportUnexpected(e: unknown, common: CommonOptions, io: CliIo): number {
  if (e instanceof NickelError) {
    reportError(e, undefined, common, io);
    return EXIT_PROGRAM_ERROR;
  }
  if (isStackOverflow(e)) {
    reportError(stackOverflow(), undefined, common, io);
    if (common.trace && e instanceof Error && e.stack) io.stderr(e.stack + '\n');
    return EXIT_PROGRAM_ERROR;
  }
  const message = e instanceof Error ? e.message : String(e);
  io.stderr(renderInternalError(message, common.errorFormat));
  if (common.trace && e instanceof Error && e.stack) io.stderr(e.stack + '\n');
  return EXIT_INTERNAL;
}

export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

export { StackOverflowRetry };
