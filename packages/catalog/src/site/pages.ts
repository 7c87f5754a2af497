/**
 * The site's pages as views for the templates, one set per language: the frame every page shares
 * (navigation, search, language switch), the home page, the list of layers and the impact view.
 * A layer's own page is layer-page.ts. Links are relative (`../layers/rust.html`), so the folder
 * works from file:// and under any sub-path; `baseUrl` only adds canonical addresses.
 */
import type { CheckResult } from '../adr/index.js';
import type { Constraint } from '../adr/model.js';
import { LAYER_CLASSES, type Catalog, type LayerClass } from '../model/index.js';
import { escapeXml, type GroupedGraph } from './graph-svg.js';
import { paragraphs, wordsHtml } from './html.js';
import { adrText, className, classAbout, fill, LANGUAGE_NAMES, roleName, SOURCE_LANGUAGE, WORDS, type SiteLanguage, type Words } from './i18n.js';

/** Where a language's pages are, relative to the site's root. */
export function languageRoot(lang: SiteLanguage): string {
  return lang === SOURCE_LANGUAGE ? '' : `${lang}/`;
}

/** `../` once per folder between a file and the folder `path` is relative to. */
export function upTo(path: string): string {
  return '../'.repeat(path.split('/').length - 1);
}

export const LAYERS_INDEX = 'layers/index.html';
export const IMPACT_PAGE = 'impact.html';
export const HOME_PAGE = 'index.html';
export const GRAPH_FILE = 'graph.svg';

export function layerPage(name: string): string {
  return `layers/${name}.html`;
}

export interface SiteContext {
  readonly languages: readonly SiteLanguage[];
  /** `https://example.org/lamina/` or null. */
  readonly baseUrl: string | null;
}

/** The frame around a page's body. `page`: the page's path within its language's root. */
export function frameView(ctx: SiteContext, lang: SiteLanguage, page: string, title: string, description: string, body: string): object {
  const words = WORDS[lang];
  const path = `${languageRoot(lang)}${page}`;
  const base = upTo(path);
  const langRoot = upTo(page);
  const nav = [
    { href: `${langRoot}${HOME_PAGE}`, label: words.nav_home, current: page === HOME_PAGE },
    { href: `${langRoot}${LAYERS_INDEX}`, label: words.nav_layers, current: page === LAYERS_INDEX },
    { href: `${langRoot}${IMPACT_PAGE}`, label: words.nav_impact, current: page === IMPACT_PAGE },
  ];
  const languages =
    ctx.languages.length > 1
      ? ctx.languages.map((l) => ({ lang: l, name: LANGUAGE_NAMES[l], href: `${base}${languageRoot(l)}${page}`, current: l === lang }))
      : [];
  return {
    lang,
    title,
    description,
    base,
    langRoot,
    canonical: ctx.baseUrl === null ? null : `${ctx.baseUrl}${path}`,
    alternates:
      ctx.baseUrl === null || ctx.languages.length < 2 ? [] : ctx.languages.map((l) => ({ lang: l, href: `${ctx.baseUrl}${languageRoot(l)}${page}` })),
    languages,
    nav,
    t: words,
    footer: wordsHtml(words.footer),
    // The impact view walks the graph in the browser.
    scripts: page === IMPACT_PAGE ? [`${base}assets/graph-data.js`] : [],
    body,
  };
}

export interface HomeInput {
  readonly catalog: Catalog;
  readonly waves: readonly (readonly string[])[];
  readonly check: CheckResult;
  /** The graph drawn by Graphviz for this language's home page (inline SVG), and the legend. */
  readonly graphSvg: string;
  readonly legendSvg: string;
  /** Set when the graph is drawn grouped (a large catalog). */
  readonly grouped: GroupedGraph | null;
  /** Example snippets of the two consumption modes, when the catalog has layers to show them with. */
  readonly modes: { readonly from: string | null; readonly donor: string | null };
}

export function homeView(input: HomeInput, lang: SiteLanguage): object {
  const { catalog, waves, check } = input;
  const words = WORDS[lang];
  const layerHref = (n: string): string => layerPage(n);
  const counts = new Map<LayerClass, number>();
  for (const l of catalog.layers) counts.set(l.class, (counts.get(l.class) ?? 0) + 1);
  const hardViolations = check.violations.filter((v) => v.severity === 'Hard').length;
  const grouped = input.grouped;
  const edges = grouped
    ? grouped.edges.map((e) => ({
        from: groupLabel(words, grouped, e.from),
        fromHref: `${LAYERS_INDEX}#by-wave`,
        relation: `${roleName(words, e.role)} ×${e.count}`,
        to: groupLabel(words, grouped, e.to),
        toHref: `${LAYERS_INDEX}#by-wave`,
        role: e.role,
      }))
    : catalog.edges.map((e) => ({
        from: e.from,
        fromHref: layerHref(e.from),
        relation: relationWords(words, e.role),
        to: e.to,
        toHref: layerHref(e.to),
        role: e.role,
      }));
  return {
    t: words,
    lead: wordsHtml(words.home_lead),
    artifacts: wordsHtml(words.home_artifacts),
    counts: [
      { value: catalog.layers.length, label: words.count_layers },
      { value: catalog.edges.length, label: words.count_edges },
      { value: waves.length, label: words.count_waves },
      { value: catalog.externalBases.length, label: words.count_external },
    ],
    classes: LAYER_CLASSES.map((cls) => ({
      cls,
      name: className(words, cls),
      about: classAbout(words, cls),
      count: counts.get(cls) ?? 0,
      examples: catalog.layers
        .filter((l) => l.class === cls)
        .slice(0, 8)
        .map((l) => ({ name: l.name, href: layerHref(l.name) })),
      more: Math.max(0, (counts.get(cls) ?? 0) - 8),
    })),
    graph: {
      lead: wordsHtml(words.graph_lead),
      grouped: input.grouped !== null,
      groupedNote: wordsHtml(words.graph_grouped),
      svg: input.graphSvg,
      legendSvg: input.legendSvg,
      download: `${upTo(`${languageRoot(lang)}${HOME_PAGE}`)}${GRAPH_FILE}`,
      edges,
    },
    modes: [
      ...(input.modes.from === null ? [] : [{ title: words.mode_from, snippet: input.modes.from, id: 'mode-from' }]),
      ...(input.modes.donor === null ? [] : [{ title: words.mode_donor, snippet: input.modes.donor, id: 'mode-donor' }]),
    ],
    adrsLead: wordsHtml(words.adrs_lead),
    checkHolds: check.ok,
    checkText: check.ok ? wordsHtml(words.check_holds) : wordsHtml(words.check_fails, { count: hardViolations + check.diagnostics.length }),
    adrs: check.adrs.map((adr) => {
      const title = adrText(adr, 'title', lang);
      return {
        id: adr.id,
        anchor: adr.id.toLowerCase(),
        title: title.text,
        titleLang: title.lang,
        status: adr.status,
        date: adr.date,
        sections: (['context', 'decision', 'consequences'] as const).map((field) => {
          const text = adrText(adr, field, lang);
          return { label: words[`adr_${field}`], html: paragraphs(text.text), lang: text.lang };
        }),
        constraints: adr.constraints.map((c) => {
          const violated = check.violations.filter((v) => v.adr === adr.id && v.constraint === c.id).length;
          return {
            id: c.id,
            description: c.description,
            descriptionLang: lang === SOURCE_LANGUAGE ? null : SOURCE_LANGUAGE,
            severity: c.severity,
            check: checkHtml(words, c),
            holds: violated === 0,
            state: violated === 0 ? words.constraint_holds : fill(words.constraint_violated, { count: violated }),
          };
        }),
      };
    }),
  };
}

function relationWords(words: Words, role: 'build_base' | 'runtime_base' | 'donor'): string {
  return role === 'build_base' ? words.edge_role_build_base : role === 'runtime_base' ? words.edge_role_runtime_base : words.edge_role_donor;
}

export function groupLabel(words: Words, grouped: GroupedGraph, id: string): string {
  const g = grouped.groups.find((x) => x.id === id);
  return g ? fill(words.group_label, { class: className(words, g.cls), count: g.layers.length }) : id;
}

function checkHtml(words: Words, c: Constraint): string {
  if (c.check.kind === 'Graph') return wordsHtml(words.constraint_graph, {}).replace('{rule}', `<code>${escapeXml(c.check.rule)}</code>`);
  const template = c.check.must === 'absent' ? words.constraint_grep_absent : words.constraint_grep_present;
  return wordsHtml(template)
    .replace('{pattern}', `<code>${escapeXml(c.check.pattern)}</code>`)
    .replace('{paths}', c.check.paths.map((p) => `<code>${escapeXml(p)}</code>`).join(', '));
}

export function layersIndexView(
  catalog: Catalog,
  waves: readonly (readonly string[])[],
  lang: SiteLanguage,
  summary: (name: string) => { text: string; lang: string | null },
): object {
  const words = WORDS[lang];
  return {
    t: words,
    classes: LAYER_CLASSES.map((cls) => ({ cls, name: className(words, cls) })),
    // How many layers of each class each wave builds, each count a link to that part of the list.
    matrix: waves.map((wave, i) => ({
      title: fill(words.wave_n, { wave: i }),
      anchor: `wave-${i}`,
      cells: LAYER_CLASSES.map((cls) => {
        const n = wave.filter((name) => catalog.layer(name)?.class === cls).length;
        return { count: n, href: n > 0 ? `#wave-${i}-${cls}` : '' };
      }),
    })),
    waves: waves.map((wave, i) => ({
      title: fill(words.wave_n, { wave: i }),
      anchor: `wave-${i}`,
      groups: LAYER_CLASSES.flatMap((cls) => {
        const layers = wave.filter((n) => catalog.layer(n)?.class === cls);
        if (layers.length === 0) return [];
        return [
          {
            anchor: `wave-${i}-${cls}`,
            title: className(words, cls),
            cls,
            layers: layers.map((n) => {
              const s = summary(n);
              return { name: n, href: `${n}.html`, summary: s.text, summaryLang: s.lang };
            }),
          },
        ];
      }),
    })),
  };
}

export function impactView(catalog: Catalog, lang: SiteLanguage): object {
  const words = WORDS[lang];
  return {
    t: words,
    lead: wordsHtml(words.impact_lead),
    noscript: wordsHtml(words.impact_noscript),
    // The words the script needs, read from the page (one script serves every language).
    words: JSON.stringify({
      none: words.impact_none,
      summary: words.impact_summary,
      named: words.impact_reason_named,
      parent: words.impact_reason_parent,
      wave: words.wave_n,
      roles: { build_base: words.role_build_base, runtime_base: words.role_runtime_base, donor: words.role_donor },
    }),
    layers: catalog.layers.map((l) => ({ name: l.name, cls: l.class, className: className(words, l.class) })),
  };
}
