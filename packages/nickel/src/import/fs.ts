/**
 * The file-system importer: a path is resolved against the importing file's directory (or the
 * working directory for a top-level program); identity is the real path, so one file imported
 * through different relative paths is evaluated once.
 */
import { dirname, isAbsolute, resolve as resolvePath } from 'node:path';
import { importIoError } from '../diagnostics/import-errors.js';
import type { Importer, ResolvedFile } from './importer.js';
import { RealFileReader } from './real-file.js';

/**
 * `path` (relative) resolved against `dir` (absolute and normalised: the directory of a file
 * already resolved, or the working directory). What path.resolve computes, without its general
 * normalisation pass, which shows up when a catalog resolves thousands of imports.
 */
export function joinRelative(dir: string, path: string): string {
  let out = dir.length > 1 && dir.endsWith('/') ? dir.slice(0, -1) : dir;
  let i = 0;
  while (i <= path.length) {
    let j = path.indexOf('/', i);
    if (j < 0) j = path.length;
    const seg = path.slice(i, j);
    if (seg === '..') {
      const cut = out.lastIndexOf('/');
      out = cut <= 0 ? '/' : out.slice(0, cut);
    } else if (seg !== '' && seg !== '.') out = out === '/' ? `/${seg}` : `${out}/${seg}`;
    i = j + 1;
  }
  return out;
}

export class FsImporter implements Importer {
  private readonly cache = new Map<string, ResolvedFile | undefined>();
  private readonly files = new RealFileReader();

  private readonly cwd: string;

  /** `cwd`: where a top-level program's relative paths start (made absolute and normalised). */
  constructor(cwd: string = process.cwd()) {
    this.cwd = resolvePath(cwd);
  }

  resolve(path: string, from: string | undefined): ResolvedFile | undefined {
    const dir = from ? dirname(from) : this.cwd;
    const full = isAbsolute(path) ? resolvePath(path) : joinRelative(dir, path);
    if (this.cache.has(full)) return this.cache.get(full);
    let found: ResolvedFile | undefined;
    try {
      // a directory fails with EISDIR
      const { real, text } = this.files.read(full);
      found = { id: real, name: this.displayName(full), text };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') {
        throw importIoError(path, { kind: 'unreadable', reason: (e as Error).message });
      }
    }
    this.cache.set(full, found);
    return found;
  }

  /** How diagnostics name a file: relative to the working directory when inside it. */
  private displayName(full: string): string {
    const prefix = this.cwd.endsWith('/') ? this.cwd : `${this.cwd}/`;
    // `full` is normalised (joinRelative, path.resolve), so a prefix test is path.relative's answer
    return full.startsWith(prefix) ? full.slice(prefix.length) : full;
  }
}
