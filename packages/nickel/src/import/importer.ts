import type { ImportFormat } from '../ast/nodes.js';

/** A file the importer found: its canonical identity and its text. */
export interface ResolvedFile {
  /**
   * Canonical identity (an absolute, symlink-resolved path for files): two imports of the same
   * file through different relative paths share one evaluation.
   */
  readonly id: string;
  /** Name shown in diagnostics. */
  readonly name: string;
  readonly text: string;
}

/**
 * Where imported files come from. The evaluator never touches the file system itself: the CLI uses
 * the file-system importer, tests and tools can evaluate entirely from memory.
 */
export interface Importer {
  /**
   * Resolves `path` as written in `import "path"` from the file whose id is `from` (undefined for
   * a top-level snippet). Returns undefined when no such file exists; throws a NickelError of kind
   * `ImportError::EscapesRoot` when the path is not allowed.
   */
  resolve(path: string, from: string | undefined): ResolvedFile | undefined;
}

/** Format of an import from its file name, as the reference infers it (`.ncl` and unknown → Nickel). */
export function formatFromPath(path: string): ImportFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith('.json')) return 'Json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'Yaml';
  if (lower.endsWith('.toml')) return 'Toml';
  if (lower.endsWith('.txt')) return 'Text';
  return 'Nickel';
}
