/**
 * `import "path"`: resolves through the runtime's importer (relative to the importing file, then
 * the import paths), evaluates each resolved file at most once per format, and turns data
 * formats into values. Cycles are fine as long as no value depends on itself.
 */
import type { Import, ImportFormat } from '../ast/nodes.js';
import { NickelError, primary } from '../diagnostics/error.js';
import { parseData } from '../import/data.js';
import { formatFromPath, type ResolvedFile } from '../import/importer.js';
import { checkScope } from './scope.js';
import { runtime, type Runtime } from './context.js';
import { fromPlain } from './from-plain.js';
import { Thunk } from './thunk.js';

export function importValue(e: Import): Thunk {
  const rt = runtime();
  const from = rt.fileIds.get(e.span.file);
  const resolved = resolveImport(rt, e.path, from);
  if (!resolved) {
    throw new NickelError('ImportError::IoError', `import of \`${e.path}\` failed: no such file`, {
      labels: primary(e.span, 'imported here'),
      notes: rt.importPaths.length ? [`searched relative to the importing file and in ${rt.importPaths.join(', ')}`] : [],
    });
  }
  const format = e.format ?? formatFromPath(resolved.name);
  return loadResolved(rt, resolved, format, e);
}

function resolveImport(rt: Runtime, path: string, from: string | undefined): ResolvedFile | undefined {
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

/** The value of a resolved file in a format, evaluated once per runtime. */
export function loadResolved(rt: Runtime, file: ResolvedFile, format: ImportFormat, at: Import | undefined): Thunk {
  const key = `${format}:${file.id}`;
  let t = rt.imports.get(key);
  if (t) return t;
  switch (format) {
    case 'Nickel': {
      const source = rt.sources.add(file.name, file.text, file.id);
      rt.fileIds.set(source.id, file.id);
      let expr;
      try {
        expr = rt.parse(source);
        checkScope(expr, rt.rootEnv);
      } catch (err) {
        if (at && err instanceof NickelError && err.kind.startsWith('ParseError')) {
          throw new NickelError('ImportError::ParseError', `parse error in the imported file \`${file.name}\`: ${err.message}`, {
            labels: [...err.labels, ...primary(at.span, 'imported here').map((l) => ({ ...l, primary: false }))],
            notes: err.notes,
          });
        }
        throw err;
      }
      t = Thunk.suspend(expr, rt.rootEnv);
      break;
    }
    case 'Text':
      t = Thunk.of(file.text);
      break;
    default: {
      const text = file.text;
      const fmt = format;
      const name = file.name;
      t = Thunk.lazy(() => fromPlain(parseData(text, fmt, name)));
    }
  }
  rt.imports.set(key, t);
  return t;
}
