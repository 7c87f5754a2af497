/**
 * `lamina status [--registry URL] [--json]`: per layer, whether its content tag
 * (`…/NAME:fp-<fingerprint>`) is published — `built` with its digest, or `missing`. Talks to the
 * registry (OCI distribution API); an unreachable registry or refused credentials exit 1.
 */
import { EXIT_CATALOG_ERRORS, EXIT_OK, type CommandContext } from '../context.js';
import { loadOrReport, plural } from './common.js';
import { statusOrReport } from './registry-status.js';

export default async function status(ctx: CommandContext): Promise<number> {
  const catalog = await loadOrReport(ctx);
  if (!catalog) return EXIT_CATALOG_ERRORS;
  const layers = await statusOrReport(ctx, catalog);
  if (!layers) return EXIT_CATALOG_ERRORS;
  if (ctx.json) {
    ctx.out.json({ layers });
    return EXIT_OK;
  }
  const width = Math.max(...layers.map((l) => l.name.length), 5);
  const lines = layers.map(
    (l) =>
      `${l.name.padEnd(width)}  ${l.state === 'built' ? ctx.out.paint('green', 'built  ') : ctx.out.paint('bold', 'missing')}  ${l.ref}${l.digest ? `@${l.digest}` : ''}`,
  );
  const missing = layers.filter((l) => l.state === 'missing').length;
  lines.push(`${plural(layers.length - missing, 'layer')} built, ${missing} missing`);
  ctx.out.out(lines.join('\n'));
  return EXIT_OK;
}
