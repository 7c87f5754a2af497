/**
 * Rendered Dockerfiles' digests, kept in the user's cache between runs, so a fingerprint does not
 * need the Dockerfile rendered again when nothing it is rendered from changed. The key of a
 * layer's render holds everything the view and the templates read: lamina's build, the templates'
 * bytes, the layer's evaluated directives and workflow, its files' names, and its parents' keys
 * (a view reads its ancestors: base images, inherited environment, donors). Only successful
 * renders are kept. Written when the process exits; unreadable or unwritable, it is ignored.
 */
import { readCacheJson, rootCacheFile, writeCacheFile, type CacheDirOption } from '../cache/files.js';
import { libraryIdentity } from '../load/cache.js';

const FORMAT = 'lamina-render-memo 1';
/** Entries kept per catalog: more than any catalog's layers, fewer than a runaway file. */
const MAX_ENTRIES = 50_000;

export interface RenderDigest {
  readonly sha256: string;
  readonly bytes: number;
}

interface MemoFile {
  format: string;
  identity: string;
  entries: Record<string, [sha256: string, bytes: number]>;
}

const pending = new Set<RenderMemo>();
let hooked = false;

/** Writes every memo with new entries (done when the process exits). */
export function saveRenderMemos(): void {
  for (const memo of [...pending]) memo.save();
}

export class RenderMemo {
  private readonly entries: Map<string, [string, number]>;
  private dirty = false;

  private constructor(private readonly file: string | undefined) {
    const data = readCacheJson<MemoFile>(file);
    const ok = data?.format === FORMAT && data.identity === libraryIdentity() && typeof data.entries === 'object';
    this.entries = new Map(ok ? Object.entries(data.entries) : []);
  }

  /** The memo of the catalog at `root`; in memory only with caching off (`false`). */
  static open(root: string, cacheDir: CacheDirOption): RenderMemo {
    return new RenderMemo(rootCacheFile(cacheDir, 'render', root));
  }

  get(key: string): RenderDigest | undefined {
    const e = this.entries.get(key);
    return e ? { sha256: e[0], bytes: e[1] } : undefined;
  }

  set(key: string, digest: RenderDigest): void {
    if (this.entries.has(key)) return;
    this.entries.set(key, [digest.sha256, digest.bytes]);
    if (this.file && !this.dirty) {
      this.dirty = true;
      pending.add(this);
      if (!hooked) {
        hooked = true;
        process.on('exit', saveRenderMemos);
      }
    }
  }

  save(): void {
    pending.delete(this);
    if (!this.file || !this.dirty) return;
    this.dirty = false;
    const kept = [...this.entries].slice(-MAX_ENTRIES);
    const data: MemoFile = { format: FORMAT, identity: libraryIdentity(), entries: Object.fromEntries(kept) };
    writeCacheFile(this.file, JSON.stringify(data));
  }
}
