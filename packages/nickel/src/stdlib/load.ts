/**
 * Loading the standard library: the `.ncl` files beside this module (entry `std.ncl`), parsed
 * and evaluated once per process and shared by every evaluation. The std files are registered
 * first in an evaluation's (empty) source registry so their spans keep the same ids; a registry
 * that already holds other sources gets its own copy.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Runtime } from '../eval/runtime.js';
import { bind, EMPTY_ENV, withRuntime, type Env } from '../eval/env.js';
import { evalExpr } from '../eval/eval.js';
import { Thunk } from '../eval/thunk.js';
import { RecordValue } from '../eval/value.js';
import type { Importer, ResolvedFile } from '../import/importer.js';
import { withNativeLoops } from './native-loops.js';
import { resolveScope } from '../analysis/scope.js';
import type { Expr } from '../ast/nodes.js';
import { storedStdTree, type StdTree } from './precompiled.js';
import { SourceRegistry, type Source } from '../source/registry.js';

export const STD_PREFIX = '<stdlib>/';
/** The names a std file starts with. */
const STD_GLOBALS: ReadonlySet<string> = new Set(['std']);
/** The std module whose loops run natively (native-loops.ts). */
const NATIVE_LOOPS_FILE = 'traverse.ncl';

interface StdFiles {
  readonly names: string[];
  /** A file's text, read when first asked for: most runs load few of std's files, many none. */
  text(name: string): string | undefined;
}

export interface Stdlib {
  /** The scope with `std` bound: every program and imported file starts from it. */
  readonly rootEnv: Env;
}

let files: StdFiles | undefined;

function stdDirectory(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, join(here, '..', '..', 'src', 'stdlib')]) {
    if (existsSync(join(dir, 'std.ncl'))) return dir;
  }
  return undefined;
}

function stdFiles(): StdFiles {
  if (files) return files;
  const dir = stdDirectory();
  const found = dir ? readdirSync(dir).filter((f) => f.endsWith('.ncl')) : [];
  // std.ncl first so it gets the first id.
  const names = found.sort((a, b) => (a === 'std.ncl' ? -1 : b === 'std.ncl' ? 1 : a < b ? -1 : 1));
  const texts = new Map<string, string>();
  const text = (name: string): string | undefined => {
    if (!dir || !names.includes(name)) return undefined;
    let t = texts.get(name);
    if (t === undefined) texts.set(name, (t = readFileSync(join(dir, name), 'utf8')));
    return t;
  };
  files = { names, text };
  return files;
}

/** Registers std file `name` in `sources`, its text read when first asked for. */
function addStdSource(sources: SourceRegistry, fs: StdFiles, name: string): Source {
  return sources.addLazy(`<stdlib/${name}>`, () => fs.text(name) ?? '', STD_PREFIX + name);
}

class StdImporter implements Importer {
  constructor(readonly files: StdFiles) {}
  resolve(path: string, from: string | undefined): ResolvedFile | undefined {
    if (!from?.startsWith(STD_PREFIX)) return undefined;
    const name = path.replace(/^\.\//, '');
    const text = this.files.text(name);
    return text === undefined ? undefined : { id: STD_PREFIX + name, name: `<stdlib/${name}>`, text };
  }
}

let shared: Stdlib | undefined;
const perRegistry = new WeakMap<SourceRegistry, Stdlib>();

function isEmpty(sources: SourceRegistry): boolean {
  try {
    sources.get(0);
    return false;
  } catch {
    return true;
  }
}

/**
 * The standard library for an evaluation using `sources`. `makeRuntime` builds std's own runtime,
 * whose root scope `scope` makes (the pipeline's, to avoid a cycle).
 */
export function stdlibFor(sources: SourceRegistry, makeRuntime: (sources: SourceRegistry, importer: Importer, scope: (rt: Runtime) => Env) => Runtime): Stdlib {
  const fs = stdFiles();
  if (shared && isEmpty(sources)) {
    for (const n of fs.names) addStdSource(sources, fs, n);
    return shared;
  }
  const cached = perRegistry.get(sources);
  if (cached) return cached;
  const empty = isEmpty(sources);
  const importer = new StdImporter(fs);
  const stdThunk = Thunk.lazy(() => new RecordValue(new Map(), false, undefined));
  const rt = makeRuntime(sources, importer, (std) => bind(withRuntime(EMPTY_ENV, std), 'std', stdThunk));
  // Every std file is registered up front, in a fixed order, so ids are the same in every
  // registry; each is parsed and evaluated only when first imported.
  for (const n of fs.names) {
    const id = STD_PREFIX + n;
    const source = addStdSource(sources, fs, n);
    rt.fileIds.set(source.id, id);
    rt.imports.set(
      `Nickel:${id}`,
      Thunk.lazy(() => {
        // the tree the build stored (parsed and scope-checked), else the analysis pass here
        const expr = storedStdTree(n, source.text, source.id) ?? rt.analyse(source).expr;
        const value = evalExpr(expr, rt.rootEnv);
        return n === NATIVE_LOOPS_FILE ? withNativeLoops(value) : value;
      }),
    );
  }
  const entry = rt.imports.get(`Nickel:${STD_PREFIX}std.ncl`);
  if (entry) {
    // std refers to itself as `std`: tie the knot.
    stdThunk.native = () => entry.force();
  }
  const std: Stdlib = { rootEnv: rt.rootEnv };
  if (empty && !shared) shared = std;
  perRegistry.set(sources, std);
  return std;
}

/**
 * The std files parsed and scope-checked, with the source ids they get in an evaluation's empty
 * registry: what the build stores (precompiled.ts).
 */
export function stdTrees(parse: (source: Source) => Expr): StdTree[] {
  const fs = stdFiles();
  const sources = new SourceRegistry();
  const trees: StdTree[] = [];
  for (const name of fs.names) {
    const text = fs.text(name) ?? '';
    const source = sources.add(`<stdlib/${name}>`, text, STD_PREFIX + name);
    const expr = parse(source);
    resolveScope(expr, STD_GLOBALS);
    trees.push({ name, text, file: source.id, expr });
  }
  return trees;
}
