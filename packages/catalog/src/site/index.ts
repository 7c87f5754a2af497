/**
 * `lamina site`: the catalog as a static website, from the loaded catalog —
 *
 *   index.html               what the catalog is, counts, the three classes, the graph, the ADRs
 *   layers/index.html        every layer by build wave
 *   layers/<name>.html       one layer: facts, neighbourhood, what it provides and pins, snippets, Dockerfile
 *   impact.html              pick layers, see what rebuilds wave by wave and why
 *   es/…                     the same pages in Spanish, when the catalog has Spanish translations
 *   graph.svg                the graph as a file (`lamina graph --format svg`)
 *   assets/                  stylesheet, script, search indexes, the impact view's graph
 *   lamina-site.json         the list of these files: all that the next build may replace or delete
 *
 * Nothing is fetched from the network, links are relative, and output depends only on the catalog
 * (no dates, no absolute paths; Graphviz lays out the same graph the same way), so two builds are
 * byte-identical. Files are written as `lamina gen` writes generated/: each atomically, unchanged
 * ones untouched, and only files the previous build listed are removed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkInvariants } from '../adr/index.js';
import type { CacheDirOption } from '../cache/files.js';
import type { LoadedCatalog } from '../index.js';
import { diagnostic, type Diagnostic } from '../model/index.js';
import { loadTemplates } from '../generate/templates.js';
import { sync } from '../generate/write.js';
import { pinsFor } from '../registry/lock.js';
import { impactGraphScript, searchIndex, searchIndexScript } from './client-data.js';
import { catalogDot, groupedDot, groupedGraph, inlineSvg, legendDot, loadGraphLayout, neighbourhoodDot, standaloneSvg, type GraphLayout } from './graph-svg.js';
import { loadSiteTemplates, readAsset, type SiteTemplates } from './html.js';
import { className, fill, layerSummary, roleName, siteLanguages, SOURCE_LANGUAGE, WORDS, type SiteLanguage } from './i18n.js';
import { layerFacts, type LayerFacts } from './layer-facts.js';
import { layerView } from './layer-page.js';
import {
  frameView,
  GRAPH_FILE,
  HOME_PAGE,
  homeView,
  IMPACT_PAGE,
  impactView,
  languageRoot,
  LAYERS_INDEX,
  layerPage,
  layersIndexView,
  type SiteContext,
} from './pages.js';

export { loadGraphLayout, catalogDot, standaloneSvg } from './graph-svg.js';

/** Above this many layers the home page draws the graph grouped by class. */
export const GROUP_ABOVE = 60;

export const SITE_MANIFEST = 'lamina-site.json';
const MANIFEST_FORMAT = 'lamina-site/1';

export interface SiteOptions {
  /** The site's folder (absolute). */
  readonly out: string;
  /** Where the site will be served (`https://example.org/lamina/`): canonical links only. */
  readonly baseUrl?: string | null;
  /** Draw the home graph grouped above this many layers (default GROUP_ABOVE). */
  readonly groupAbove?: number;
  /** Where compiled Dockerfile templates are kept between runs (loadTemplates); default: not kept. */
  readonly cacheDir?: CacheDirOption;
}

export type RenderedSite =
  | { readonly ok: true; readonly files: Map<string, string>; readonly languages: readonly SiteLanguage[]; readonly grouped: boolean }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export interface SiteReport {
  readonly ok: boolean;
  /** Relative to the site's folder, sorted. */
  readonly written: readonly string[];
  readonly removed: readonly string[];
  readonly unchanged: number;
  /** Every file of the site, the manifest included. */
  readonly files: number;
  readonly languages: readonly SiteLanguage[];
  readonly grouped: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/** Renders the site and writes it into `opts.out`. */
export async function buildSite(catalog: LoadedCatalog, opts: SiteOptions): Promise<SiteReport> {
  const rendered = await renderSite(catalog, opts);
  if (!rendered.ok) return { ok: false, written: [], removed: [], unchanged: 0, files: 0, languages: [], grouped: false, diagnostics: rendered.diagnostics };
  const files = rendered.files;
  files.set(SITE_MANIFEST, `${JSON.stringify({ format: MANIFEST_FORMAT, files: [...files.keys(), SITE_MANIFEST].sort() }, null, 2)}\n`);
  const outcome = sync(opts.out, files, previousSite(opts.out), false);
  return {
    ok: true,
    written: outcome.written,
    removed: outcome.removed,
    unchanged: outcome.unchanged,
    files: files.size,
    languages: rendered.languages,
    grouped: rendered.grouped,
    diagnostics: [],
  };
}

/** The files the previous build wrote into `out`, from its manifest. */
function previousSite(out: string): string[] {
  try {
    const m = JSON.parse(readFileSync(join(out, SITE_MANIFEST), 'utf8')) as { format?: unknown; files?: unknown };
    if (m.format === MANIFEST_FORMAT && Array.isArray(m.files))
      return m.files.filter((f): f is string => typeof f === 'string' && !f.startsWith('/') && !f.split('/').includes('..'));
  } catch {
    // no site there yet
  }
  return [];
}

/** Every file of the site in memory (path relative to the site's folder → content). */
export async function renderSite(catalog: LoadedCatalog, opts: Omit<SiteOptions, 'out'> = {}): Promise<RenderedSite> {
  if (!catalog.ok) return { ok: false, diagnostics: [diagnostic('internal/error', { file: '' }, { message: 'the site needs a catalog without errors' })] };
  const layout = await loadGraphLayout();
  const templates = loadSiteTemplates();
  const check = await checkInvariants(catalog);
  const languages = siteLanguages(catalog.layers, check.adrs);
  const ctx: SiteContext = { languages, baseUrl: normaliseBaseUrl(opts.baseUrl ?? null) };
  const waves = catalog.buildWaves();
  const waveOf = new Map<string, number>();
  waves.forEach((w, i) => w.forEach((n) => waveOf.set(n, i)));
  const dockerTemplates = loadTemplates(catalog.root, opts.cacheDir ?? false);
  const pins = pinsFor(catalog);
  const facts = catalog.layers.map((l) => layerFacts(catalog, l, waveOf, pins, dockerTemplates.ok ? dockerTemplates.templates : undefined));
  const grouped = catalog.layers.length > (opts.groupAbove ?? GROUP_ABOVE) ? groupedGraph(catalog) : null;

  const files = new Map<string, string>();
  files.set('assets/site.css', readAsset('site.css'));
  files.set('assets/site.js', readAsset('site.js'));
  files.set('assets/graph-data.js', impactGraphScript(catalog));

  // One neighbourhood drawing per layer, shared by every language (its words are on the page).
  const neighbourhoods = new Map(
    facts.map((f) => [
      f.layer.name,
      layout.svg(
        neighbourhoodDot(
          catalog,
          f.layer.name,
          (n) => `${n}.html`,
          (k) => `+${k}`,
        ),
      ),
    ]),
  );
  // The home page's drawing, in a language (a grouped graph's nodes say how many layers they hold).
  const homeGraphs = new Map<SiteLanguage, string>();
  const homeGraph = (lang: SiteLanguage): string => {
    let svg = homeGraphs.get(lang);
    if (svg === undefined) {
      svg = grouped
        ? layout.svg(
            groupedDot(
              grouped,
              () => `${LAYERS_INDEX}#by-wave`,
              (g) => `${g.cls}\n${g.layers.length} ${WORDS[lang].count_layers}`,
            ),
          )
        : layout.svg(catalogDot(catalog, (n) => layerPage(n)));
      homeGraphs.set(lang, svg);
    }
    return svg;
  };
  // graph.svg is the home page's drawing: a large catalog's whole graph takes Graphviz minutes to
  // lay out and nobody could read it (`lamina graph --format svg` still draws it, when asked).
  files.set(GRAPH_FILE, standaloneSvg(homeGraph(SOURCE_LANGUAGE), 'lamina: the layer graph'));

  for (const lang of languages) {
    const words = WORDS[lang];
    const root = languageRoot(lang);
    const page = (path: string, template: keyof SiteTemplates, title: string, description: string, view: object): void => {
      files.set(`${root}${path}`, templates.layout(frameView(ctx, lang, path, title, description, templates[template](view))));
    };
    files.set(`assets/search-${lang}.js`, searchIndexScript(searchIndex(catalog, lang)));
    const legend = legendSvg(layout, lang);
    page(
      HOME_PAGE,
      'home',
      words.home_title,
      words.home_lead,
      homeView(
        {
          catalog,
          waves,
          check,
          graphSvg: inlineSvg(homeGraph(lang), {
            id: 'catalog-graph',
            title: grouped ? words.graph_alt_grouped : words.graph_alt,
            describedBy: 'graph-edges-title',
          }),
          legendSvg: legend,
          grouped,
          modes: exampleSnippets(catalog, facts),
        },
        lang,
      ),
    );
    page(
      LAYERS_INDEX,
      'layers',
      words.layers_title,
      words.layers_lead,
      layersIndexView(catalog, waves, lang, (n) => summaryOf(catalog, n, lang)),
    );
    page(IMPACT_PAGE, 'impact', words.impact_title, words.impact_lead, impactView(catalog, lang));
    for (const f of facts) {
      const name = f.layer.name;
      const svg = inlineSvg(neighbourhoods.get(name) ?? '', { id: 'neighbourhood', title: fill(words.layer_neighbourhood_alt, { name }) });
      page(layerPage(name), 'layer', `${name} (${className(words, f.layer.class)})`, layerSummary(f.layer, lang).text, layerView(f, lang, waves.length, svg));
    }
  }
  return { ok: true, files, languages, grouped: grouped !== null };
}

function summaryOf(catalog: LoadedCatalog, name: string, lang: SiteLanguage): { text: string; lang: string | null } {
  const layer = catalog.layer(name);
  return layer ? layerSummary(layer, lang) : { text: '', lang: null };
}

function legendSvg(layout: GraphLayout, lang: SiteLanguage): string {
  const words = WORDS[lang];
  const dot = legendDot(
    (cls) => className(words, cls),
    (role) => roleName(words, role),
  );
  return inlineSvg(layout.svg(dot), { id: 'legend', title: words.legend_alt });
}

/** The home page's examples of the two modes: a toolchain as a base, the first source-dep (else native-dep) as a donor. */
function exampleSnippets(catalog: LoadedCatalog, facts: readonly LayerFacts[]): { from: string | null; donor: string | null } {
  const snippet = (f: LayerFacts | undefined, mode: 'from' | 'donor'): string | null => f?.snippets.find((s) => s.mode === mode)?.text ?? null;
  // The toolchain most layers ship in (their runtime_base): the one consumed FROM most.
  const shippedIn = (f: LayerFacts): number => f.children.filter((c) => catalog.layer(c)?.workflow.runtime_base === f.layer.name).length;
  const toolchain = facts
    .filter((f) => f.layer.class === 'toolchain')
    .reduce<LayerFacts | undefined>((best, f) => (best === undefined || shippedIn(f) > shippedIn(best) ? f : best), undefined);
  const donor = facts.find((f) => f.layer.class === 'source-dep') ?? facts.find((f) => f.layer.class === 'native-dep');
  return { from: snippet(toolchain, 'from'), donor: snippet(donor, 'donor') };
}

/** `https://x/y` → `https://x/y/`; null stays null. */
function normaliseBaseUrl(url: string | null): string | null {
  if (url === null) return null;
  return url.endsWith('/') ? url : `${url}/`;
}
