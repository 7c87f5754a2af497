/** `lamina graph [--format json|dot|mermaid|svg]`: the layer graph, without parsing any Dockerfile. */
import type { LoadedCatalog, Role } from '../../index.js';
import { UsageError } from '../args.js';
import { EXIT_CATALOG_ERRORS, EXIT_OK, type CommandContext } from '../context.js';
import { loadOrReport } from './common.js';

const FORMATS = ['json', 'dot', 'mermaid', 'svg'] as const;
type Format = (typeof FORMATS)[number];

export default async function graph(ctx: CommandContext): Promise<number> {
  const requested = ctx.invocation.values.format;
  const format: Format = requested === undefined ? 'json' : (requested as Format);
  if (!FORMATS.includes(format)) throw new UsageError(`--format ${String(requested)}: expected one of ${FORMATS.join(', ')}`);
  if (ctx.json && format !== 'json') throw new UsageError(`--json and --format ${format} ask for two outputs: give one`);
  const catalog = await loadOrReport(ctx);
  if (!catalog) return EXIT_CATALOG_ERRORS;
  if (format === 'svg') {
    // Graphviz (wasm) is loaded only for this format; node links point at `lamina site`'s pages.
    const { loadGraphLayout, catalogDot, standaloneSvg } = await import('../../site/index.js');
    const layout = await loadGraphLayout();
    ctx.out.out(standaloneSvg(layout.svg(catalogDot(catalog, (n) => `layers/${n}.html`)), 'lamina: the layer graph').trimEnd());
  } else if (format === 'json') ctx.out.json(graphJson(catalog));
  else ctx.out.out(format === 'dot' ? graphDot(catalog) : graphMermaid(catalog));
  return EXIT_OK;
}

export function graphJson(catalog: LoadedCatalog): unknown {
  const waves = new Map<string, number>();
  catalog.buildWaves().forEach((w, i) => w.forEach((n) => waves.set(n, i)));
  return {
    nodes: catalog.layers.map((l) => ({
      name: l.name,
      class: l.class,
      wave: waves.get(l.name) ?? null,
      tags: l.workflow.tags,
      platforms: l.workflow.platforms,
      build_base: l.workflow.build_base,
      runtime_base: l.workflow.runtime_base,
      fingerprint: l.fingerprint.slice(0, 12),
    })),
    edges: catalog.edges.map((e) => ({ from: e.from, to: e.to, kind: e.kind, role: e.role })),
    externalBases: catalog.externalBases.map((b) => ({ ref: b.ref, repository: b.repository, tag: b.tag ?? null, digest: b.digest ?? null })),
  };
}

const DOT_SHAPE = { toolchain: 'box', 'source-dep': 'ellipse', 'native-dep': 'component' } as const;
const DOT_STYLE: Record<Role, string> = { build_base: 'solid', runtime_base: 'dashed', donor: 'dotted' };

function graphDot(catalog: LoadedCatalog): string {
  const lines = ['digraph lamina {', '  rankdir=LR;', '  node [fontname="Helvetica"];'];
  for (const l of catalog.layers) lines.push(`  ${JSON.stringify(l.name)} [shape=${DOT_SHAPE[l.class]}, tooltip=${JSON.stringify(l.class)}];`);
  for (const e of catalog.edges) {
    lines.push(`  ${JSON.stringify(e.from)} -> ${JSON.stringify(e.to)} [label=${JSON.stringify(e.role)}, style=${DOT_STYLE[e.role]}];`);
  }
  lines.push('}');
  return lines.join('\n');
}

const MERMAID_SHAPE = { toolchain: ['[', ']'], 'source-dep': ['(', ')'], 'native-dep': ['[[', ']]'] } as const;
const MERMAID_ARROW: Record<Role, string> = { build_base: '-->', runtime_base: '-.->', donor: '==>' };

function graphMermaid(catalog: LoadedCatalog): string {
  const ids = new Map(catalog.layers.map((l, i) => [l.name, `L${i}`]));
  const lines = ['flowchart LR'];
  for (const l of catalog.layers) {
    const [open, close] = MERMAID_SHAPE[l.class];
    lines.push(`  ${ids.get(l.name)}${open}"${l.name}"${close}`);
  }
  for (const e of catalog.edges) lines.push(`  ${ids.get(e.from)} ${MERMAID_ARROW[e.role]}|${e.role}| ${ids.get(e.to)}`);
  return lines.join('\n');
}
