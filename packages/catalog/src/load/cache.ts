/**
 * The evaluation cache: a layer's exported JSON, kept with the content hash of every file its
 * evaluation read, so the next load re-evaluates only layers whose inputs changed. Evaluating
 * Nickel is most of what `lamina validate` costs; on a pre-commit hook most layers are unchanged.
 *
 * An entry is reused only when every recorded file still has the same sha256 and still resolves
 * inside the catalog, and when the evaluator is the same build. A file whose size and modification
 * time are those recorded with its hash is not read again (as git's index does): the time is
 * recorded only when the file was last modified over a second before the load that hashed it
 * began, so a change made while it was read cannot hide behind an unchanged time (the key hashes the @lamina/nickel
 * files' sizes and times). Only layers that evaluated without a Nickel error are kept. The cache is
 * an optimisation: unreadable, corrupt or unwritable, it is ignored.
 *
 * One file per catalog root and build, so two builds used in turn on one catalog (a checkout and
 * an installed lamina, or a benchmark comparing builds) do not overwrite each other's entries; a
 * root keeps the files of its KEEP_BUILDS most recently saved builds.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCacheJson, rootCacheFile, writeCacheFile, type CacheDirOption } from '../cache/files.js';
import { isInside } from './paths.js';
import type { Json } from './plain.js';

const CACHE_FORMAT = 'lamina-eval-cache 2';
const KEEP_BUILDS = 3;

/** A file relative to the root, its sha256, and the size and time that vouch for it (size -1: none). */
export type CachedFile = readonly [path: string, sha256: string, size: number, mtimeMs: number];

export interface CachedLayer {
  /** Every file the layer's two files read. */
  readonly files: readonly CachedFile[];
  /** The import edges among those files. */
  readonly imports: readonly (readonly [string, readonly string[]])[];
  readonly build: Json;
  readonly workflow: Json;
}

interface CacheFile {
  format: string;
  evaluator: string;
  layers: Record<string, CachedLayer>;
}

export class EvalCache {
  private readonly hashes = new Map<string, string | undefined>();
  /** Size and time that vouch for a file's hash in `hashes`, when it was old enough when read. */
  private readonly stats = new Map<string, readonly [number, number]>();
  /** Before any file of this load was read. */
  private readonly started = Date.now();
  private readonly realRoot: string;
  private readonly previous: Record<string, CachedLayer>;
  private readonly next: Record<string, CachedLayer> = {};
  private changed = false;

  private constructor(
    readonly root: string,
    private readonly file: string,
    private readonly evaluator: string,
  ) {
    this.realRoot = realpathSync.native(root);
    const data = readCacheJson<CacheFile>(file);
    this.previous = data?.format === CACHE_FORMAT && data.evaluator === evaluator && data.layers ? data.layers : {};
  }

  /** The cache of the catalog at `root`, or undefined when no cache directory is available. */
  static open(root: string, cacheDir: CacheDirOption): EvalCache | undefined {
    try {
      const evaluator = evaluatorIdentity();
      const file = rootCacheFile(cacheDir, 'eval', root, `-${evaluator.slice(0, 12)}.json`);
      return file ? new EvalCache(root, file, evaluator) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The cached export of `layer` if every file it read is unchanged. */
  reuse(layer: string): CachedLayer | undefined {
    const entry = this.previous[layer];
    if (!entry) return undefined;
    for (const f of entry.files) if (this.hash(f[0], f) !== f[1]) return undefined;
    // Kept as it is unless a file's vouching size and time changed (it was hashed this time).
    const restat = entry.files.some((f) => {
      const st = this.stats.get(f[0]) ?? NO_STAT;
      return st[0] !== f[2] || st[1] !== f[3];
    });
    this.next[layer] = restat ? { ...entry, files: entry.files.map((f) => this.record(f[0], f[1])) } : entry;
    this.changed ||= restat;
    return entry;
  }

  /** Records a fresh evaluation; `texts` are the files as the evaluation read them. */
  store(
    layer: string,
    files: readonly string[],
    texts: ReadonlyMap<string, string>,
    importGraph: ReadonlyMap<string, readonly string[]>,
    build: Json,
    workflow: Json,
  ): void {
    const hashed: CachedFile[] = [];
    for (const f of files) {
      const text = texts.get(f);
      let sha: string | undefined;
      if (text !== undefined) {
        sha = sha256(text);
        // Read before now: its time vouches only if it is older than this load.
        if (!this.stats.has(f)) this.stats.set(f, this.vouching(f));
      } else sha = this.hash(f);
      if (sha === undefined) return;
      this.hashes.set(f, sha);
      hashed.push(this.record(f, sha));
    }
    const set = new Set(files);
    const imports = files.filter((f) => importGraph.has(f)).map((f) => [f, importGraph.get(f)!.filter((t) => set.has(t))] as const);
    this.next[layer] = { files: hashed, imports, build, workflow };
    this.changed = true;
  }

  /** Writes the entries reused or stored in this load (layers that are gone are dropped). */
  save(): void {
    if (!this.changed && Object.keys(this.previous).length === Object.keys(this.next).length) return;
    const data: CacheFile = { format: CACHE_FORMAT, evaluator: this.evaluator, layers: this.next };
    try {
      if (writeCacheFile(this.file, JSON.stringify(data))) this.dropOldBuilds();
    } catch {
      // next load evaluates again
    }
  }

  /** Removes this root's files of all but the most recently saved builds. */
  private dropOldBuilds(): void {
    const dir = dirname(this.file);
    const prefix = basename(this.file).replace(/-[0-9a-f]+\.json$/, '-');
    const files = readdirSync(dir)
      // (`eval-<root>.json`: the name before builds had their own file)
      .filter((f) => (f.startsWith(prefix) && f.endsWith('.json')) || f === `${prefix.slice(0, -1)}.json`)
      .map((f) => ({ path: join(dir, f), mtime: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const old of files.slice(KEEP_BUILDS)) rmSync(old.path, { force: true });
  }

  /** The sha256 of every file this load verified or stored (relative path → hex). */
  knownHashes(): ReadonlyMap<string, string | undefined> {
    return this.hashes;
  }

  private record(rel: string, sha: string): CachedFile {
    const st = this.stats.get(rel) ?? NO_STAT;
    return [rel, sha, st[0], st[1]];
  }

  /** The size and time of a file just read, if it was modified over a second before this load began. */
  private vouching(rel: string): readonly [number, number] {
    try {
      const st = statSync(join(this.root, rel));
      return st.mtimeMs < this.started - 1000 ? [st.size, st.mtimeMs] : NO_STAT;
    } catch {
      return NO_STAT;
    }
  }

  /** The file's sha256: `recorded`'s when its size and time vouch for it, else read and hashed. */
  private hash(rel: string, recorded?: CachedFile): string | undefined {
    if (this.hashes.has(rel)) return this.hashes.get(rel);
    let sha: string | undefined;
    try {
      const real = realpathSync.native(join(this.root, rel));
      // A file that now leads outside the catalog is not read: the entry is stale.
      if (isInside(this.realRoot, real)) {
        // Taken before the read: a change during it shows as another time next load.
        const st = statSync(real);
        if (recorded !== undefined && recorded[2] >= 0 && st.size === recorded[2] && st.mtimeMs === recorded[3]) {
          sha = recorded[1];
          this.stats.set(rel, [st.size, st.mtimeMs]);
        } else {
          sha = createHash('sha256').update(readFileSync(real)).digest('hex');
          this.stats.set(rel, st.mtimeMs < this.started - 1000 ? [st.size, st.mtimeMs] : NO_STAT);
        }
      }
    } catch {
      sha = undefined;
    }
    this.hashes.set(rel, sha);
    return sha;
  }
}

const NO_STAT: readonly [number, number] = [-1, 0];

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The evaluator build: sizes and modification times of @lamina/nickel's files and of the files in
 * `ownDirs` (the code that turns exports into cached data), under a cache `format` tag. A cache
 * written by another build of either is never reused.
 */
export function buildIdentity(format: string, ownDirs: readonly string[]): string {
  const require = createRequire(import.meta.url);
  const h = createHash('sha256').update(format);
  const walk = (base: string, d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(base, p);
      else if (/\.(js|ts|ncl)$/.test(name)) h.update(`${p.slice(base.length)} ${st.size} ${st.mtimeMs}\n`);
    }
  };
  const nickel = dirname(require.resolve('@lamina/nickel'));
  walk(nickel, nickel);
  // The standard library is Nickel source read at run time (src/stdlib beside dist): a change
  // to it changes what every layer evaluates to.
  const std = join(nickel, '..', 'src', 'stdlib');
  if (existsSync(std)) walk(std, std);
  for (const dir of ownDirs) walk(dir, dir);
  return h.digest('hex');
}

let library: string | undefined;
/** @lamina/nickel's and this package's whole build: what a cache of lamina's own outputs depends on. */
export function libraryIdentity(): string {
  return (library ??= buildIdentity('lamina library', [join(dirname(fileURLToPath(import.meta.url)), '..')]));
}

function evaluatorIdentity(): string {
  return buildIdentity(CACHE_FORMAT, [dirname(fileURLToPath(import.meta.url))]);
}
