/**
 * The no-op shortcut of `lamina gen`: after a generation whose outputs are on disk, a stamp in
 * the user's cache records every file it read (the layers' files and their imports, the
 * templates, the JSON Schemas), the listings of the folders where a new file would matter (a new
 * layer, a new file in a layer's build context, a new partial), lamina's own build, and the
 * generated files. When none of them changed, the next `gen` (or `gen --check`) answers from the
 * stamp without loading the catalog. A file whose size and modification time are unchanged is
 * taken as unchanged (as git's index does); otherwise its content hash decides. Any doubt — no
 * stamp, another build, an unreadable file — means a full generation.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalog } from '../model/index.js';
import { defaultCacheDir } from '../load/cache-dir.js';
import { buildIdentity } from '../load/cache.js';

const FORMAT = 'lamina-gen-stamp 1';

type FileEntry = [path: string, size: number, mtimeMs: number, sha256: string];

interface Stamp {
  format: string;
  /** When it was written: a file modified in the same instant is compared by content. */
  written: number;
  identity: string;
  options: string;
  inputs: FileEntry[];
  /** Folder → hash of its sorted entry names. */
  folders: [string, string][];
  outputs: FileEntry[];
}

export interface StampOptions {
  readonly root: string;
  readonly cacheDir?: string;
  /** What else decides the outputs (`--cook-manifests`). */
  readonly options: string;
}

/** The number of generated files, when nothing the last generation read or wrote has changed. */
export function unchangedSinceStamp(opts: StampOptions): number | undefined {
  const file = stampFile(opts);
  if (!file) return undefined;
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(file, 'utf8')) as Stamp;
  } catch {
    return undefined;
  }
  if (stamp.format !== FORMAT || stamp.options !== opts.options || stamp.identity !== identity()) return undefined;
  for (const [dir, listing] of stamp.folders) if (listingHash(opts.root, dir) !== listing) return undefined;
  for (const entry of [...stamp.inputs, ...stamp.outputs]) if (!same(opts.root, entry, stamp.written)) return undefined;
  return stamp.outputs.length;
}

/** Records the generation just done: `outputs` are on disk as generated. */
export function writeStamp(opts: StampOptions, catalog: Catalog, outputs: readonly string[]): void {
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
    const stamp: Stamp = {
      format: FORMAT,
      written: Date.now(),
      identity: identity(),
      options: opts.options,
      inputs: [...inputs].sort().map((p) => entry(opts.root, p)),
      folders: [...folders].sort().map((d) => [d, listingHash(opts.root, d)]),
      outputs: [...outputs].sort().map((p) => entry(opts.root, p)),
    };
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(stamp), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // without a stamp the next gen does the full work
  }
}

function stampFile(opts: StampOptions): string | undefined {
  const dir = opts.cacheDir ?? defaultCacheDir();
  if (!dir) return undefined;
  return join(dir, `gen-${createHash('sha256').update(opts.root).digest('hex').slice(0, 24)}.json`);
}

let cachedIdentity: string | undefined;
/** lamina's build: @lamina/nickel and this package's compiled files. */
function identity(): string {
  return (cachedIdentity ??= buildIdentity(FORMAT, [join(dirname(fileURLToPath(import.meta.url)), '..')]));
}

function entry(root: string, path: string): FileEntry {
  const abs = join(root, path);
  const st = statSync(abs);
  return [path, st.size, st.mtimeMs, createHash('sha256').update(readFileSync(abs)).digest('hex')];
}

function same(root: string, [path, size, mtimeMs, sha]: FileEntry, written: number): boolean {
  try {
    const st = statSync(join(root, path));
    if (st.size !== size) return false;
    // Modified within a second of the stamp: the time alone cannot tell (git's "racily clean").
    if (st.mtimeMs === mtimeMs && mtimeMs < written - 1000) return true;
    return createHash('sha256').update(readFileSync(join(root, path))).digest('hex') === sha;
  } catch {
    return false;
  }
}

function entries(root: string, dir: string): string[] {
  try {
    return readdirSync(join(root, dir)).sort();
  } catch {
    return [];
  }
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
