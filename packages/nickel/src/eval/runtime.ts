/**
 * What an evaluation needs beyond the program: where imports come from, the files already
 * imported, the source registry, the analysis pass that prepares each file, the facts it found,
 * the limits, and the scope holding `std`. One Runtime per Evaluation (std's files have one of
 * their own, shared by every evaluation: see stdlib/load.ts).
 *
 * Nothing finds the runtime in module state: the outermost frame of every scope its files are
 * evaluated in holds it (`env.runtime`), so the evaluator reaches it from the scope at hand, and
 * code keeps the runtime of the file it was written in, however late it runs.
 */
import type { ProgramFacts } from '../analysis/facts.js';
import type { Expr, Import, TypeAnnot } from '../ast/nodes.js';
import type { NickelError } from '../diagnostics/error.js';
import type { Plain } from '../export/plain.js';
import type { DataFormat } from '../import/data.js';
import type { Importer, ResolvedFile } from '../import/importer.js';
import type { Source, SourceRegistry } from '../source/registry.js';
import type { Env } from './env.js';
import type { Thunk } from './thunk.js';
import type { Value } from './value.js';

/** A parsed file after the analysis pass: its syntax tree and its imports, in source order. */
export interface AnalysedFile {
  readonly expr: Expr;
  readonly imports: readonly Import[];
}

export interface Limits {
  /** How much memory the evaluation's stack may take, in MB (EvalOptions.maxStackMb). */
  readonly maxStackMb: number;
}

export interface Runtime {
  readonly sources: SourceRegistry;
  readonly importer: Importer;
  readonly importPaths: readonly string[];
  /** Source id → the file identity imports from it resolve against. */
  readonly fileIds: Map<number, string>;
  /** `format:identity` → the imported value (evaluated at most once). */
  readonly imports: Map<string, Thunk>;
  /** The scope every file of this runtime starts from: `std`, under the frame holding the runtime. */
  readonly rootEnv: Env;
  /** The analysis pass over a source (the pipeline's): parse, resolve scopes, and what follows. */
  readonly analyse: (source: Source) => AnalysedFile;
  /** Static facts about the syntax of this runtime's files (analysis/facts.ts). */
  readonly facts: ProgramFacts;
  /** Annotations whose type needs no scope → their one contract (null: the type needs a scope; an error: it has none). */
  readonly closedContracts: Map<TypeAnnot, Thunk | NickelError | null>;
  /** Put on the thread's stack by the evaluation's entry points (machine.ts, withStackLimit). */
  readonly limits: Limits;
  /** Reads an imported data file (JSON, YAML, TOML) into plain data: the reader, or a store of earlier reads. */
  readonly readData: (file: ResolvedFile, format: DataFormat) => Plain;
  /** Deep evaluation to plain data (`%serialize%`), given by the export layer above the interpreter. */
  readonly toPlain: (value: Value) => Plain;
}

/** The stack limit when none is set: deep enough for millions of nested calls, well inside Node's heap. */
export const DEFAULT_MAX_STACK_MB = 2048;

/**
 * A fresh key for sealing values (polymorphic contracts). Counted per process, not per runtime:
 * std's values are shared by every runtime, so keys from two runtimes can meet.
 */
let nextKey = 1;
export function freshKey(): number {
  return nextKey++;
}
