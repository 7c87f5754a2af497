/**
 * The no-op shortcut of `lamina gen`: after a generation whose outputs are on disk, a stamp in
 * the user's cache records every file it read (the layers' files and their imports, the
 * templates, the JSON Schemas), the listings of the folders where a new file would matter (a new
 * layer, a new file in a layer's build context, a new partial), lamina's own build, and the
 * generated files. When none of them changed, the next `gen` (or `gen --check`) answers from the
 * stamp without loading the catalog. A file whose size and modification time are unchanged is
 * taken as unchanged (as git's index does); otherwise its content hash decides. A folder whose
 * modification time is unchanged has the same entries (git's untracked cache); otherwise its
 * listing decides. A later gen also renders only what changed: the stamp says which generated
 * files are still as they were written, and the stamp it writes reuses what it vouches for. Any doubt — no
 * stamp, another build, an unreadable file — means a full generation. `lamina validate` reads the
 * same files (and writes none): its own stamp keeps what it concluded for a catalog without errors.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '../model/index.js';
import { readCacheJson, rootCacheFile, writeCacheFile } from '../cache/files.js';
import { libraryIdentity } from '../load/cache.js';

const FORMAT = 'lamina-gen-stamp 2';

type FileEntry = [path: string, size: number, mtimeMs: number, sha256: string];
type FolderEntry = [path: string, listing: string, mtimeMs: number];

interface Stamp {
  format: string;
  /** When it was written: a file modified in the same instant is compared by content. */
  written: number;
  identity: string;
  options: string;
  inputs: FileEntry[];
  /** Folder, hash of its sorted entry names, and its modification time (which an added, removed or renamed entry changes). */
  folders: FolderEntry[];
  outputs: FileEntry[];
  /** What the command concluded (validate's counts and warnings), to be said again. */
  outcome?: unknown;
}

export interface StampOptions {
  readonly root: string;
  readonly cacheDir?: string;
  /** What else decides the outputs (`--cook-manifests`). */
  readonly options: string;
  /** Whose stamp: `gen` (the default) or `validate`, which reads the same files and writes none. */
  readonly command?: 'gen' | 'validate';
}

/** The number of generated files, when nothing the last generation read or wrote has changed. */
export function unchangedSinceStamp(opts: StampOptions): number | undefined {
  return GenStamp.read(opts)?.unchanged();
}

/** The last generation's stamp, when it was written by this build with these options. */
export class GenStamp {
  private readonly outputs: Map<string, FileEntry>;
  private readonly byPath: Map<string, FileEntry>;
  private readonly folders: Map<string, FolderEntry>;

  private constructor(
    private readonly opts: StampOptions,
    private readonly stamp: Stamp,
  ) {
    this.outputs = new Map(stamp.outputs.map((e) => [e[0], e]));
    this.byPath = new Map([...stamp.inputs, ...stamp.outputs].map((e) => [e[0], e]));
    this.folders = new Map(stamp.folders.map((e) => [e[0], e]));
  }

  static read(opts: StampOptions): GenStamp | undefined {
    const stamp = readCacheJson<Stamp>(stampFile(opts));
    if (!stamp || stamp.format !== FORMAT || stamp.options !== opts.options || stamp.identity !== identity()) return undefined;
    return new GenStamp(opts, stamp);
  }

  /**
   * The number of generated files, when nothing read or written has changed. Files found
   * unchanged by content (modified within a second of the stamp) are stamped again with the time
   * now, so that the next run can trust their times.
   */
  unchanged(): number | undefined {
    const { root } = this.opts;
    const now = Date.now();
    let byContent = false;
    for (const [dir, listing, mtimeMs] of this.stamp.folders) {
      if (folderTime(root, dir) === mtimeMs && mtimeMs < this.stamp.written - 1000) continue;
      if (listingHash(root, dir) !== listing) return undefined;
      byContent = true;
    }
    for (const entry of [...this.stamp.inputs, ...this.stamp.outputs]) {
      const how = same(root, entry, this.stamp.written);
      if (how === undefined) return undefined;
      byContent ||= how === 'content';
    }
    const file = stampFile(this.opts);
    if (byContent && file) writeCacheFile(file, JSON.stringify({ ...this.stamp, written: now }));
    return this.stamp.outputs.length;
  }

  /** What the command concluded when it wrote the stamp (writeStamp's `outcome`). */
  get outcome(): unknown {
    return this.stamp.outcome;
  }

  /** The sha256 of a generated file as it is on disk, when its size and time vouch for it (no read). */
  outputDigest(path: string): string | undefined {
    const entry = this.outputs.get(path);
    return entry && trusted(this.opts.root, entry, this.stamp.written) ? entry[3] : undefined;
  }

  /** The recorded folder entry of `dir` when its time vouches for it. */
  folder(dir: string): FolderEntry | undefined {
    const e = this.folders.get(dir);
    return e && e[2] < this.stamp.written - 1000 && folderTime(this.opts.root, dir) === e[2] ? e : undefined;
  }

  /** The recorded entry of `path` when its size and time vouch for it. */
  entry(path: string): FileEntry | undefined {
    const e = this.byPath.get(path);
    return e && trusted(this.opts.root, e, this.stamp.written) ? e : undefined;
  }
}

export interface StampWrite {
  /** When the run began, before it read anything: an input modified since may not be what it read. */
  readonly startedAt: number;
  /** The stamp the run found: what it vouches for is not hashed again. */
  readonly previous?: GenStamp;
  /** What the command concluded, to be said again (validate). */
  readonly outcome?: unknown;
}

/**
 * Records the run just done: `outputs` are on disk as generated. An input modified after the run
 * began (or within the second before) is recorded as changed, so the next run does the work.
 */
export function writeStamp(opts: StampOptions, catalog: Catalog, outputs: readonly string[], run: StampWrite): void {
  const { previous, outcome, startedAt } = run;
  const file = stampFile(opts);
  if (!file) return;
  try {
    const inputs = new Set<string>();
    const folders = new Set<string>(['layers', 'schemas', 'templates', 'templates/dockerfile', 'templates/dockerfile/partials']);
    for (const layer of catalog.layers) {
      for (const f of layer.inputFiles) inputs.add(f);
      for (const dir of foldersUnder(opts.root, layer.dir)) folders.add(dir);
    }
    for (const dir of ['schemas', 'templates', 'templates/dockerfile', 'templates/dockerfile/partials']) {
      for (const name of entries(opts.root, dir)) if (/\.(json|hbs)$/.test(name)) inputs.add(`${dir}/${name}`);
    }
    // Taken before the files are examined: a file changed while they are is then racily new.
    const written = Date.now();
    const entryOf = (p: string): FileEntry => previous?.entry(p) ?? entry(opts.root, p);
    const inputOf = (p: string): FileEntry => {
      const e = entryOf(p);
      return e[2] < startedAt - 1000 ? e : [p, -1, 0, ''];
    };
    const stamp: Stamp = {
      format: FORMAT,
      written,
      identity: identity(),
      options: opts.options,
      inputs: [...inputs].sort().map(inputOf),
      folders: [...folders].sort().map((d) => previous?.folder(d) ?? folderEntry(opts.root, d)),
      outputs: [...outputs].sort().map(entryOf),
      outcome,
    };
    writeCacheFile(file, JSON.stringify(stamp));
  } catch {
    // without a stamp the next gen does the full work
  }
}

function stampFile(opts: StampOptions): string | undefined {
  return rootCacheFile(opts.cacheDir, opts.command ?? 'gen', opts.root);
}

const identity = libraryIdentity;

function entry(root: string, path: string): FileEntry {
  const abs = join(root, path);
  const st = statSync(abs);
  return [path, st.size, st.mtimeMs, createHash('sha256').update(readFileSync(abs)).digest('hex')];
}

/** Size and modification time unchanged, and older than the racy second before the stamp. */
function trusted(root: string, [path, size, mtimeMs]: FileEntry, written: number): boolean {
  try {
    const st = statSync(join(root, path));
    // Modified within a second of the stamp: the time alone cannot tell (git's "racily clean").
    return st.size === size && st.mtimeMs === mtimeMs && mtimeMs < written - 1000;
  } catch {
    return false;
  }
}

/** How a file was found unchanged (by its size and time, or by its content), or undefined if it changed. */
function same(root: string, [path, size, mtimeMs, sha]: FileEntry, written: number): 'time' | 'content' | undefined {
  try {
    const st = statSync(join(root, path));
    if (st.size !== size) return undefined;
    if (st.mtimeMs === mtimeMs && mtimeMs < written - 1000) return 'time';
    return createHash('sha256')
      .update(readFileSync(join(root, path)))
      .digest('hex') === sha
      ? 'content'
      : undefined;
  } catch {
    return undefined;
  }
}

function entries(root: string, dir: string): string[] {
  try {
    return readdirSync(join(root, dir)).sort();
  } catch {
    return [];
  }
}

/** A folder's modification time (NaN when it cannot be read: never equal to a recorded one). */
function folderTime(root: string, dir: string): number {
  try {
    return statSync(join(root, dir)).mtimeMs;
  } catch {
    return NaN;
  }
}

/** Its time taken before its listing: an entry added meanwhile shows as another time. */
function folderEntry(root: string, dir: string): FolderEntry {
  const mtimeMs = folderTime(root, dir);
  return [dir, listingHash(root, dir), Number.isNaN(mtimeMs) ? -1 : mtimeMs];
}

function listingHash(root: string, dir: string): string {
  return createHash('sha256').update(entries(root, dir).join('\n')).digest('hex');
}

/** `dir` and every folder below it. */
function foldersUnder(root: string, dir: string): string[] {
  const out = [dir];
  for (const e of (() => {
    try {
      return readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      return [];
    }
  })()) {
    if (e.isDirectory()) out.push(...foldersUnder(root, `${dir}/${e.name}`));
  }
  return out;
}
