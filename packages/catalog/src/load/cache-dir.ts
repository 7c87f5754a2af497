/** The user's cache directory for lamina (`$LAMINA_CACHE_DIR`, else `$XDG_CACHE_HOME/lamina`, else `~/.cache/lamina`). */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultCacheDir(): string | undefined {
  if (process.env.LAMINA_CACHE_DIR) return process.env.LAMINA_CACHE_DIR;
  const xdg = process.env.XDG_CACHE_HOME;
  try {
    return join(xdg && xdg !== '' ? xdg : join(homedir(), '.cache'), 'lamina');
  } catch {
    return undefined;
  }
}
