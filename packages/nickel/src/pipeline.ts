/**
 * The library's entry points: parse, check scopes, and evaluate a program lazily; export,
 * print or query it on demand.
 */
import type { Expr } from './ast/nodes.js';
import { NickelError } from './diagnostics/error.js';
import { evalOther, stackOverflow } from './diagnostics/eval-errors.js';
import { importIoError } from './diagnostics/import-errors.js';
import { withRuntime, type Runtime } from './eval/context.js';
import type { Env } from './eval/env.js';
import { loadImports, loadResolved } from './eval/imports.js';
import { printValue } from './eval/print.js';
import { accessField } from './eval/record.js';
import { checkScope } from './eval/scope.js';
import { Thunk } from './eval/thunk.js';
import { RecordValue, type Value } from './eval/value.js';
import type { Plain } from './export/plain.js';
import { thunkPlain, toPlain } from './export/to-plain.js';
import { FsImporter } from './import/fs.js';
import { formatFromPath, type Importer, type ResolvedFile } from './import/importer.js';
import { parse } from './parser/parse.js';
import { SourceRegistry, type Source } from './source/registry.js';
import { STD_PREFIX, stdlibFor } from './stdlib/load.js';
import './eval/eval.js';

export interface EvalOptions {
  /** Where imports come from; defaults to the file system (relative to the importing file). */
  importer?: Importer;
  /** Extra directories searched by `import` (the CLI's `-I`, and NICKEL_IMPORT_PATH). */
  importPaths?: string[];
  /** Registry to record sources in, so the caller can render diagnostics; a new one by default. */
  sources?: SourceRegistry;
  /**
   * Resolve the program's imports, transitively, before evaluating it — a missing or malformed
   * import is an error even where its value is never used — as the reference does (default).
   * A tool that assembles one program out of many independent imports and wants each import's
   * errors on their own (lamina's catalog) sets it to false: then an import is resolved when it
   * is evaluated, and each imported file still has its own imports resolved as it loads.
   */
  eagerImports?: boolean;
  /**
   * How much memory the evaluation's stack may take, in MB (default 2048): a program recursing
   * deeper than that fails with EvalError::StackOverflow. Recursion is bounded by this, not by the
   * JavaScript stack.
   */
  maxStackMb?: number;
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

/** Imports from std files go to the std importer, everything else to the program's. */
class LayeredImporter implements Importer {
  constructor(
    readonly program: Importer,
    readonly std: Importer,
  ) {}
  resolve(path: string, from: string | undefined): ResolvedFile | undefined {
    if (from?.startsWith(STD_PREFIX)) return this.std.resolve(path, from);
    return this.program.resolve(path, from);
  }
}

function makeRuntime(sources: SourceRegistry, importer: Importer, importPaths: readonly string[], rootEnv: Env, maxStackMb?: number): Runtime {
  return {
    maxStackMb,
    sources,
    importer,
    importPaths,
    fileIds: new Map(),
    imports: new Map(),
    rootEnv,
    parse: (s: Source): Expr => parse(s),
  };
}

function programRuntime(opts: EvalOptions): Runtime {
  const sources = opts.sources ?? new SourceRegistry();
  const std = stdlibFor(sources, (s, imp, env) => makeRuntime(s, imp, [], env), parse);
  const importer = new LayeredImporter(opts.importer ?? new FsImporter(), std.importer);
  const rt = makeRuntime(sources, importer, opts.importPaths ?? [], std.rootEnv, opts.maxStackMb);
  for (const [k, v] of std.fileIds) rt.fileIds.set(k, v);
  for (const [k, v] of std.imports) rt.imports.set(k, v);
  return rt;
}

export function evaluateSource(text: string, opts: EvalOptions & { name?: string } = {}): Evaluation {
  const rt = programRuntime(opts);
  return guard(() =>
    withRuntime(rt, () => {
      const source = rt.sources.add(opts.name ?? '<source>', text);
      const expr = parse(source);
      // its imports are resolved (transitively) before anything is evaluated, as for a file
      const imports = checkScope(expr, rt.rootEnv);
      if (opts.eagerImports !== false) loadImports(rt, imports.reverse());
      return new ProgramEvaluation(rt, Thunk.suspend(expr, rt.rootEnv));
    }),
  );
}

export function evaluateFile(path: string, opts: EvalOptions = {}): Evaluation {
  const rt = programRuntime(opts);
  return guard(() =>
    withRuntime(rt, () => {
      const file = rt.importer.resolve(path, undefined);
      if (!file) {
        throw importIoError(path, { kind: 'noProgram' });
      }
      const thunk = loadResolved(rt, file, formatFromPath(path), undefined);
      return new ProgramEvaluation(rt, thunk);
    }),
  );
}

/** JS engine limits surface as Nickel errors, never as raw exceptions. */
function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof NickelError) throw e;
    if (e instanceof RangeError) {
      if (/call stack/i.test(e.message)) {
        throw stackOverflow();
      }
      throw evalOther(e.message);
    }
    throw e;
  }
}

class ProgramEvaluation implements Evaluation {
  constructor(
    readonly rt: Runtime,
    readonly root: Thunk,
  ) {}

  get sources(): SourceRegistry {
    return this.rt.sources;
  }

  private run<T>(fn: () => T): T {
    return guard(() => withRuntime(this.rt, fn));
  }

  private valueAt(fieldPath: string[] | undefined): Value {
    let v = this.root.force();
    for (const name of fieldPath ?? []) v = accessField(v, name, undefined, undefined).force();
    return v;
  }

  toPlain(fieldPath?: string[]): Plain {
    return this.run(() => (fieldPath?.length ? toPlain(this.valueAt(fieldPath), [...fieldPath]) : thunkPlain(this.root, [])));
  }

  print(fieldPath?: string[]): string {
    return this.run(() => printValue(this.valueAt(fieldPath)));
  }

  query(fieldPath: string[]): FieldInfo {
    return this.run(() => {
      const parent = this.valueAt(fieldPath.slice(0, -1));
      const last = fieldPath[fieldPath.length - 1];
      const text = (span: { file: number; start: number; end: number } | undefined) =>
        span ? this.rt.sources.get(span.file).text.slice(span.start, span.end) : undefined;
      if (last === undefined || !(parent instanceof RecordValue)) {
        const v = this.valueAt(fieldPath);
        return info(undefined, v);
      }
      const field = parent.fields.get(last);
      if (!field) accessField(parent, last, undefined, undefined);
      const v = field!.value?.force();
      const base = info(field, v);
      const meta = field!.annot;
      if (meta) {
        base.type = meta.type ? stripColon(text(meta.type.span)) : undefined;
        base.contracts = meta.contracts.map((c) => stripBar(text(c.span) ?? ''));
        base.priority =
          meta.priority?.kind === 'Numeral'
            ? meta.priority.text
            : meta.priority?.kind === 'Force'
              ? 'force'
              : meta.priority?.kind === 'Default'
                ? 'default'
                : undefined;
      }
      return base;
    });
  }
}

function stripColon(s: string | undefined): string | undefined {
  return s?.replace(/^\s*:\s*/, '');
}
function stripBar(s: string): string {
  return s.replace(/^\s*\|\s*/, '');
}

function info(field: import('./eval/value.js').Field | undefined, v: Value | undefined): FieldInfo {
  const constant = v === null || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number';
  return {
    doc: field?.doc,
    type: undefined,
    contracts: [],
    default: field ? field.priority === -Infinity : false,
    optional: field?.optional ?? false,
    notExported: field?.notExported ?? false,
    priority: undefined,
    fields: v instanceof RecordValue ? [...v.fields.keys()].sort() : [],
    value: constant ? printValue(v) : undefined,
  };
}

export type { Plain };
