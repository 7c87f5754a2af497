/**
 * The typed module's declarations as ts-morph last printed them (typed-module.ts), kept in the
 * lamina cache: they depend only on the layer names, so a `gen` after a change to a layer's
 * values fills the data into the kept text and never loads ts-morph (most of a second). The key
 * is the names, lamina's build (the printing code) and the ts-morph installed (its file's path,
 * size and time: pnpm's path names its version).
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readCacheJson, rootCacheFile, writeCacheFile, type CacheDirOption } from '../cache/files.js';
import { libraryIdentity } from '../load/cache.js';

const FORMAT = 'lamina-typed-declarations 1';

interface CacheFile {
  format: string;
  key: string;
  declarations: string;
}

export class TypedDeclarationsCache {
  private kept: CacheFile | undefined;

  private constructor(private readonly file: string) {
    const data = readCacheJson<CacheFile>(file);
    this.kept = data?.format === FORMAT && typeof data.key === 'string' && typeof data.declarations === 'string' ? data : undefined;
  }

  /** The cache of the catalog at `root`; undefined with caching off. */
  static open(root: string, cacheDir: CacheDirOption): TypedDeclarationsCache | undefined {
    const file = rootCacheFile(cacheDir, 'typed', root);
    return file ? new TypedDeclarationsCache(file) : undefined;
  }

  /** The declarations printed for exactly these names by this build, if kept. */
  get(names: readonly string[]): string | undefined {
    return this.kept !== undefined && this.kept.key === keyOf(names) ? this.kept.declarations : undefined;
  }

  set(names: readonly string[], declarations: string): void {
    const data: CacheFile = { format: FORMAT, key: keyOf(names), declarations };
    if (writeCacheFile(this.file, JSON.stringify(data))) this.kept = data;
  }
}

/**
 * The layer names a catalog at `root` will have if it loads without errors (its folders under
 * `layers/`, as discovery sorts them): a guess made before loading, to decide whether ts-morph
 * must be loaded meanwhile. A wrong guess costs time, never a wrong output.
 */
export function expectedLayerNames(root: string): string[] {
  try {
    return readdirSync(join(root, 'layers'), { withFileTypes: true })
      .filter((e) => !e.name.startsWith('.') && (e.isDirectory() || e.isSymbolicLink()))
      .map((e) => e.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch {
    return [];
  }
}

let tsMorph: string | undefined;
function tsMorphIdentity(): string {
  if (tsMorph === undefined) {
    try {
      const main = createRequire(import.meta.url).resolve('ts-morph');
      const st = statSync(main);
      tsMorph = `${main} ${st.size} ${st.mtimeMs}`;
    } catch {
      tsMorph = 'unknown';
    }
  }
  return tsMorph;
}

function keyOf(names: readonly string[]): string {
  return createHash('sha256').update(`${FORMAT}\n${libraryIdentity()}\n${tsMorphIdentity()}\n`).update(names.join('\n')).digest('hex');
}
