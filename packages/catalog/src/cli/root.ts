/** Finding the catalog: `--root DIR`, else the nearest folder holding `layers/` from the current one up. */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from './args.js';

export function findRoot(explicit: string | undefined, cwd: string): string {
  if (explicit !== undefined) {
    const dir = resolve(cwd, explicit);
    if (!isDir(dir)) throw new UsageError(`--root ${explicit}: no such directory`);
    return dir;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (isDir(join(dir, 'layers'))) return dir;
    if (dirname(dir) === dir) break;
  }
  throw new UsageError('no catalog here: no `layers/` folder in the current directory or any parent (use --root DIR)');
}

function isDir(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isDirectory();
  } catch {
    return false;
  }
}
