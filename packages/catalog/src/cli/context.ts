/** What every command receives: the parsed command line, the catalog root, and the output. */
import type { Invocation } from './args.js';
import type { Output } from './output.js';

export interface CommandContext {
  readonly invocation: Invocation;
  readonly root: string;
  readonly out: Output;
  readonly json: boolean;
}

/** A command returns its exit status. */
export type Command = (ctx: CommandContext) => Promise<number> | number;

/**
 * Exit statuses, the same for every command: 0 done (warnings allowed), 1 the catalog or what was
 * asked of it is wrong (errors, an unknown layer, a stale file, a registry that cannot answer),
 * 2 the command line itself is wrong, 70 a bug in lamina.
 */
export const EXIT_OK = 0;
export const EXIT_CATALOG_ERRORS = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 70;
