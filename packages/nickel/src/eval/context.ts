/**
 * What an evaluation needs beyond the program: where imports come from, the files already
 * imported, the source registry, and the scope holding `std`. One Runtime per Evaluation; it is
 * made current while that evaluation runs (evaluation is lazy, so every public entry point
 * re-activates it).
 */
import type { Expr } from '../ast/nodes.js';
import type { Importer } from '../import/importer.js';
import type { Source, SourceRegistry } from '../source/registry.js';
import type { Env } from './env.js';
import type { Thunk } from './thunk.js';

export interface Runtime {
  readonly sources: SourceRegistry;
  readonly importer: Importer;
  readonly importPaths: readonly string[];
  /** Source id → the file identity imports from it resolve against. */
  readonly fileIds: Map<number, string>;
  /** `format:identity` → the imported value (evaluated at most once). */
  readonly imports: Map<string, Thunk>;
  /** The scope every program and imported file starts from (`std`). */
  readonly rootEnv: Env;
  readonly parse: (source: Source) => Expr;
  /** How much memory the evaluation's stack may take, in MB (EvalOptions.maxStackMb). */
  readonly maxStackMb?: number;
}

let active: Runtime | undefined;

export function runtime(): Runtime {
  if (!active) throw new Error('no active Nickel evaluation');
  return active;
}

export function withRuntime<T>(rt: Runtime, fn: () => T): T {
  const previous = active;
  active = rt;
  try {
    return fn();
  } finally {
    active = previous;
  }
}

/** The stack limit when none is set: deep enough for millions of nested calls, well inside Node's heap. */
export const DEFAULT_MAX_STACK_MB = 2048;

export function stackLimitMb(): number {
  return active?.maxStackMb ?? DEFAULT_MAX_STACK_MB;
}

let nextKey = 1;
/** A fresh key for sealing values (polymorphic contracts). */
export function freshKey(): number {
  return nextKey++;
}
