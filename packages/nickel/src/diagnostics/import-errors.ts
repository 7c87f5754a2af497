/**
 * Diagnostics of loading files, one constructor per `ImportError` kind: each takes what its
 * message needs (the path, where it was imported, what went wrong) and owns the wording.
 */
import type { Span } from '../source/span.js';
import { NickelError, primary } from './error.js';

/** Why a file could not be read. */
export type ReadFailure =
  /** The program given on the command line (or to evaluateFile) does not exist. */
  | { readonly kind: 'noProgram' }
  /**
   * An `import` (at `at`) in the file named `importer` (as diagnostics name it) names a file found
   * neither beside it nor in the `importPaths`.
   */
  | { readonly kind: 'noSuchImport'; readonly at: Span; readonly importer: string | undefined; readonly importPaths: readonly string[] }
  /** The file exists but the system refused to read it (`reason`: the system's words). */
  | { readonly kind: 'unreadable'; readonly reason: string };

/** `ImportError::IoError`: `path` as written by the program (or the command line). */
export function importIoError(path: string, failure: ReadFailure): NickelError {
  switch (failure.kind) {
    case 'noProgram':
      return new NickelError('ImportError::IoError', `cannot read \`${path}\`: no such file`, { notes: [] });
    case 'noSuchImport': {
      // The reference's wording, which lists every directory searched
      const searched = [directoryOf(failure.importer), ...failure.importPaths];
      return new NickelError('ImportError::IoError', `import of ${path} failed: could not find import (looked in [${searched.join(', ')}])`, {
        labels: primary(failure.at, 'imported here'),
      });
    }
    case 'unreadable':
      return new NickelError('ImportError::IoError', `import of \`${path}\` failed: ${failure.reason}`);
  }
}

/** The directory of a file (`/` for a file at the root; none for a program that is not a file). */
function directoryOf(file: string | undefined): string {
  const slash = file?.lastIndexOf('/') ?? -1;
  return slash < 0 ? '' : (file ?? '').slice(0, Math.max(slash, 1));
}

/** What failed to parse in an imported file. */
export type ImportedSyntaxError =
  /** A Nickel file: `error` is the parser's diagnostic, `at` the `import` that loaded the file. */
  | { readonly kind: 'nickel'; readonly file: string; readonly error: NickelError; readonly at: Span }
  /**
   * A data file in `format` (`json`, `yaml`, `toml`): `detail` is the data parser's complaint, `at`
   * the offending position, or `position` (file, line and column in words) when there is no span.
   */
  | {
      readonly kind: 'data';
      readonly format: string;
      readonly detail: string;
      readonly at: Span | undefined;
      readonly position: { readonly file: string; readonly line: number; readonly column: number } | undefined;
    };

/** `ImportError::ParseError`: an imported file is not valid in its format. */
export function importParseError(problem: ImportedSyntaxError): NickelError {
  if (problem.kind === 'nickel') {
    const { error, at } = problem;
    return new NickelError('ImportError::ParseError', `parse error in the imported file \`${problem.file}\`: ${error.message}`, {
      labels: [...error.labels, ...primary(at, 'imported here').map((l) => ({ ...l, primary: false }))],
      notes: error.notes,
    });
  }
  const { position } = problem;
  return new NickelError('ImportError::ParseError', `${problem.format} parse error: ${problem.detail}`, {
    labels: primary(problem.at, ''),
    notes: position ? [`in ${position.file} at line ${position.line}, column ${position.column}`] : [],
  });
}

/** An import through the in-memory importer that climbs above its root (`../` too many times). */
export function importEscapesRoot(path: string): NickelError {
  return new NickelError('ImportError::EscapesRoot', `import of \`${path}\` escapes the root`);
}

/** `import pkg` (a package import): lamina-nickel has no package manager. */
export function noPackageMap(at: Span): NickelError {
  return new NickelError('ImportError::NoPackageMap', 'tried to import from a package, but no package manifest found', {
    labels: primary(at, 'imported here'),
    notes: ['lamina-nickel has no package manager: import files by their path (a string), relative to the importing file or to an import path (-I).'],
  });
}
