/** The registry lookup status, lock and cascade --missing share (kept apart from common.ts, which every command loads). */
import type { LoadedCatalog } from '../../index.js';
import { RegistryError } from '../../registry/client.js';
import { catalogStatus, type LayerStatus } from '../../registry/status.js';
import type { CommandContext } from '../context.js';

/**
 * `lamina status`'s answer for status, lock and cascade --missing; a registry error is printed as
 * one line (`suffix` says what was left as it was) and gives undefined.
 */
export async function statusOrReport(ctx: CommandContext, catalog: LoadedCatalog, suffix = ''): Promise<LayerStatus[] | undefined> {
  const registry = ctx.invocation.values.registry as string | undefined;
  try {
    return await catalogStatus(catalog, registry !== undefined ? { registry } : {});
  } catch (e) {
    if (!(e instanceof RegistryError)) throw e;
    ctx.out.err(`lamina: ${e.message} [registry/${e.kind}]${suffix}`);
    return undefined;
  }
}
