/**
 * Rendered Dockerfiles' digests, kept in the user's cache between runs, so a fingerprint does not
 * need the Dockerfile rendered again when nothing it is rendered from changed. The key of a
 * layer's render holds everything the view and the templates read: lamina's build, the templates'
 * bytes, the layer's evaluated directives and workflow, its files' names, and its parents' keys
 * (a view reads its ancestors: base images, inherited environment, donors). Only successful
 * renders are kept. Written when the process exits; unreadable or unwritable, it is ignored.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultCacheDir } from '../load/cache-dir.js';
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
    let entries: Record<string, [string, number]> = {};
    if (file) {
      try {
        const data = JSON.parse(readFileSync(file, 'utf8')) as MemoFile;
        if (data.format === FORMAT && data.identity === libraryIdentity()) entries = data.entries;
      } catch {
        entries = {};
      }
    }
    this.entries = new Map(Object.entries(entries));
  }

  /** The memo of the catalog at `root`; in memory only when `cacheDir` is undefined (caches off). */
  static open(root: string, cacheDir: string | undefined | null): RenderMemo {
    const dir = cacheDir === undefined ? undefined : (cacheDir ?? defaultCacheDir());
    return new RenderMemo(dir ? join(dir, `render-${createHash('sha256').update(root).digest('hex').slice(0, 24)}.json`) : undefined);
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
    try {
      const kept = [...this.entries].slice(-MAX_ENTRIES);
      const data: MemoFile = { format: FORMAT, identity: libraryIdentity(), entries: Object.fromEntries(kept) };
      mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
      renameSync(tmp, this.file);
    } catch {
      // the next run renders again
    }
  }
}
