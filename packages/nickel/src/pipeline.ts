/**
 * STUB (owned by the evaluator work): the library's entry points. Signatures are the contract the
 * CLI and the catalog build on; bodies come with the evaluator.
 */
import type { Importer } from './import/importer.js';
import type { Plain } from './export/plain.js';
import type { SourceRegistry } from './source/registry.js';

export interface EvalOptions {
  /** Where imports come from; defaults to the file system (relative to the importing file). */
  importer?: Importer;
  /** Extra directories searched by `import` (the CLI's `-I`, and NICKEL_IMPORT_PATH). */
  importPaths?: string[];
  /** Registry to record sources in, so the caller can render diagnostics; a new one by default. */
  sources?: SourceRegistry;
}

/** The result of evaluating a program: lazy until asked for a plain value. */
export interface Evaluation {
  readonly sources: SourceRegistry;
  /**
   * Deeply evaluates the value (or the field at `fieldPath`) for export: applies every pending
   * contract, drops `not_exported` and value-less optional fields, sorts record fields. Throws a
   * NickelError (e.g. `ExportError::NonSerializable` for a function).
   */
  toPlain(fieldPath?: string[]): Plain;
  /** The value printed as Nickel source, as `nickel eval` prints it. */
  print(fieldPath?: string[]): string;
  /** Documentation and metadata of the field at `fieldPath`, as `nickel query` shows it. */
  query(fieldPath: string[]): FieldInfo;
}

export interface FieldInfo {
  doc: string | undefined;
  /** Rendered type annotation and contracts, as written. */
  type: string | undefined;
  contracts: string[];
  default: boolean;
  optional: boolean;
  notExported: boolean;
  priority: string | undefined;
  /** Names of the sub-fields when the value is a record. */
  fields: string[];
  /** The value printed as Nickel when it is cheap to show (a constant). */
  value: string | undefined;
}

export function evaluateSource(text: string, opts: EvalOptions & { name?: string } = {}): Evaluation {
  void text;
  void opts;
  throw new Error('evaluator not implemented yet');
}

export function evaluateFile(path: string, opts: EvalOptions = {}): Evaluation {
  void path;
  void opts;
  throw new Error('evaluator not implemented yet');
}

export type { Plain };
