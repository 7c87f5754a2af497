/** Content hashes of a catalog's files, each file read and hashed once per load. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Reads and hashes files once per catalog load (10,000 layers share `layers/catalog.ncl`). */
export class FileHashes {
  private readonly cache = new Map<string, string | undefined>();

  constructor(
    readonly root: string,
    /** Texts already read by the loader, relative to the root. */
    private readonly known: ReadonlyMap<string, string> = new Map(),
    /** Hashes the loader already computed. */
    private readonly knownHashes: ReadonlyMap<string, string | undefined> = new Map(),
  ) {}

  /** sha256 (hex) of a file's bytes, or undefined when it cannot be read. */
  hash(rel: string): string | undefined {
    if (this.cache.has(rel)) return this.cache.get(rel);
    const known = this.knownHashes.get(rel);
    if (known !== undefined) return known;
    let h: string | undefined;
    const text = this.known.get(rel);
    try {
      h = createHash('sha256')
        .update(text !== undefined ? Buffer.from(text, 'utf8') : readFileSync(join(this.root, rel)))
        .digest('hex');
    } catch {
      h = undefined;
    }
    this.cache.set(rel, h);
    return h;
  }
}
