/**
 * The `lamina` command: parse, find the catalog, run one command (each loaded only when used, so
 * `validate` never loads the generator's heavy libraries), map the outcome to an exit status.
 * One catch at the top: a usage mistake is exit 2, anything unexpected is an internal error
 * (exit 70, "this is a bug"), with a stack only under --trace.
 */
import { readFileSync } from 'node:fs';
import { CatalogRequestError, UsageError, commandHelp, helpText, parseCommandLine, type CommandName } from './args.js';
import { EXIT_CATALOG_ERRORS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, type Command } from './context.js';
import { Output, type Streams } from './output.js';
import { findRoot } from './root.js';

const LOADERS: Record<CommandName, () => Promise<{ default: Command }>> = {
  validate: () => import('./commands/validate.js'),
  gen: () => import('./commands/gen.js'),
  graph: () => import('./commands/graph.js'),
  explain: () => import('./commands/explain.js'),
  layers: () => import('./commands/layers.js'),
  impact: () => import('./commands/impact.js'),
  cascade: () => import('./commands/cascade.js'),
  suggest: () => import('./commands/suggest.js'),
  consume: () => import('./commands/consume.js'),
  check: () => import('./commands/check.js'),
  status: () => import('./commands/status.js'),
  lock: () => import('./commands/lock.js'),
  new: () => import('./commands/new.js'),
  site: () => import('./commands/site.js'),
};

export async function run(argv: readonly string[], streams: Streams, cwd: string): Promise<number> {
  const trace = argv.includes('--trace');
  const out = new Output(streams, argv.includes('--no-color'));
  try {
    const invocation = parseCommandLine(argv);
    if (invocation.values.version) {
      out.out(`lamina ${version()}`);
      return EXIT_OK;
    }
    if (invocation.values.help || invocation.command === undefined) {
      if (invocation.command) out.out(commandHelp(invocation.command));
      else if (invocation.values.help) out.out(helpText(version()));
      else {
        out.err(helpText(version()));
        return EXIT_USAGE;
      }
      return EXIT_OK;
    }
    const root = findRoot(invocation.values.root as string | undefined, cwd);
    const command = (await LOADERS[invocation.command]()).default;
    return await command({ invocation, root, out, json: invocation.values.json === true });
  } catch (e) {
    if (e instanceof UsageError) {
      out.err(`lamina: ${e.message}`);
      out.err(`Run \`lamina --help\` for usage.`);
      return EXIT_USAGE;
    }
    if (e instanceof CatalogRequestError) {
      out.err(`lamina: ${e.message}`);
      return EXIT_CATALOG_ERRORS;
    }
    const message = e instanceof Error ? e.message : String(e);
    out.err(`lamina: internal error: ${message}`);
    out.err('This is a bug in lamina; please report it with the command that caused it.');
    if (trace && e instanceof Error && e.stack) out.err(e.stack);
    else out.err('(run with --trace to see where it happened)');
    return EXIT_INTERNAL;
  }
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return 'unknown';
  }
}
