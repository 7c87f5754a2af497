/**
 * The catalog's importer: a layer may import any file inside the catalog root (and the configured
 * import paths), nothing else. A pull request that writes `import "../../../etc/passwd"`, an
 * absolute path, or a symbolic link leading out of the catalog gets an error naming the import —
 * the CI machine's files are never read. Every resolved import is recorded (importing file →
 * imported file) for fingerprints and impact analysis.
 */
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, resolve as resolvePath } from 'node:path';
import { NickelError, RealFileReader, type Importer, type ResolvedFile } from '@lamina/nickel';
import type { DiagnosticCode } from '../model/index.js';
import { isInside, relativeToRoot } from './paths.js';

/** An import refused by the confinement rules, kept so the loader can say where it was written. */
export interface RefusedImport {
  readonly code: DiagnosticCode;
  /** As written in `import "…"`. */
  readonly path: string;
  /** Importing file, relative to the root (undefined for the loader's own program). */
  readonly from: string | undefined;
  /** Where it would have led (relative to the root, so `../../etc/passwd`). */
  readonly resolved: string;
}

/** `import "path"` as written (comments and strings are not excluded: an extra input is harmless). */
const IMPORT_LITERAL = /\bimport\s+"((?:[^"\\\n])*)"/g;

export class CatalogImporter implements Importer {
  /** Importing file → imported files (relative to the root), in resolution order, no repeats. */
  readonly imports = new Map<string, Set<string>>();
  /** Texts of every file read, by path relative to the root. */
  readonly texts = new Map<string, string>();
  /** NickelErrors this importer threw, with what was refused. */
  readonly refused = new WeakMap<NickelError, RefusedImport>();
  /** The root first, then the import paths. */
  private readonly realRoots: [string, ...string[]];
  private readonly resolved = new Map<string, ResolvedFile | undefined>();
  /** Importing file → path as written → answer. */
  private readonly answers = new Map<string | undefined, Map<string, ResolvedFile | undefined>>();
  private readonly relatives = new Map<string, string>();
  private readonly files = new RealFileReader();

  /**
   * @param root absolute catalog root
   * @param importPaths absolute directories also searched (after the importing file's directory)
   */
  constructor(
    readonly root: string,
    readonly importPaths: readonly string[] = [],
  ) {
    const real = (d: string): string => {
      try {
        return realpathSync(d);
      } catch {
        return d;
      }
    };
    this.realRoots = [real(root), ...importPaths.map(real)];
  }

  resolve(path: string, from: string | undefined): ResolvedFile | undefined {
    // The evaluator asks again each time an `import` expression is evaluated: answer from memory.
    let byPath = this.answers.get(from);
    if (!byPath) this.answers.set(from, (byPath = new Map()));
    if (byPath.has(path)) return byPath.get(path);
    const found = this.resolveFresh(path, from);
    byPath.set(path, found);
    return found;
  }

  private resolveFresh(path: string, from: string | undefined): ResolvedFile | undefined {
    const fromRel = from === undefined ? undefined : this.relative(from);
    if (isAbsolute(path)) this.refuse('load/import-absolute', path, fromRel, path);
    const dirs = [from === undefined ? this.realRoots[0] : dirname(from), ...this.realRoots.slice(1)];
    for (const dir of dirs) {
      const full = resolvePath(dir, path);
      if (!this.realRoots.some((r) => isInside(r, full))) {
        this.refuse('load/import-escapes', path, fromRel, relativeToRoot(this.realRoots[0], full));
      }
      const found = this.load(full, path, fromRel);
      if (found) {
        if (fromRel !== undefined) {
          let set = this.imports.get(fromRel);
          if (!set) this.imports.set(fromRel, (set = new Set()));
          set.add(found.name);
        }
        return found;
      }
    }
    return undefined;
  }

  /**
   * Adds the imports written in the files read so far that evaluation did not reach (an unused
   * `let x = import "…"`, a field a contract never forced): impact analysis and fingerprints
   * count every file a layer names, not only those its current value happened to need. Refused or
   * missing imports are skipped here; evaluation reports those that matter.
   */
  addWrittenImports(): void {
    const scanned = new Set<string>();
    let pending = [...this.texts.keys()];
    while (pending.length > 0) {
      for (const name of pending) {
        scanned.add(name);
        if (!name.endsWith('.ncl')) continue;
        const text = this.texts.get(name)!;
        for (const m of text.matchAll(IMPORT_LITERAL)) {
          const path = m[1];
          if (path === undefined || path.includes('\\') || path.includes('%{')) continue;
          try {
            this.resolve(path, resolvePath(this.realRoots[0], name));
          } catch {
            // refused: not an input
          }
        }
      }
      pending = [...this.texts.keys()].filter((n) => !scanned.has(n));
    }
  }

  private relative(abs: string): string {
    let rel = this.relatives.get(abs);
    if (rel === undefined) this.relatives.set(abs, (rel = relativeToRoot(this.realRoots[0], abs)));
    return rel;
  }

  private load(full: string, path: string, fromRel: string | undefined): ResolvedFile | undefined {
    if (this.resolved.has(full)) return this.resolved.get(full);
    let found: ResolvedFile | undefined;
    try {
      // The real path (symbolic links resolved) is checked before the file is opened: a link
      // must not lead out of the catalog, not even to be read.
      const { real, text } = this.files.read(full, (real) => {
        if (!this.realRoots.some((r) => isInside(r, real))) {
          this.refuse('load/import-symlink-escapes', path, fromRel, relativeToRoot(this.realRoots[0], real));
        }
      });
      const name = this.relative(real);
      this.texts.set(name, text);
      found = { id: real, name, text };
    } catch (e) {
      if (e instanceof NickelError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') {
        throw new NickelError('ImportError::IoError', `import of \`${path}\` failed: ${(e as Error).message}`);
      }
    }
    this.resolved.set(full, found);
    return found;
  }

  private refuse(code: DiagnosticCode, path: string, from: string | undefined, resolved: string): never {
    const err = new NickelError('ImportError::EscapesRoot', `import of \`${path}\` escapes the catalog root`);
    this.refused.set(err, { code, path, from, resolved });
    throw err;
  }
}
