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

export const EXIT_OK = 0;
export const EXIT_CATALOG_ERRORS = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 70;
