import { readFileSync } from 'node:fs';

export const USAGE_HINT = "Run 'lamina-nickel --help' for usage.";

export const HELP = `lamina-nickel: evaluates Nickel configurations (compatible with Nickel 1.18)

Usage:
  lamina-nickel export [--format json|yaml|yaml-documents|toml|text] [--field PATH] [-o FILE] FILE...
  lamina-nickel eval [--field PATH] FILE...
  lamina-nickel query --field PATH [--format markdown|json|yaml|toml] FILE...
  lamina-nickel --version | --help

FILE is a Nickel file, or - to read the program from standard input. Several files are
merged into one value (as with &).

Commands:
  export   Evaluate the program and write its value as JSON (default), YAML, TOML or text
  eval     Evaluate the program and print its value as Nickel
  query    Show the documentation and metadata of a field

Options:
  -f, --format FORMAT        export format: json, yaml, yaml-documents (one document per array
                             element), toml, text (raw is an alias of text)
      --field PATH           work on the field at PATH (e.g. a.b."c d") instead of the whole value
  -o, --output FILE          export: write to FILE instead of standard output
  -I, --import-path DIR      also look for imported files in DIR (repeatable); then in the
                             colon-separated directories of NICKEL_IMPORT_PATH
      --error-format FORMAT  text (default) or json (one JSON object per error on stderr)
      --color WHEN           auto (default: only on a terminal, never with NO_COLOR), always, never
      --max-stack-mb MB      memory the evaluation's stack may take (default 2048, or the
                             environment's LAMINA_NICKEL_MAX_STACK_MB): recursion deeper than
                             that fails with a stack overflow error instead of exhausting memory
      --trace                print the JavaScript stack of internal errors
  -h, --help                 show this help
  -V, --version              show the version

Exit status: 0 success, 1 the program failed (diagnostic on stderr), 2 bad command line,
70 internal error of lamina-nickel.
`;

/** `lamina-nickel <version>`, read from the package manifest next to dist/ and src/. */
export function versionText(): string {
  let version = 'unknown';
  try {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    version = manifest.version ?? version;
  } catch {
    // A missing manifest only costs the version number.
  }
  return `lamina-nickel ${version}\n`;
}
