/** An importer over an in-memory map of files (tests, tools, the playground). */
import { importEscapesRoot } from '../diagnostics/import-errors.js';
import type { Importer, ResolvedFile } from './importer.js';

export class MemoryImporter implements Importer {
  private readonly files: ReadonlyMap<string, string>;

  /** `files` maps absolute-looking paths (`/a/b.ncl`) to their text. */
  constructor(files: Record<string, string> | ReadonlyMap<string, string>) {
    this.files = files instanceof Map ? files : new Map(Object.entries(files));
  }

  resolve(path: string, from: string | undefined): ResolvedFile | undefined {
    const base = from ? from.slice(0, from.lastIndexOf('/') + 1) : '/';
    const id = normalise(path.startsWith('/') ? path : base + path);
    if (id === undefined) throw importEscapesRoot(path);
    const text = this.files.get(id);
    return text === undefined ? undefined : { id, name: id, text };
  }
}

function normalise(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return '/' + out.join('/');
}
