import { parseArgs } from 'node:util';

/** Output formats of `export` (`raw` is the reference's deprecated alias of `text`). */
export const EXPORT_FORMATS = ['json', 'yaml', 'yaml-documents', 'toml', 'raw', 'text'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ErrorFormat = 'text' | 'json';

/** Output of `query`: the reference's plain report (`markdown`), or the metadata as data. */
export const QUERY_FORMATS = ['markdown', 'json', 'yaml', 'toml'] as const;
export type QueryFormat = (typeof QUERY_FORMATS)[number];
export type ColorChoice = 'auto' | 'always' | 'never';

/** Options every command understands. */
export interface CommonOptions {
  errorFormat: ErrorFormat;
  color: ColorChoice;
  /** Print JavaScript stack traces of internal errors. */
  trace: boolean;
}

/** Options of the commands that evaluate a program. */
export interface InputOptions {
  /** The program's file, or `-` for standard input. */
  file: string;
  /** All the files given; when there are several, their values are merged (`&`), as the reference does. */
  files: string[];
  /** `--field a.b.c`, already split into its parts. */
  field: string[] | undefined;
  /** `-I` directories, in order. */
  importPaths: string[];
  /** `--max-stack-mb`: how much memory the evaluation's stack may take (else the environment's or the default). */
  maxStackMb: number | undefined;
}

export type Command =
  | { name: 'help' }
  | { name: 'version' }
  | { name: 'export'; input: InputOptions; format: ExportFormat; output: string | undefined }
  | { name: 'eval'; input: InputOptions }
  | { name: 'query'; input: InputOptions; format: QueryFormat };

export type Invocation = { common: CommonOptions; command: Command };

/** A command line we cannot make sense of: exit status 2 with this message and a usage hint. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const COMMANDS = ['export', 'eval', 'query'] as const;

/**
 * Reads the command line. The options can come before or after the command name, as with the
 * reference's global clap options.
 */
export function parseCommandLine(argv: string[]): Invocation {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        field: { type: 'string' },
        'import-path': { type: 'string', short: 'I', multiple: true },
        'error-format': { type: 'string' },
        color: { type: 'string' },
        output: { type: 'string', short: 'o' },
        trace: { type: 'boolean' },
        'max-stack-mb': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    });
  } catch (e) {
    // parseArgs reports unknown options and missing values with a readable message.
    throw new UsageError(e instanceof Error ? e.message.replace(/\. To specify a positional.*$/s, '') : String(e));
  }
  const { values, positionals } = parsed;
  const common: CommonOptions = {
    errorFormat: oneOf('--error-format', values['error-format'], ['text', 'json'] as const, 'text'),
    color: oneOf('--color', values.color, ['auto', 'always', 'never'] as const, 'auto'),
    trace: values.trace ?? false,
  };
  if (values.help) return { common, command: { name: 'help' } };
  if (values.version) return { common, command: { name: 'version' } };

  const [name, ...rest] = positionals;
  if (name === undefined) throw new UsageError('no command given');
  if (name === 'help') return { common, command: { name: 'help' } };
  if (!(COMMANDS as readonly string[]).includes(name)) throw new UsageError(`unknown command '${name}'`);

  const [file] = rest;
  if (file === undefined) throw new UsageError(`'${name}' needs a FILE (use - for standard input)`);
  if (rest.length > 1 && rest.includes('-')) throw new UsageError('standard input (-) cannot be merged with other files');
  const input: InputOptions = {
    file,
    files: rest,
    field: values.field === undefined ? undefined : parseFieldPath(values.field),
    importPaths: values['import-path'] ?? [],
    maxStackMb: values['max-stack-mb'] === undefined ? undefined : megabytes('--max-stack-mb', values['max-stack-mb']),
  };

  if (name === 'eval' && values.format !== undefined) throw new UsageError(`'--format' is not an option of 'eval'`);
  if (name !== 'export' && values.output !== undefined) throw new UsageError(`'--output' is an option of 'export', not of '${name}'`);
  switch (name) {
    case 'export':
      return {
        common,
        command: {
          name,
          input,
          format: oneOf('--format', values.format, EXPORT_FORMATS, 'json'),
          output: values.output,
        },
      };
    case 'eval':
      return { common, command: { name, input } };
    default:
      if (input.field === undefined) throw new UsageError(`'query' needs --field PATH`);
      return { common, command: { name: 'query', input, format: oneOf('--format', values.format, QUERY_FORMATS, 'markdown') } };
  }
}

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid value '${value}' for ${option} (expected one of: ${allowed.join(', ')})`);
}

/**
 * Splits a field path as the reference's `--field` reads it: identifiers or double-quoted strings
 * separated by dots (`a.b."c.d"`).
 */
export function parseFieldPath(text: string): string[] {
  const parts: string[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new UsageError(`invalid field path '${text}': ${why}`);
  };
  if (text.trim() === '') return parts;
  for (;;) {
    while (text[i] === ' ') i++;
    if (text[i] === '"') {
      let part = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') {
          const next = text[i + 1];
          const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '%': '%' };
          if (next === undefined || escapes[next] === undefined) fail('invalid escape sequence');
          part += escapes[next!];
          i += 2;
        } else part += text[i++];
      }
      if (text[i] !== '"') fail('unterminated string');
      i++;
      parts.push(part);
    } else {
      const m = /^_*[a-zA-Z][_a-zA-Z0-9\-']*/.exec(text.slice(i));
      if (!m) fail(`expected a field name at position ${i + 1}`);
      parts.push(m![0]);
      i += m![0].length;
    }
    while (text[i] === ' ') i++;
    if (i === text.length) return parts;
    if (text[i] !== '.') fail(`unexpected '${text[i]}' at position ${i + 1}`);
    i++;
  }
}

/** A positive size in MB, as `--max-stack-mb` takes it. */
export function megabytes(option: string, text: string): number {
  const n = Number(text);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text) || !(n > 0)) throw new UsageError(`${option} takes a positive number of MB, not '${text}'`);
  return n;
}
