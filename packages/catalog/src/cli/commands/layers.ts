/** `lamina layers`: the catalog as a table (or JSON). */
import { EXIT_CATALOG_ERRORS, EXIT_OK, type CommandContext } from '../context.js';
import { loadOrReport } from './common.js';
import { graphJson } from './graph.js';

export default async function layers(ctx: CommandContext): Promise<number> {
  const catalog = await loadOrReport(ctx);
  if (!catalog) return EXIT_CATALOG_ERRORS;
  const waves = new Map<string, number>();
  catalog.buildWaves().forEach((w, i) => w.forEach((n) => waves.set(n, i)));
  if (ctx.json) {
    // The graph's node objects (same names, arrays as arrays), with the donors.
    const nodes = (graphJson(catalog) as { nodes: Record<string, unknown>[] }).nodes;
    ctx.out.json(nodes.map((n) => ({ ...n, donors: catalog.layer(n['name'] as string)!.workflow.donors })));
    return EXIT_OK;
  }
  const rows = catalog.layers.map((l) => ({
    name: l.name,
    class: l.class,
    wave: waves.get(l.name) ?? null,
    tag: l.workflow.tags[0] ?? null,
    build_base:
      l.buildBase.kind === 'layer'
        ? l.buildBase.name
        : l.buildBase.kind === 'scratch'
          ? 'scratch'
          : l.buildBase.repository.split('/').pop() + ':' + l.buildBase.tag,
    donors: l.workflow.donors.join(','),
    platforms: l.workflow.platforms.map((p) => p.replace(/^linux\//, '')).join(','),
    fingerprint: l.fingerprint.slice(0, 12),
  }));
  const header = {
    name: 'NAME',
    class: 'CLASS',
    wave: 'WAVE',
    tag: 'TAG',
    build_base: 'BUILD BASE',
    donors: 'DONORS',
    platforms: 'PLATFORMS',
    fingerprint: 'FINGERPRINT',
  };
  const keys = Object.keys(header) as (keyof typeof header)[];
  const cells = [header, ...rows.map((r) => Object.fromEntries(keys.map((k) => [k, String(r[k] ?? '—') || '—'])))] as Record<keyof typeof header, string>[];
  const widths = new Map(keys.map((k) => [k, Math.max(...cells.map((c) => c[k].length))]));
  const lines = cells.map((c, i) => {
    const line = keys.map((k, j) => (j === keys.length - 1 ? c[k] : c[k].padEnd(widths.get(k) ?? 0))).join('  ');
    return i === 0 ? ctx.out.paint('bold', line) : line;
  });
  ctx.out.out(lines.join('\n'));
  return EXIT_OK;
}
