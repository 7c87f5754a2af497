/**
 * The lamina cache's files, one way for every cache (evaluations, validators, ADRs, Dockerfile
 * references, render digests, gen's stamp): where they live (`$LAMINA_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/lamina`, else `~/.cache/lamina`), one file per catalog root, written
 * atomically (private folder and file, temporary name, rename). A cache is an optimisation: a
 * file that cannot be read or written is ignored, never an error.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** `undefined`: the default folder; `false`: caching off. */
export type CacheDirOption = string | false | undefined;

export function defaultCacheDir(): string | undefined {
  if (process.env.LAMINA_CACHE_DIR) return process.env.LAMINA_CACHE_DIR;
  const xdg = process.env.XDG_CACHE_HOME;
  try {
    return join(xdg && xdg !== '' ? xdg : join(homedir(), '.cache'), 'lamina');
  } catch {
    return undefined;
  }
}

export function cacheDirOf(option: CacheDirOption): string | undefined {
  return option === false ? undefined : (option ?? defaultCacheDir());
}

/** `<dir>/<kind>-<24 hex of the root><suffix>`: one cache file per catalog root and kind. */
export function rootCacheFile(option: CacheDirOption, kind: string, root: string, suffix = '.json'): string | undefined {
  const dir = cacheDirOf(option);
  return dir ? join(dir, `${kind}-${createHash('sha256').update(root).digest('hex').slice(0, 24)}${suffix}`) : undefined;
}

/** The parsed JSON of a cache file, or undefined (missing, unreadable, not JSON). */
export function readCacheJson<T>(file: string | undefined): T | undefined {
  if (!file) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Writes a cache file atomically; false when it could not be written (the next run does the work). */
export function writeCacheFile(file: string, content: string): boolean {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, content, { mode: 0o600 });
    renameSync(tmp, file);
    return true;
  } catch {
    return false;
  }
}
