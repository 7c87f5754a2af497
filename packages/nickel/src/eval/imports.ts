/**
 * `import "path"`: resolves through the runtime's importer (relative to the importing file, then
 * the import paths), evaluates each resolved file at most once per format, and turns data
 * formats into values. Cycles are fine as long as no value depends on itself.
 */
import type { Import, ImportFormat } from '../ast/nodes.js';
import { NickelError } from '../diagnostics/error.js';
import { importIoError, importParseError, noPackageMap } from '../diagnostics/import-errors.js';
import { formatFromPath, type ResolvedFile } from '../import/importer.js';
import type { Runtime } from './runtime.js';
import { fromPlain } from './from-plain.js';
import { Thunk } from './thunk.js';

/** The value of an import expression of a file of `rt`. */
export function importValue(e: Import, rt: Runtime): Thunk {
  const resolved = resolveOrFail(rt, e);
  return loadResolved(rt, resolved, e.format ?? formatFromPath(resolved.name), e);
}

/** The file an import expression names, or the reference's error for it. */
function resolveOrFail(rt: Runtime, e: Import): ResolvedFile {
  if (e.package !== undefined) {
    throw noPackageMap(e.span);
  }
  const from = rt.fileIds.get(e.span.file);
  const resolved = resolveImport(rt, e.path, from);
  if (!resolved) {
    throw importIoError(e.path, { kind: 'noSuchImport', at: e.span, importer: rt.sources.get(e.span.file).name, importPaths: rt.importPaths });
  }
  return resolved;
}

export function resolveImport(rt: Runtime, path: string, from: string | undefined): ResolvedFile | undefined {
  const found = rt.importer.resolve(path, from);
  if (found) return found;
  for (const dir of rt.importPaths) {
    const r = rt.importer.resolve(joinPath(dir, path), undefined);
    if (r) return r;
  }
  return undefined;
}

function joinPath(dir: string, path: string): string {
  if (path.startsWith('/')) return path;
  return dir.endsWith('/') ? dir + path : `${dir}/${path}`;
}

/**
 * The value of a resolved file in a format, evaluated once per runtime. Loading a Nickel file
 * also loads everything it imports, transitively, as the reference resolves a program's imports
 * before evaluating it: a missing file, a package import or a syntax error in an imported file
 * is an error even where the value is never used. Values stay lazy.
 */
export function loadResolved(rt: Runtime, file: ResolvedFile, format: ImportFormat, at: Import | undefined): Thunk {
  const known = rt.imports.get(`${format}:${file.id}`);
  if (known) return known;
  const todo: Import[] = [];
  const t = loadOne(rt, file, format, at, todo);
  loadImports(rt, todo);
  return t;
}

/**
 * Resolves and loads `imports` (taken from the end: callers push them in reverse source order)
 * and everything they import, depth first with an explicit stack, so a long chain of files
 * costs no JavaScript stack.
 */
export function loadImports(rt: Runtime, todo: Import[]): void {
  while (todo.length > 0) {
    const e = todo.pop()!;
    const file = resolveOrFail(rt, e);
    const format = e.format ?? formatFromPath(file.name);
    if (!rt.imports.has(`${format}:${file.id}`)) loadOne(rt, file, format, e, todo);
  }
}

function loadOne(rt: Runtime, file: ResolvedFile, format: ImportFormat, at: Import | undefined, todo: Import[]): Thunk {
  let t: Thunk;
  switch (format) {
    case 'Nickel': {
      const source = rt.sources.add(file.name, file.text, file.id);
      rt.fileIds.set(source.id, file.id);
      let analysed;
      try {
        analysed = rt.analyse(source);
      } catch (err) {
        if (at && err instanceof NickelError && err.kind.startsWith('ParseError')) {
          throw importParseError({ kind: 'nickel', file: file.name, error: err, at: at.span });
        }
        throw err;
      }
      t = Thunk.suspend(analysed.expr, rt.rootEnv);
      for (const imported of [...analysed.imports].reverse()) todo.push(imported);
      break;
    }
    case 'Text':
      t = Thunk.of(file.text);
      break;
    default: {
      const fmt = format;
      t = Thunk.lazy(() => fromPlain(rt.readData(file, fmt)));
    }
  }
  rt.imports.set(`${format}:${file.id}`, t);
  return t;
}
