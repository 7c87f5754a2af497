/**
 * `lamina lock [--registry REGISTRY]`: asks the registry which layers are published under their
 * fingerprint tags (as `lamina status`) and writes their digests to lamina.lock.json (atomically),
 * so `consume` and `suggest` print `image:tag@sha256:…` for them.
 */
import { LOCK_FILE, writeLock } from '../../registry/lock.js';
import { EXIT_CATALOG_ERRORS, EXIT_OK, type CommandContext } from '../context.js';
import { loadOrReport, plural } from './common.js';
import { statusOrReport } from './registry-status.js';

export default async function lock(ctx: CommandContext): Promise<number> {
  const catalog = await loadOrReport(ctx);
  if (!catalog) return EXIT_CATALOG_ERRORS;
  const status = await statusOrReport(ctx, catalog, ` (${LOCK_FILE} unchanged)`);
  if (!status) return EXIT_CATALOG_ERRORS;
  const written = writeLock(catalog.root, status);
  const locked = status.filter((l) => l.state === 'built');
  if (ctx.json)
    ctx.out.json({ file: LOCK_FILE, written, locked: locked.map((l) => l.name), missing: status.filter((l) => l.state === 'missing').map((l) => l.name) });
  else
    ctx.out.out(
      `${written ? 'wrote' : 'unchanged'} ${LOCK_FILE}: ${plural(locked.length, 'layer')} locked by digest, ${status.length - locked.length} not published`,
    );
  return EXIT_OK;
}
