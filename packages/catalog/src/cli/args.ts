/**
 * Command-line parsing (node's util.parseArgs): one table of commands with their options, the
 * global options every command accepts, and a UsageError (exit 2) for anything else.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { nearest } from '../model/nearest.js';

export { nearest };

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A request the catalog cannot answer (an unknown layer): exit 1, like a catalog error. */
export class CatalogRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogRequestError';
  }
}

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export const GLOBAL_OPTIONS = {
  root: { type: 'string' },
  json: { type: 'boolean' },
  trace: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  'no-color': { type: 'boolean' },
  'no-cache': { type: 'boolean' },
} satisfies OptionSpec;

export interface CommandSpec {
  readonly summary: string;
  readonly usage: string;
  readonly options: OptionSpec;
  /** Number of positional arguments after the command name: [min, max]. */
  readonly positionals: readonly [number, number];
}

export const COMMANDS = {
  validate: {
    summary: 'evaluate and check every layer (Nickel, JSON Schema, graph rules)',
    usage: 'lamina validate',
    options: {},
    positionals: [0, 0],
  },
  gen: {
    summary: 'write generated/ (Dockerfiles, bake file, typed module); --check reports stale files',
    usage: 'lamina gen [--check] [--cook-manifests]',
    options: { check: { type: 'boolean' }, 'cook-manifests': { type: 'boolean' } },
    positionals: [0, 0],
  },
  graph: {
    summary: 'print the layer graph (FlowsTo edges) as json, dot, mermaid or svg (laid out by Graphviz)',
    usage: 'lamina graph [--format json|dot|mermaid|svg]',
    options: { format: { type: 'string', short: 'f' } },
    positionals: [0, 0],
  },
  explain: {
    summary: 'everything about one layer: class, bases, donors, ancestors, descendants, wave, fingerprint, files',
    usage: 'lamina explain LAYER',
    options: {},
    positionals: [1, 1],
  },
  layers: {
    summary: 'list the layers as a table',
    usage: 'lamina layers',
    options: {},
    positionals: [0, 0],
  },
  impact: {
    summary: 'what must rebuild, in which waves and why, after changes to layers or files',
    usage: 'lamina impact [LAYER|PATH]… [--since GIT_REF] [--scheduled weekly|monthly] [--format text|json|github-matrix|bake]',
    options: { since: { type: 'string' }, scheduled: { type: 'string' }, format: { type: 'string', short: 'f' } },
    positionals: [0, 10_000],
  },
  cascade: {
    summary: 'rebuild exactly the changed (or unpublished) layers and their descendants: one bake, or buildah wave by wave',
    usage: 'lamina cascade (--changed LAYER… | --since GIT_REF | --missing) [--build] [--engine bake|buildah] [--load | --push] [--registry R] [--dry-run]',
    options: {
      changed: { type: 'string', multiple: true },
      since: { type: 'string' },
      build: { type: 'boolean' },
      engine: { type: 'string' },
      load: { type: 'boolean' },
      push: { type: 'boolean' },
      missing: { type: 'boolean' },
      registry: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
    positionals: [0, 10_000],
  },
  suggest: {
    summary: "recommend layers for a downstream Rust project, with the dependency units cargo would reuse from each (predicted from cargo's unit graph)",
    usage: 'lamina suggest --project PATH [--profile NAME] [--platform linux/amd64] [--dev] [--allow-mismatch]',
    options: {
      project: { type: 'string' },
      profile: { type: 'string' },
      platform: { type: 'string' },
      dev: { type: 'boolean' },
      'allow-mismatch': { type: 'boolean' },
    },
    positionals: [0, 0],
  },
  consume: {
    summary: 'the Dockerfile snippet that consumes one layer (FROM base, or COPY --from donor)',
    usage: 'lamina consume LAYER [--mode from|donor]',
    options: { mode: { type: 'string' } },
    positionals: [1, 1],
  },
  status: {
    summary: "which layers are published: each layer's fingerprint tag looked up in the registry (built, with its digest, or missing)",
    usage: 'lamina status [--registry REGISTRY]',
    options: { registry: { type: 'string' } },
    positionals: [0, 0],
  },
  lock: {
    summary: 'write lamina.lock.json: the digests of the layers published under their fingerprint tags (consume and suggest then pin them)',
    usage: 'lamina lock [--registry REGISTRY]',
    options: { registry: { type: 'string' } },
    positionals: [0, 0],
  },
  new: {
    summary: 'scaffold a layer that validates at once, with TODOs where only its author knows the value',
    usage: 'lamina new NAME --class toolchain|source-dep|native-dep [--base LAYER|IMAGE]',
    options: { class: { type: 'string' }, base: { type: 'string' } },
    positionals: [1, 1],
  },
  check: {
    summary: "enforce the architecture decision records' constraints (Hard fails, Soft warns)",
    usage: 'lamina check',
    options: {},
    positionals: [0, 0],
  },
  site: {
    summary: 'write the catalog as a static website (graph, a page per layer, impact, search) into site/ or --out DIR',
    usage: 'lamina site [--out DIR] [--base-url URL]',
    options: { out: { type: 'string' }, 'base-url': { type: 'string' } },
    positionals: [0, 0],
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export interface Invocation {
  readonly command: CommandName | undefined;
  readonly positionals: string[];
  readonly values: Record<string, string | boolean | undefined>;
}

export function parseCommandLine(argv: readonly string[]): Invocation {
  // `lamina help [COMMAND]` is `lamina [COMMAND] --help`.
  const first = findCommand(argv);
  if (first === 'help') {
    const rest = argv.filter((a, i) => !(a === 'help' && argv.indexOf('help') === i));
    const topic = findCommand(rest);
    if (topic !== undefined && !(topic in COMMANDS))
      throw new UsageError(`unknown command \`${topic}\`${nearest(topic, Object.keys(COMMANDS))} (commands: ${Object.keys(COMMANDS).join(', ')})`);
    return { command: topic as CommandName | undefined, positionals: [], values: { help: true } };
  }
  // `--root DIR` may come before the command: its value is not the command name.
  const command = first;
  if (command !== undefined && !(command in COMMANDS)) {
    throw new UsageError(`unknown command \`${command}\`${nearest(command, Object.keys(COMMANDS))} (commands: ${Object.keys(COMMANDS).join(', ')})`);
  }
  const spec: CommandSpec | undefined = command ? COMMANDS[command as CommandName] : undefined;
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...GLOBAL_OPTIONS, ...(spec?.options ?? {}) },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    const message = (e as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message);
    throw new UsageError(unknown ? `unknown option \`${unknown[1]}\`` : (message.split('. ', 1)[0] ?? message));
  }
  const positionals = parsed.positionals.slice(command ? 1 : 0);
  if (spec && !parsed.values.help && !parsed.values.version) {
    const [min, max] = spec.positionals;
    if (positionals.length < min) throw new UsageError(`missing argument: ${spec.usage}`);
    if (positionals.length > max) throw new UsageError(`unexpected argument \`${positionals[max]}\`: ${spec.usage}`);
  }
  if (!command && positionals.length > 0) throw new UsageError(`unknown command \`${positionals[0]}\``);
  return { command: command as CommandName | undefined, positionals, values: parsed.values as Invocation['values'] };
}

// Every option that takes a value, so that value is not taken for the command's name.
const STRING_OPTIONS = new Set(
  [GLOBAL_OPTIONS, ...Object.values(COMMANDS).map((c) => c.options as OptionSpec)].flatMap((opts) =>
    Object.entries(opts).flatMap(([name, o]) => (o.type === 'string' ? [`--${name}`, ...(o.short ? [`-${o.short}`] : [])] : [])),
  ),
);

/** The first argument that is neither an option nor the value of a string option. */
function findCommand(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === undefined) break;
    if (a === '--') return argv[i + 1];
    if (STRING_OPTIONS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return a;
  }
  return undefined;
}

export function helpText(version: string): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = [
    `lamina ${version} — a catalog of container build layers written in Nickel`,
    '',
    'Usage: lamina [--root DIR] [--json] COMMAND [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options:',
    '  --root DIR   the catalog (default: the nearest folder holding layers/, from the current one up)',
    '  --json       machine-readable output',
    '  --no-color   no colours (also NO_COLOR=1; colours are only used on a terminal)',
    '  --no-cache   evaluate every layer (by default unchanged layers reuse their last evaluation)',
    '  --trace      on an internal error, show the stack',
    "  -h, --help   this help, or a command's: lamina help COMMAND",
    "  -V, --version  lamina's version",
    '',
    EXIT_STATUS,
  ];
  return lines.join('\n') + '\n';
}

const EXIT_STATUS =
  'Exit status: 0 done; 1 the catalog has errors (printed as file:line:col: message) or cannot answer (an unknown layer, a stale file, an unreachable registry); 2 usage; 70 internal error.';

export function commandHelp(command: CommandName): string {
  const c: CommandSpec = COMMANDS[command];
  return [
    `Usage: ${c.usage}`,
    '',
    c.summary,
    '',
    'Global options: --root DIR, --json (machine-readable output), --no-color, --no-cache, --trace, -h/--help',
    EXIT_STATUS,
    '',
  ].join('\n');
}
