/**
 * The layer graph as SVG, laid out by Graphviz (`dot`, compiled to WebAssembly: @hpcc-js/wasm-graphviz
 * carries the wasm inside its module, so nothing is fetched). This file writes the DOT text —
 * the whole catalog, the catalog grouped by class when it is too large to read, one
 * layer's neighbourhood, the legend — and turns Graphviz's output into SVG a page can inline.
 *
 * Classes differ by shape and colour; edge roles by line style, arrowhead and label, so neither
 * needs colour to be read. Every layer node is a link to its page (`href` relative to the page).
 */
import { createRequire } from 'node:module';
import { LAYER_CLASSES, type Catalog, type FlowsTo, type LayerClass, type Role } from '../model/index.js';
import { byName } from '../model/order.js';

export const CLASS_STYLE: Readonly<Record<LayerClass, { shape: string; fill: string; stroke: string }>> = {
  toolchain: { shape: 'box', fill: '#dbeafe', stroke: '#1e3a8a' },
  'source-dep': { shape: 'ellipse', fill: '#dcfce7', stroke: '#14532d' },
  'native-dep': { shape: 'hexagon', fill: '#ffedd5', stroke: '#7c2d12' },
};

export const ROLE_STYLE: Readonly<Record<Role, { style: string; arrowhead: string; label: string }>> = {
  build_base: { style: 'solid', arrowhead: 'normal', label: 'build' },
  runtime_base: { style: 'dashed', arrowhead: 'empty', label: 'runtime' },
  donor: { style: 'dotted', arrowhead: 'diamond', label: 'donor' },
};

const FONT = 'Helvetica,Arial,sans-serif';

/** A Graphviz instance: `layout` turns DOT into SVG. Loaded once per process: compiling the wasm is its cost (bench/site/RESULTS.md). */
export interface GraphLayout {
  svg(dot: string): string;
}

let loading: Promise<GraphLayout> | undefined;

export function loadGraphLayout(): Promise<GraphLayout> {
  loading ??= (async () => {
    // Required when first drawn: only `site` and `graph --format svg` pay for the wasm.
    const { Graphviz } = createRequire(import.meta.url)('@hpcc-js/wasm-graphviz') as typeof import('@hpcc-js/wasm-graphviz');
    const graphviz = await Graphviz.load();
    return { svg: (dot: string) => graphviz.layout(dot, 'svg', 'dot') };
  })();
  return loading;
}

/** A DOT string literal. */
export function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function attrs(a: Record<string, string | number>): string {
  return `[${Object.entries(a)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? v : dotString(v)}`)
    .join(', ')}]`;
}

function header(name: string, rankdir: 'LR' | 'TB'): string[] {
  return [
    `digraph ${dotString(name)} {`,
    `  graph ${attrs({ rankdir, bgcolor: 'transparent', fontname: FONT, nodesep: 0.25, ranksep: 0.5, pad: 0.1 })};`,
    `  node ${attrs({ fontname: FONT, fontsize: 12, style: 'filled', penwidth: 1.4, margin: '0.12,0.05' })};`,
    `  edge ${attrs({ fontname: FONT, fontsize: 9, color: '#374151', fontcolor: '#374151' })};`,
  ];
}

function layerNode(name: string, cls: LayerClass, href: string, tooltip: string, extra: Record<string, string | number> = {}): string {
  const s = CLASS_STYLE[cls];
  return `  ${dotString(name)} ${attrs({ id: `layer-${name}`, class: `layer ${cls}`, shape: s.shape, fillcolor: s.fill, color: s.stroke, URL: href, tooltip, target: '_top', ...extra })};`;
}

function edgeLine(e: FlowsTo, labelled: boolean): string {
  const r = ROLE_STYLE[e.role];
  return `  ${dotString(e.from)} -> ${dotString(e.to)} ${attrs({
    id: `edge-${e.from}-${e.to}-${e.role}`,
    class: `flows ${e.role}`,
    style: r.style,
    arrowhead: r.arrowhead,
    penwidth: e.role === 'build_base' ? 1.4 : 1.2,
    ...(labelled ? { label: r.label } : {}),
    tooltip: `${e.from} → ${e.to} (${e.role})`,
  })};`;
}

/** Every layer and every FlowsTo edge. `href(name)`: the layer page's address from the page the SVG is on. */
export function catalogDot(catalog: Catalog, href: (layer: string) => string): string {
  const lines = header('lamina', 'LR');
  for (const l of catalog.layers) lines.push(layerNode(l.name, l.class, href(l.name), `${l.name} (${l.class}): ${l.directives.summary}`));
  for (const e of catalog.edges) lines.push(edgeLine(e, true));
  lines.push('}');
  return lines.join('\n');
}

/** A group of the grouped graph: the layers of one class. */
export interface LayerGroup {
  readonly id: string;
  readonly cls: LayerClass;
  readonly layers: readonly string[];
}

/** Edges between groups, one per (from group, to group, role), with how many FlowsTo edges they stand for. */
export interface GroupEdge {
  readonly from: string;
  readonly to: string;
  readonly role: Role;
  readonly count: number;
}

export interface GroupedGraph {
  readonly groups: readonly LayerGroup[];
  readonly edges: readonly GroupEdge[];
}

/**
 * The catalog grouped by class: what a large catalog's home page draws — three nodes and a few
 * counted edges stay readable at any size (grouped by class and wave, a large catalog still gave
 * dozens of groups and hundreds of edges). The layer list breaks the classes down by wave.
 */
export function groupedGraph(catalog: Catalog): GroupedGraph {
  const groups: LayerGroup[] = LAYER_CLASSES.map((cls) => ({
    id: `class-${cls}`,
    cls,
    layers: catalog.layers.filter((l) => l.class === cls).map((l) => l.name),
  })).filter((g) => g.layers.length > 0);
  const groupOf = new Map<string, string>();
  for (const g of groups) for (const l of g.layers) groupOf.set(l, g.id);
  const counts = new Map<string, number>();
  for (const e of catalog.edges) {
    const from = groupOf.get(e.from);
    const to = groupOf.get(e.to);
    if (from === undefined || to === undefined) continue;
    const key = `${from}\0${to}\0${e.role}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const edges = [...counts]
    .sort((a, b) => byName(a[0], b[0]))
    .map(([key, count]) => {
      const [from = '', to = '', role = 'build_base'] = key.split('\0');
      return { from, to, role: role as Role, count };
    });
  return { groups, edges };
}

/** The grouped graph as DOT; a group links to the layer list. */
export function groupedDot(grouped: GroupedGraph, href: (group: LayerGroup) => string, label: (group: LayerGroup) => string): string {
  const lines = header('lamina (grouped)', 'LR');
  lines.push('  graph [nodesep=0.6, ranksep=1.4];');
  for (const g of grouped.groups) {
    const s = CLASS_STYLE[g.cls];
    lines.push(
      `  ${dotString(g.id)} ${attrs({ id: `group-${g.id}`, class: `group ${g.cls}`, shape: s.shape, fillcolor: s.fill, color: s.stroke, fontsize: 14, label: label(g), URL: href(g), tooltip: label(g), target: '_top' })};`,
    );
  }
  for (const e of grouped.edges) {
    const r = ROLE_STYLE[e.role];
    lines.push(
      `  ${dotString(e.from)} -> ${dotString(e.to)} ${attrs({ class: `flows ${e.role}`, style: r.style, arrowhead: r.arrowhead, label: `${r.label} ×${e.count}`, fontsize: 11, penwidth: Math.min(4, 1 + Math.log10(e.count)) })};`,
    );
  }
  lines.push('}');
  return lines.join('\n');
}

/** Past this many parents or children, the rest of a neighbourhood is one "N more" node. */
const NEIGHBOURS_DRAWN = 24;

/** One layer, its parents and its children, with the edges between it and them. */
export function neighbourhoodDot(catalog: Catalog, name: string, href: (layer: string) => string, more: (n: number) => string): string {
  const lines = header(name, 'LR');
  const layer = catalog.layer(name);
  if (!layer) throw new Error(`unknown layer \`${name}\``);
  lines.push(layerNode(name, layer.class, href(name), `${name} (${layer.class})`, { penwidth: 3 }));
  const into = catalog.edges.filter((e) => e.to === name);
  const outOf = catalog.edges.filter((e) => e.from === name);
  const side = (edges: readonly FlowsTo[], other: (e: FlowsTo) => string, moreId: string, incoming: boolean): void => {
    const names = [...new Set(edges.map(other))].sort(byName);
    const shown = new Set(names.slice(0, NEIGHBOURS_DRAWN));
    for (const n of shown) {
      const l = catalog.layer(n);
      if (l) lines.push(layerNode(n, l.class, href(n), `${n} (${l.class}): ${l.directives.summary}`));
    }
    for (const e of edges) if (shown.has(other(e))) lines.push(edgeLine(e, true));
    const hidden = names.length - shown.size;
    if (hidden > 0) {
      lines.push(`  ${dotString(moreId)} ${attrs({ shape: 'note', style: 'solid', label: more(hidden), class: 'more' })};`);
      lines.push(incoming ? `  ${dotString(moreId)} -> ${dotString(name)} [style="invis"];` : `  ${dotString(name)} -> ${dotString(moreId)} [style="invis"];`);
    }
  };
  side(into, (e) => e.from, ' more parents', true);
  side(outOf, (e) => e.to, ' more children', false);
  lines.push('}');
  return lines.join('\n');
}

/** The legend: one node per class and one edge per role, drawn by the same rules. */
export function legendDot(classLabel: (cls: LayerClass) => string, roleLabel: (role: Role) => string): string {
  // Top to bottom: the classes side by side in one row, the three edge styles side by side below.
  const lines = header('legend', 'TB');
  lines.push('  graph [nodesep=0.3, ranksep=0.3];');
  const classes: LayerClass[] = ['toolchain', 'source-dep', 'native-dep'];
  for (const cls of classes) {
    const s = CLASS_STYLE[cls];
    lines.push(`  ${dotString(cls)} ${attrs({ class: `legend ${cls}`, shape: s.shape, fillcolor: s.fill, color: s.stroke, label: classLabel(cls) })};`);
  }
  lines.push('  { rank=same; "toolchain"; "source-dep"; "native-dep"; }');
  lines.push('  "native-dep" -> "from-0" [style=invis];');
  (['build_base', 'runtime_base', 'donor'] as const).forEach((role, i) => {
    const r = ROLE_STYLE[role];
    lines.push(`  ${dotString(`from-${i}`)} [shape=point, width=0.06, color="#374151"];`);
    lines.push(`  ${dotString(`to-${i}`)} [shape=point, width=0.06, color="#374151"];`);
    if (i > 0) lines.push(`  ${dotString(`to-${i - 1}`)} -> ${dotString(`from-${i}`)} [style=invis, minlen=1];`);
    lines.push(
      `  ${dotString(`from-${i}`)} -> ${dotString(`to-${i}`)} ${attrs({ style: r.style, arrowhead: r.arrowhead, label: roleLabel(role), class: `legend ${role}`, minlen: 2, fontsize: 11 })};`,
    );
  });
  lines.push('  { rank=same; "from-0"; "to-0"; "from-1"; "to-1"; "from-2"; "to-2"; }');
  lines.push('}');
  return lines.join('\n');
}

/**
 * Graphviz's SVG made fit to inline in a page: no XML prolog, doctype or comments; its natural
 * size kept (CSS shrinks it to the page); an accessible name. `title` becomes the SVG's <title>.
 */
export function inlineSvg(svg: string, opts: { id: string; title: string; describedBy?: string }): string {
  let out = svg
    .replace(/^<\?xml[^>]*>\s*/, '')
    .replace(/<!DOCTYPE[^>]*>\s*/, '')
    .replace(/<!--[\s\S]*?-->\s*/g, '');
  // Graphviz numbers its ids per drawing (graph0, node1, edge1): prefixed, several drawings share a page.
  out = out.replace(/ id="([^"]*)"/g, (_, id: string) => ` id="${escapeXml(opts.id)}-${id}"`);
  const described = opts.describedBy ? ` aria-describedby="${escapeXml(opts.describedBy)}"` : '';
  out = out.replace(/<svg /, `<svg id="${escapeXml(opts.id)}" role="group" aria-labelledby="${escapeXml(opts.id)}-title"${described} `);
  out = out.replace(/(<svg[^>]*>)/, `$1\n<title id="${escapeXml(opts.id)}-title">${escapeXml(opts.title)}</title>`);
  return out.trim() + '\n';
}

/** Graphviz's SVG as a file of its own (`lamina graph --format svg`, graph.svg): prolog kept, comments dropped. */
export function standaloneSvg(svg: string, title: string): string {
  return svg
    .replace(/<!--[\s\S]*?-->\s*/g, '')
    .replace(/(<svg[^>]*>)/, `$1\n<title>${escapeXml(title)}</title>`)
    .trim()
    .concat('\n');
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
