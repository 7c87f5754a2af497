/**
 * The library's entry points: each file goes through the analysis pass (parse, resolve scopes)
 * as it is loaded, and the program is evaluated lazily in its runtime; exported, printed or
 * queried on demand.
 */
import { ProgramFacts } from './analysis/facts.js';
import { storedAnalysis, type ConsultedImport, type ParseCache, type StoredAnalysis } from './analysis/parse-cache.js';
import { resolveScope } from './analysis/scope.js';
import { apparentOfExpr, APPROXIMATED_DYN, typecheck, type Apparent } from './analysis/typecheck/index.js';
import type { Expr, Import } from './ast/nodes.js';
import { NickelError } from './diagnostics/error.js';
import { evalOther, stackOverflow } from './diagnostics/eval-errors.js';
import { importIoError } from './diagnostics/import-errors.js';
import { EMPTY_ENV, withRuntime, type Env } from './eval/env.js';
import { loadImports, loadResolved, resolveImport } from './eval/imports.js';
import { withStackLimit } from './eval/machine.js';
import { printValue } from './eval/print.js';
import { accessField } from './eval/record.js';
import { DEFAULT_MAX_STACK_MB, type AnalysedFile, type Runtime } from './eval/runtime.js';
import { Thunk } from './eval/thunk.js';
import { RecordValue, type Value } from './eval/value.js';
import type { Plain } from './export/plain.js';
import { thunkPlain, toPlain } from './export/to-plain.js';
import { parseData, type DataFormat } from './import/data.js';
import { FsImporter } from './import/fs.js';
import { formatFromPath, type Importer, type ResolvedFile } from './import/importer.js';
import { parse } from './parser/parse.js';
import { SourceRegistry, type Source } from './source/registry.js';
import { stdlibFor } from './stdlib/load.js';
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
  /**
   * Syntax trees kept from earlier runs (the CLI keeps them in the user's cache folder): a file
   * whose text and source id match a stored tree is not parsed again.
   */
  parseCache?: ParseCache;
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

/** The names every file starts with. */
const GLOBALS: ReadonlySet<string> = new Set(['std']);

/** The analysis pass over one file, between parsing and evaluation. */
function analyse(source: Source): AnalysedFile {
  return analyseParsed(parse(source));
}

function analyseParsed(expr: Expr): AnalysedFile {
  return { expr, imports: resolveScope(expr, GLOBALS) };
}

/** A runtime whose root scope `scope` makes, over the frame holding the runtime. */
function makeRuntime(
  sources: SourceRegistry,
  importer: Importer,
  importPaths: readonly string[],
  maxStackMb: number | undefined,
  scope: (rt: Runtime) => Env,
  analysis?: (rt: Runtime) => (source: Source) => AnalysedFile,
  cache?: ParseCache,
): Runtime {
  const rt: { -readonly [K in keyof Runtime]: Runtime[K] } = {
    sources,
    importer,
    importPaths,
    fileIds: new Map(),
    imports: new Map(),
    rootEnv: EMPTY_ENV,
    analyse,
    facts: new ProgramFacts(),
    closedContracts: new Map(),
    limits: { maxStackMb: maxStackMb ?? DEFAULT_MAX_STACK_MB },
    readData: cache?.getData && cache.putData ? storedDataReader(cache.getData.bind(cache), cache.putData.bind(cache)) : readDataFile,
    toPlain: (value) => toPlain(value, []),
  };
  if (analysis) rt.analyse = analysis(rt);
  rt.rootEnv = scope(rt);
  return rt;
}

function readDataFile(file: ResolvedFile, format: DataFormat): Plain {
  return parseData(file.text, format, file.name);
}

/** Data files read through a store: a value stored for the same text is taken as read. */
function storedDataReader(get: NonNullable<ParseCache['getData']>, put: NonNullable<ParseCache['putData']>): (file: ResolvedFile, format: DataFormat) => Plain {
  return (file, format) => {
    const stored = get(file, format);
    if (stored !== undefined) return stored;
    const value = readDataFile(file, format);
    put(file, format, value);
    return value;
  };
}

/**
 * A program's analysis pass also typechecks every Nickel file it loads, each on its own, as the
 * reference does before evaluating: an import contributes only its apparent type, read from the
 * imported file's syntax (parsed once, whether the typechecker or the loader asks first).
 *
 * With a store, a file's tree is kept with what its pass found once the checks pass, and a later
 * run skips the pass when the typechecker would get the same answers from the imports it asked
 * about (the pass depends on nothing else); a tree whose checks failed is kept without.
 */
function typecheckingAnalysis(rt: Runtime, cache: ParseCache | undefined): (source: Source) => AnalysedFile {
  const parsed = new Map<string, Expr>();
  // A file the typechecker reads before it is loaded gets a second source id when loaded: its
  // tree is stored under the one it was parsed under, which its spans name.
  const parsedUnder = new Map<Expr, Source>();
  // parsed in this run, not read from the store: kept once its pass has run, passed or not
  const unstored = new Set<Expr>();
  const parseOnce = (s: Source): Expr => {
    const id = rt.fileIds.get(s.id);
    const known = id === undefined ? undefined : parsed.get(id);
    if (known) return known;
    let expr = cache?.get(s);
    if (!expr) {
      expr = parse(s);
      if (cache) unstored.add(expr);
    }
    if (id !== undefined) parsed.set(id, expr);
    if (cache) parsedUnder.set(expr, s);
    return expr;
  };
  const importApparent = (e: Import): Apparent => {
    if (e.package !== undefined) return APPROXIMATED_DYN;
    const file = resolveImport(rt, e.path, rt.fileIds.get(e.span.file));
    if (!file) return APPROXIMATED_DYN;
    const format = e.format ?? formatFromPath(file.name);
    if (format === 'Text') return apparentOfExpr({ kind: 'Str', chunks: [], multiline: false, span: e.span }, undefined, undefined);
    if (format !== 'Nickel') return APPROXIMATED_DYN;
    let expr = parsed.get(file.id);
    if (!expr) {
      const source = rt.sources.add(file.name, file.text, file.id);
      rt.fileIds.set(source.id, file.id);
      try {
        expr = parseOnce(source);
      } catch {
        return APPROXIMATED_DYN; // the loader reports it
      }
    }
    return apparentOfExpr(expr, undefined, undefined);
  };
  const stillHolds = (stored: StoredAnalysis): boolean =>
    // biome-ignore lint/plugin: isAnalysis checked every index when the tree was read
    stored.consulted.every((c) => apparentKey(importApparent(stored.imports[c.import]!)) === c.apparent);
  return (source) => {
    const expr = parseOnce(source);
    const stored = cache ? storedAnalysis(expr) : undefined;
    if (stored && stillHolds(stored)) return { expr, imports: [...stored.imports] };
    if (!cache) {
      const file = analyseParsed(expr);
      typecheck(expr, { sources: rt.sources, imports: importApparent });
      return file;
    }
    let analysis: StoredAnalysis | undefined;
    try {
      const imports = resolveScope(expr, GLOBALS);
      const index = new Map(imports.map((e, i) => [e, i]));
      const consulted = new Map<number, string | undefined>();
      typecheck(expr, {
        sources: rt.sources,
        imports: (e) => {
          const apparent = importApparent(e);
          const i = index.get(e);
          consulted.set(i ?? -1, apparentKey(apparent));
          return apparent;
        },
      });
      const answers: ConsultedImport[] = [];
      for (const [i, apparent] of consulted) if (i >= 0 && apparent !== undefined) answers.push({ import: i, apparent });
      if (answers.length === consulted.size) analysis = { imports, consulted: answers };
      return { expr, imports };
    } finally {
      if (analysis || unstored.has(expr)) cache.put(parsedUnder.get(expr) ?? source, expr, analysis);
      unstored.delete(expr);
    }
  };
}

/** An apparent type as stored text (undefined for one JSON cannot hold: it is then not stored). */
function apparentKey(apparent: Apparent): string | undefined {
  try {
    return JSON.stringify(apparent);
  } catch {
    return undefined;
  }
}

/** The program's runtime; std's files keep the runtime of their own (stdlib/load.ts). */
function programRuntime(opts: EvalOptions): Runtime {
  const sources = opts.sources ?? new SourceRegistry();
  const std = stdlibFor(sources, (s, imp, scope) => makeRuntime(s, imp, [], undefined, scope));
  return makeRuntime(
    sources,
    opts.importer ?? new FsImporter(),
    opts.importPaths ?? [],
    opts.maxStackMb,
    (rt) => withRuntime(std.rootEnv, rt),
    (rt) => typecheckingAnalysis(rt, opts.parseCache),
    opts.parseCache,
  );
}

export function evaluateSource(text: string, opts: EvalOptions & { name?: string } = {}): Evaluation {
  const rt = programRuntime(opts);
  return guard(rt, () =>
    programEvaluation(rt, () => {
      const file = rt.analyse(rt.sources.add(opts.name ?? '<source>', text));
      // its imports are resolved (transitively) before anything is evaluated, as for a file
      if (opts.eagerImports !== false) loadImports(rt, [...file.imports].reverse());
      return Thunk.suspend(file.expr, rt.rootEnv);
    }),
  );
}

export function evaluateFile(path: string, opts: EvalOptions = {}): Evaluation {
  const rt = programRuntime(opts);
  return guard(rt, () =>
    programEvaluation(rt, () => {
      const file = rt.importer.resolve(path, undefined);
      if (!file) {
        throw importIoError(path, { kind: 'noProgram' });
      }
      return loadResolved(rt, file, formatFromPath(path), undefined);
    }),
  );
}

/** The evaluation of the program whose root value `load` loads (the loading may fail). */
function programEvaluation(rt: Runtime, load: () => Thunk): Evaluation {
  return new ProgramEvaluation(rt, load());
}

/**
 * Runs a step of `rt`'s evaluation under its stack limit. JS engine limits surface as Nickel
 * errors, never as raw exceptions.
 */
function guard<T>(rt: Runtime, fn: () => T): T {
  try {
    return withStackLimit(rt.limits.maxStackMb, fn);
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
    return guard(this.rt, fn);
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
