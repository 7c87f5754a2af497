/**
 * The ADRs' validated export, kept with the sha256 of every file that produced it (the ADR files,
 * what they imported, the two JSON Schemas): `lamina check` in a pre-commit hook then neither
 * starts the evaluator nor compiles the schema when the ADRs did not change. Reused only for the
 * same ADR listing, the same file contents and the same evaluator build. An optimisation only:
 * unreadable, corrupt or unwritable, it is ignored.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rootCacheFile, writeCacheFile } from '../cache/files.js';
import { buildIdentity } from '../load/cache.js';
import type { Adr } from './model.js';
import { byKey } from '../model/order.js';

const FORMAT = 'lamina-adr-cache 1';

interface CacheFile {
  format: string;
  evaluator: string;
  listing: string[];
  files: Record<string, string>;
  adrs: Adr[];
}

export class AdrCache {
  private evaluatorId: string | undefined;
  private constructor(
    private readonly root: string,
    private readonly file: string,
  ) {}

  static open(root: string, cacheDir: string | false | undefined): AdrCache | undefined {
    const file = rootCacheFile(cacheDir, 'adrs', root);
    return file ? new AdrCache(root, file) : undefined;
  }

  reuse(listing: readonly string[]): Adr[] | undefined {
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as CacheFile;
      if (data.format !== FORMAT || data.listing.join('\0') !== listing.join('\0')) return undefined;
      for (const [rel, hash] of Object.entries(data.files)) if (sha256(readFileSync(join(this.root, rel))) !== hash) return undefined;
      if (data.evaluator !== this.evaluator()) return undefined;
      return data.adrs;
    } catch {
      return undefined;
    }
  }

  store(listing: readonly string[], texts: ReadonlyMap<string, string>, adrs: readonly Adr[]): void {
    try {
      const files: Record<string, string> = {};
      for (const [rel, text] of [...texts].sort(byKey)) files[rel] = sha256(text);
      const data: CacheFile = { format: FORMAT, evaluator: this.evaluator(), listing: [...listing], files, adrs: [...adrs] };
      writeCacheFile(this.file, JSON.stringify(data));
    } catch {
      // A read-only home only costs the next run an evaluation.
    }
  }

  /** The evaluator and this loader, by their files' sizes and times. */
  private evaluator(): string {
    return (this.evaluatorId ??= buildIdentity(FORMAT, [dirname(fileURLToPath(import.meta.url))]));
  }
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
