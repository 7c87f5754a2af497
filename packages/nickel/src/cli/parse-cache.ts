/**
 * The CLI's store of parsed syntax trees (analysis/parse-cache.ts), one JSON file per source in
 * the user's cache folder, beside V8's code cache: `trees-<bundle id>/<hash of path and id>.json`.
 * The folder belongs to one build of the bundle (its parser), and the first run of a new build
 * removes the folders of the others. A stored file holds the text and the source id the tree was
 * parsed under, and is used only for those (analysis/parse-cache.ts encodes and checks it), and
 * what the analysis pass found in the file when its checks passed. Beside the trees, the values
 * read from imported YAML and TOML files (`<hash of path and format>.data.json`, with the text they
 * were read from: import/stored-data.ts).
 * Writes go to a temporary file renamed into place, so a concurrent run reads the old tree, the
 * new one or none; a store that cannot be read or written only means parsing, as without one.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { decodeTree, encodeTree, type ParseCache } from '../analysis/parse-cache.js';
import type { DataFormat } from '../import/data.js';
import type { ResolvedFile } from '../import/importer.js';
import { decodeData, encodeData } from '../import/stored-data.js';
import type { Source } from '../source/registry.js';
import { nameHash } from './code-cache.js';

/** A store in `dir` (e.g. `~/.cache/lamina-nickel/trees-<bundle id>`). */
export function fileParseCache(dir: string): ParseCache {
  let ready = false;
  // Only files: a program from standard input or a command line's merge has no path to key it by.
  const storedAt = (s: Source): string | undefined =>
    s.path === undefined || s.path.startsWith('<') ? undefined : join(dir, `${nameHash(`${s.path}\0${s.id}`)}.json`);
  const dataAt = (file: ResolvedFile, format: DataFormat): string => join(dir, `${nameHash(`${file.id}\0${format}`)}.data.json`);
  const write = (path: string, json: string | undefined): void => {
    if (json === undefined) return;
    try {
      if (!ready) {
        ready = true;
        if (!existsSync(dir)) {
          mkdirSync(dir, { recursive: true });
          removeOtherBuilds(dir);
        }
      }
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, json);
      renameSync(temporary, path);
    } catch {
      // a read-only or full cache folder: the next run parses again
    }
  };
  return {
    get(source) {
      const path = storedAt(source);
      const json = path === undefined ? undefined : read(path);
      return json === undefined ? undefined : decodeTree(source, json);
    },
    put(source, expr, analysis) {
      const path = storedAt(source);
      // with its analysis, a run reads the tree without walking it: bodies wait until called
      if (path !== undefined) write(path, encodeTree(source, expr, analysis ? { deferBodies: true, analysis } : {}));
    },
    // JSON's reader is part of the CLI's bundle and about as fast as reading its value back: only
    // YAML and TOML, whose libraries are a second bundle (import/libraries.ts), are kept.
    getData(file, format) {
      if (format === 'Json') return undefined;
      const json = read(dataAt(file, format));
      return json === undefined ? undefined : decodeData(file, format, json);
    },
    putData(file, format, value) {
      if (format !== 'Json') write(dataAt(file, format), encodeData(file, format, value));
    },
  };
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The trees of other builds of the bundle can never be used again. */
function removeOtherBuilds(dir: string): void {
  const parent = dirname(dir);
  const own = basename(dir);
  for (const entry of readdirSync(parent)) {
    if (entry.startsWith('trees-') && entry !== own) rmSync(join(parent, entry), { recursive: true, force: true });
  }
}
