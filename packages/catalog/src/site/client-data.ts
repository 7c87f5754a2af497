/**
 * The data the pages' script reads, prebuilt: the search index (one per language) and the graph
 * the impact view walks. Each is a small script setting a global, not JSON to fetch: a page opened
 * from file:// may load scripts but not fetch files.
 */
import type { Catalog } from '../model/index.js';
import { ROLES } from '../model/index.js';
import { layerSummary, type SiteLanguage } from './i18n.js';

export interface SearchEntry {
  /** Layer name. */
  readonly n: string;
  /** Class. */
  readonly c: string;
  /** Summary in the index's language. */
  readonly s: string;
  /** Served crates, tools and tags, space-separated: matched, not shown. */
  readonly k: string;
}

export function searchIndex(catalog: Catalog, lang: SiteLanguage): SearchEntry[] {
  return catalog.layers.map((l) => {
    const d = l.directives;
    const keys = [
      ...(d.class === 'native-dep' ? [...d.serves, ...d.used_by.map((u) => u.crate)] : []),
      ...(d.class === 'toolchain' ? [d.toolchain.kind, ...d.tools.map((t) => t.name)] : []),
      ...l.workflow.tags,
    ];
    return { n: l.name, c: l.class, s: layerSummary(l, lang).text, k: [...new Set(keys)].join(' ') };
  });
}

export function searchIndexScript(entries: readonly SearchEntry[]): string {
  return `window.laminaSearch = ${JSON.stringify(entries)};\n`;
}

/**
 * Layers (name, class) and edges as indices (from, to, role), for the impact view: it computes what
 * rebuilds as `lamina impact LAYER…` does — the named layers and every descendant, in waves where
 * a layer follows each affected parent, each with its reasons.
 */
export function impactGraphScript(catalog: Catalog): string {
  const index = new Map(catalog.layers.map((l, i) => [l.name, i]));
  const edges: number[][] = [];
  for (const e of catalog.edges) {
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (from !== undefined && to !== undefined) edges.push([from, to, ROLES.indexOf(e.role)]);
  }
  const data = { roles: ROLES, layers: catalog.layers.map((l) => [l.name, l.class]), edges };
  return `window.laminaGraph = ${JSON.stringify(data)};\n`;
}
