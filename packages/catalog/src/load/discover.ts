/** Finds the layers of a catalog: every folder under `layers/` holding the two Nickel files. */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { FolderListings } from './listings.js';
import { diagnostic, type Diagnostic } from '../model/index.js';

export const BUILD_FILE = 'build_directives.ncl';
export const WORKFLOW_FILE = 'workflow.ncl';

export interface LayerFolder {
  /** The folder name. */
  readonly name: string;
  /** `layers/<name>` */
  readonly dir: string;
  /** Every file under the folder, relative to the root, sorted (the layer's build context). */
  readonly files: readonly string[];
}

/** Folder names embedded in the loader's program: a strict superset of valid layer names. */
const SAFE_FOLDER = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function discoverLayers(root: string, listings: FolderListings = new FolderListings()): { folders: LayerFolder[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let entries: Dirent[];
  try {
    entries = readdirSync(join(root, 'layers'), { withFileTypes: true });
  } catch {
    return { folders: [], diagnostics: [diagnostic('load/no-layers', { file: '' })] };
  }
  const folders: LayerFolder[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    const dir = `layers/${entry.name}`;
    if (!isDirectory(join(root, dir), entry)) continue;
    if (!SAFE_FOLDER.test(entry.name)) {
      diagnostics.push(diagnostic('load/bad-folder-name', { file: dir }, { folder: entry.name }));
      continue;
    }
    const files = listFiles(root, dir, listings);
    let complete = true;
    for (const f of [BUILD_FILE, WORKFLOW_FILE]) {
      if (!files.includes(`${dir}/${f}`)) {
        diagnostics.push(diagnostic('load/missing-file', { file: dir }, { layer: entry.name, file: f }));
        complete = false;
      }
    }
    if (complete) folders.push({ name: entry.name, dir, files });
  }
  return { folders, diagnostics };
}

function isDirectory(path: string, entry: Dirent): boolean {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Files under `dir` (relative to root), recursively, sorted; symbolic links are not followed. */
function listFiles(root: string, dir: string, listings: FolderListings): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    const entries = listings.list(join(root, rel));
    if (entries === undefined) return;
    for (const e of entries) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(child);
      else if (e.isFile() || e.isSymbolicLink()) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}
