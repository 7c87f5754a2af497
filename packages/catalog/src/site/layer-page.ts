/** A layer's page as a view for templates/layer.hbs, in one language, from its facts (layer-facts.ts). */
import { className, fill, layerDoc, layerSummary, WORDS, type SiteLanguage } from './i18n.js';
import { paragraphs, wordsHtml } from './html.js';
import type { BaseFact, LayerFacts } from './layer-facts.js';
import { IMPACT_PAGE } from './pages.js';

const link = (name: string): { name: string; href: string } => ({ name, href: `${name}.html` });

export function layerView(f: LayerFacts, lang: SiteLanguage, waveCount: number, neighbourhoodSvg: string): object {
  const words = WORDS[lang];
  const l = f.layer;
  const d = l.directives;
  const summary = layerSummary(l, lang);
  const doc = layerDoc(l, lang);
  const baseView = (b: BaseFact): object => ({
    isLayer: b.kind === 'layer',
    ref: b.ref,
    href: b.kind === 'layer' ? `${b.ref}.html` : '',
    note: b.kind === 'scratch' ? words.scratch : b.kind === 'external' ? words.external : '',
  });
  const list = (title: string, items: readonly string[]): { title: string; items: readonly string[] } | null => (items.length ? { title, items } : null);
  const provides = [
    d.class === 'toolchain' ? list(words.provides_components, d.toolchain.components) : null,
    d.class === 'toolchain' ? list(words.provides_targets, d.toolchain.targets) : null,
    list(words.provides_binaries, f.binaries),
    list(words.provides_sys, f.sysCrates),
    list(words.provides_crates, f.otherCrates),
    list(words.provides_used_by, f.usedBy),
    list(
      words.provides_exports,
      f.exports.map(([k, v]) => `${k}=${v}`),
    ),
    list(d.class === 'native-dep' ? words.provides_prefix : words.provides_outputs, f.outputs),
  ].filter((x) => x !== null);
  const installer = d.class === 'toolchain' ? d.toolchain.installer : undefined;
  const downloads = installer
    ? Object.entries(installer.downloads)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([platform, dl]) => ({
          label: `${installer.name} ${installer.version} (${platform})`,
          url: dl?.url ?? '',
          sha256: dl?.sha256 ?? '',
        }))
    : [];
  const tools =
    d.class === 'toolchain' ? d.tools.filter((t) => t.checksum !== undefined).map((t) => ({ label: `${t.name} ${t.version}`, sha256: t.checksum ?? '' })) : [];
  const source =
    d.class === 'native-dep'
      ? {
          url: d.source.url,
          version: d.source.version,
          sha256: d.source.sha256,
          mirrors: d.source.mirrors,
          provenance: d.source.provenance.map((p) => `${p.method}: ${p.reference}`),
        }
      : null;
  return {
    t: words,
    name: l.name,
    cls: l.class,
    className: className(words, l.class),
    summary: summary.text,
    summaryLang: summary.lang,
    doc: doc.text.trim() === '' ? '' : paragraphs(doc.text),
    docLang: doc.lang,
    facts: {
      wave: f.wave === null ? '—' : fill(words.layer_wave_of, { wave: f.wave, waves: waveCount }),
      fingerprint: l.fingerprint,
      shortFingerprint: l.fingerprint.slice(0, 12),
      image: f.image,
      tags: f.tags,
      pinned: f.pinned,
      digestNone: wordsHtml(words.layer_digest_none),
      platforms: l.workflow.platforms.join(', '),
      buildBase: baseView(f.buildBase),
      runtimeBase: baseView(f.runtimeBase),
      donors: l.workflow.donors.map(link),
    },
    graph: {
      svg: neighbourhoodSvg,
      relations: [
        { title: words.layer_parents, layers: f.parents.map(link) },
        { title: words.layer_children, layers: f.children.map(link) },
        { title: words.layer_ancestors, layers: f.ancestors.map(link) },
        { title: words.layer_descendants, layers: f.descendants.map(link) },
      ],
      impactHref: `../${IMPACT_PAGE}#${l.name}`,
      impactText: fill(words.layer_impact_link, { name: l.name }),
    },
    provides,
    cooked: l.class === 'source-dep' ? { lead: wordsHtml(words.cooked_lead), packages: f.cooked, record: cookRecordText(f, lang) } : null,
    pins: {
      apt: f.aptPins,
      source,
      downloads,
      tools,
      any: f.aptPins.length > 0 || source !== null || downloads.length > 0 || tools.length > 0,
    },
    snippets: f.snippets.map((s) => ({
      id: `snippet-${s.mode}`,
      title: s.mode === 'from' ? words.snippet_from : words.snippet_donor,
      text: s.text,
      problem: s.problem,
    })),
    dockerfile:
      'text' in f.dockerfile
        ? { text: f.dockerfile.text, problem: null }
        : { text: null, problem: fill(words.dockerfile_unrenderable, { reason: f.dockerfile.problem }) },
  };
}

function cookRecordText(f: LayerFacts, lang: SiteLanguage): string | null {
  const r = f.cookRecord;
  if (r === null) return null;
  const words = WORDS[lang];
  if (r.profiles.length === 0) return `${f.layer.name}/lamina-cook.json: ${r.state}`;
  return `${fill(words.cooked_profiles, { profiles: r.profiles.join(', '), target: r.target ?? words.cooked_host })} (${r.state})`;
}
