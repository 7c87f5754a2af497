/**
 * The file-system importer: a path is resolved against the importing file's directory (or the
 * working directory for a top-level program); identity is the real path, so one file imported
 * through different relative paths is evaluated once.
 */
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, resolve as resolvePath } from 'node:path';
import { NickelError } from '../diagnostics/error.js';
import type { Importer, ResolvedFile } from './importer.js';

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

/** `name` inside the normalised absolute directory `dir` (what path.join gives, without its pass). */
function under(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

export class FsImporter implements Importer {
  private readonly cache = new Map<string, ResolvedFile | undefined>();
  /** Directory → its real path (symlinks resolved), filled one directory at a time. */
  private readonly realDirs = new Map<string, string>();

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
      // Read first (one syscall in the common case); a directory fails with EISDIR.
      const text = readFileSync(full, 'utf8');
      const id = this.realPath(full);
      found = { id, name: this.displayName(full), text };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') {
        throw new NickelError('ImportError::IoError', `import of \`${path}\` failed: ${(e as Error).message}`);
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

  /**
   * The real path of an existing file. realpath(3) inspects every component of the path on each
   * call; a catalog imports thousands of files from the same few directories, so the directories'
   * real paths are kept and a file costs one lstat (to see whether it is itself a link).
   */
  private realPath(file: string): string {
    if (lstatSync(file).isSymbolicLink()) {
      try {
        return realpathSync.native(file);
      } catch {
        // read, yet without a path of its own: a process substitution (`<(cmd)` is /dev/fd/N
        // pointing at a pipe); the path it was read by is its identity
        return file;
      }
    }
    const cut = file.lastIndexOf('/');
    return under(this.realDir(cut > 0 ? file.slice(0, cut) : '/'), file.slice(cut + 1));
  }

  private realDir(dir: string): string {
    let real = this.realDirs.get(dir);
    if (real === undefined) {
      const parent = dirname(dir);
      real = parent === dir ? dir : lstatSync(dir).isSymbolicLink() ? realpathSync.native(dir) : under(this.realDir(parent), basename(dir));
      this.realDirs.set(dir, real);
    }
    return real;
  }
}
