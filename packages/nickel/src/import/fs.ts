/**
 * The file-system importer: a path is resolved against the importing file's directory (or the
 * working directory for a top-level program); identity is the real path, so one file imported
 * through different relative paths is evaluated once.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve as resolvePath } from 'node:path';
import { NickelError } from '../diagnostics/error.js';
import type { Importer, ResolvedFile } from './importer.js';

export class FsImporter implements Importer {
  private readonly cache = new Map<string, ResolvedFile | undefined>();

  constructor(private readonly cwd: string = process.cwd()) {}

  resolve(path: string, from: string | undefined): ResolvedFile | undefined {
    const dir = from ? dirname(from) : this.cwd;
    const full = isAbsolute(path) ? path : resolvePath(dir, path);
    if (this.cache.has(full)) return this.cache.get(full);
    let found: ResolvedFile | undefined;
    try {
      if (statSync(full).isFile()) {
        const id = realpathSync(full);
        const rel = relative(this.cwd, full);
        found = { id, name: rel.startsWith('..') ? full : rel, text: readFileSync(full, 'utf8') };
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        throw new NickelError('ImportError::IoError', `import of \`${path}\` failed: ${(e as Error).message}`);
      }
    }
    this.cache.set(full, found);
    return found;
  }
}
