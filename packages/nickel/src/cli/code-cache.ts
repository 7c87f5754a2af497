/**
 * Runs the bundled CLI (dist/cli/main.bundle.cjs) from V8's code cache, and loads the YAML and
 * TOML libraries' bundle (dist/cli/libraries.bundle.cjs) the same way when a run needs them
 * (requiring the yaml package module by module is slow: bench/nickel/REALWORLD.md). The build
 * bundles this file alone into dist/cli/launch.cjs, which the CommonJS bin requires. Node 20
 * compiles an ES module from its source on every run (`module.enableCompileCache` only came with
 * Node 22), and compiling the bundle, then each function a run calls, is a large share of a short
 * run. A `vm.Script` can be handed the bytecode V8 serialised on an earlier run instead.
 *
 * A cache file holds the bundle's id (its first line, a hash of its text, written by
 * scripts/bundle.mjs) and V8's data; its name is the bundle's, with a hash of what V8 checks
 * besides the text (Node's version, the flags), so each way of starting Node keeps its own file.
 * V8 compares only the source's length, hence the id. The build writes one beside the bundle; when
 * none fits, the run writes one into the user's cache folder at exit (a temporary file renamed
 * into place, so a concurrent run reads the old file, the new one or none). A missing, stale or
 * refused cache only means compiling from source, as before.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Script, constants } from 'node:vm';

/** The bundle's first line: `// lamina-nickel bundle <id>`. */
const ID_LINE = /^\/\/ lamina-nickel bundle ([0-9a-f]+)\n/;

export interface BundleRun {
  /** Flags the launcher gave V8 at run time (part of what the cache must match; those given on
   * the command line are in `process.execArgv`). */
  readonly v8Flags: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Where runs keep their cache: LAMINA_NICKEL_CODE_CACHE_DIR (empty: none), else the user's cache
 * folder.
 */
export function userCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  const set = env['LAMINA_NICKEL_CODE_CACHE_DIR'];
  if (set !== undefined) return set === '' ? undefined : set;
  // HOME is what os.homedir() reads first; node:os is loaded only without it
  const base = env['XDG_CACHE_HOME'] || join(env['HOME'] || process.getBuiltinModule('node:os').homedir(), '.cache');
  return join(base, 'lamina-nickel');
}

/** The cache file name of bundle `bundle` (its file name) under what V8's check covers besides the source. */
export function cacheFileName(bundle: string, v8Flags: readonly string[], env: NodeJS.ProcessEnv): string {
  const key = [process.version, process.arch, ...process.execArgv, env['NODE_OPTIONS'] ?? '', ...v8Flags].join('\0');
  return `${bundle.replace(/\.bundle\.cjs$/, '')}-${nameHash(key)}.v8`;
}

/** FNV-1a as 8 hex digits: a file name, not a security boundary (what is read is checked). */
export function nameHash(key: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * A cache file's first line: the bundle's id, padded so that V8's data starts 8-byte aligned in
 * the buffer read (V8 copies data that is not, the whole cache on every run).
 */
function cacheHeader(id: string): string {
  return `${id.padEnd(Math.ceil((id.length + 1) / 8) * 8 - 1)}\n`;
}

function readCache(path: string, id: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch {
    return undefined;
  }
  const header = cacheHeader(id);
  return data.toString('latin1', 0, header.length) === header ? data.subarray(header.length) : undefined;
}

function writeCache(path: string, id: string, script: Script): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, Buffer.concat([Buffer.from(cacheHeader(id), 'latin1'), script.createCachedData()]));
    renameSync(temporary, path);
  } catch {
    // a read-only or missing cache folder: the next run compiles from source again
  }
}

function compile(source: string, filename: string, cachedData: Buffer | undefined): Script {
  // The bundle is CommonJS's wrapper around the code (scripts/bundle.mjs): its value is the function
  // Node would call for require()
  return new Script(source, {
    filename,
    cachedData,
    // the bundle's import() of node:worker_threads goes to Node's own loader
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
}

/** Compiles the bundle at `bundlePath` (from a cache when one fits), runs it and returns its exports. */
function loadBundle(bundlePath: string, run: BundleRun): unknown {
  return runScript(bundlePath, readBundle(bundlePath), run);
}

interface BundleText {
  readonly source: string;
  /** From the bundle's first line; a bundle without one is never cached. */
  readonly id: string | undefined;
}

function readBundle(bundlePath: string): BundleText {
  // The build keeps the bundle ASCII (scripts/bundle.mjs): read as latin1, it becomes a one-byte
  // string without a UTF-8 decoding pass.
  const source = readFileSync(bundlePath, 'latin1');
  return { source, id: ID_LINE.exec(source)?.[1] };
}

function runScript(bundlePath: string, { source, id }: BundleText, run: BundleRun): unknown {
  const env = run.env ?? process.env;
  const name = cacheFileName(basename(bundlePath), run.v8Flags, env);
  const userDir = userCacheDir(env);
  let script: Script | undefined;
  let cached = false;
  if (id) {
    for (const dir of [join(dirname(bundlePath), 'code-cache'), userDir]) {
      const data = dir === undefined ? undefined : readCache(join(dir, name), id);
      if (!data) continue;
      script = compile(source, bundlePath, data);
      cached = script.cachedDataRejected === false;
      if (cached) break;
    }
  }
  const compiled = script ?? compile(source, bundlePath, undefined);
  // written at exit, so that it holds the functions this run compiled as well
  if (id && !cached && userDir !== undefined) process.once('exit', () => writeCache(join(userDir, name), id, compiled));
  const module = { exports: {} };
  compiled.runInThisContext()(module.exports, bundleRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  return module.exports;
}

/**
 * The bundle's `require`: the bundles require only Node's own modules, and node:module (for a
 * require that resolves from the bundle's folder) costs a millisecond to load, so it is loaded
 * only for anything else.
 */
function bundleRequire(bundlePath: string): (id: string) => unknown {
  let resolving: NodeJS.Require | undefined;
  return (id) => process.getBuiltinModule(id) ?? (resolving ??= process.getBuiltinModule('node:module').createRequire(bundlePath))(id);
}

/** What the launcher hands the CLI's bundle: a way to load further bundles, and its own id. */
export interface Launch {
  /** Loads another bundle through the same caches, under the same flags. */
  readonly load: (bundlePath: string) => unknown;
  /** The running bundle's id (a hash of its text): what a cache of its own results depends on. */
  readonly bundleId: string | undefined;
}

/**
 * The launcher and the bundle each hold their own copy of this module, so what the launcher
 * hands over goes through a process-wide symbol.
 */
const LAUNCH = Symbol.for('@lamina/nickel/launch');

/** Runs the CLI's bundle; the bundle reads `launch()`. */
export function runBundle(bundlePath: string, run: BundleRun): void {
  const text = readBundle(bundlePath);
  const launch: Launch = { load: (path) => loadBundle(path, run), bundleId: text.id };
  (globalThis as Record<symbol, unknown>)[LAUNCH] = launch;
  runScript(bundlePath, text, run);
}

/** What the launcher that started this process handed over, when it was `runBundle`. */
export function launch(): Launch | undefined {
  return (globalThis as Record<symbol, unknown>)[LAUNCH] as Launch | undefined;
}
