/**
 * The site's HTML: its Handlebars templates (`packages/catalog/assets/site/*.hbs`, shipped with the
 * package: a site is the tool's view of any catalog, not a part of the catalog) and the few bits of
 * markup built in code — escaped text with `inline code`, a layer's doc as paragraphs.
 *
 * Templates are compiled with `strict` (a name the view lacks is an error, never an empty string)
 * and `knownHelpersOnly` (the built-in helpers only); unlike the Dockerfile templates they escape
 * HTML, so a value from the catalog can never become markup. Pre-built markup (SVG, paragraphs)
 * goes in with `{{{…}}}` and is made here or in graph-svg.ts from escaped text only.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type HandlebarsModule from 'handlebars';

/** Where the templates, the stylesheet and the script are: the same from src/site and dist/site. */
export const ASSETS_DIR = fileURLToPath(new URL('../../assets/site/', import.meta.url));

export const PAGE_TEMPLATES = ['layout', 'home', 'layer', 'layers', 'impact'] as const;
export type PageTemplate = (typeof PAGE_TEMPLATES)[number];

export type SiteTemplates = Readonly<Record<PageTemplate, (view: object) => string>>;

export function loadSiteTemplates(): SiteTemplates {
  const hb = (createRequire(import.meta.url)('handlebars') as typeof HandlebarsModule).create();
  const out = {} as Record<PageTemplate, (view: object) => string>;
  for (const name of PAGE_TEMPLATES) {
    const fn = hb.compile(readAsset(`${name}.hbs`), { strict: true, knownHelpersOnly: true });
    out[name] = (view) => fn(view);
  }
  return out;
}

export function readAsset(name: string): string {
  return readFileSync(`${ASSETS_DIR}${name}`, 'utf8');
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Escaped text whose `backquoted` parts become <code>. */
export function inlineMarkup(text: string): string {
  return escapeHtml(text).replace(/`([^`\n]+)`/g, '<code>$1</code>');
}

/** A template of the site's words with `{name}` placeholders, as HTML: the values escaped too. */
export function wordsHtml(template: string, values: Readonly<Record<string, string | number>> = {}): string {
  return inlineMarkup(template).replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(values, k) ? escapeHtml(String(values[k])) : m));
}

/**
 * A layer's or an ADR's text as HTML, read the way its authors write it in Nickel: paragraphs at
 * blank lines; `- ` starts a list item (indented lines continue it); other indented lines are
 * code (a Dockerfile line quoted in a doc); line breaks inside a paragraph are spaces.
 */
export function paragraphs(text: string): string {
  type Block = { kind: 'text' | 'item' | 'code'; lines: string[] };
  const html: string[] = [];
  for (const para of text.trim().split(/\n\s*\n/)) {
    const blocks: Block[] = [];
    for (const line of para.split('\n')) {
      if (line.trim() === '') continue;
      const indented = /^\s/.test(line);
      const last = blocks[blocks.length - 1];
      if (!indented && line.startsWith('- ')) blocks.push({ kind: 'item', lines: [line.slice(2)] });
      else if (indented && last?.kind === 'item') last.lines.push(line.trim());
      else if (indented) {
        if (last?.kind === 'code') last.lines.push(line);
        else blocks.push({ kind: 'code', lines: [line] });
      } else if (last?.kind === 'text') last.lines.push(line);
      else blocks.push({ kind: 'text', lines: [line] });
    }
    let list: string[] = [];
    const closeList = (): void => {
      if (list.length) html.push(`<ul>\n${list.join('\n')}\n</ul>`);
      list = [];
    };
    for (const b of blocks) {
      if (b.kind === 'item') {
        list.push(`<li>${inlineMarkup(b.lines.join(' '))}</li>`);
        continue;
      }
      closeList();
      if (b.kind === 'text') html.push(`<p>${inlineMarkup(b.lines.map((l) => l.trim()).join(' '))}</p>`);
      else {
        const indent = Math.min(...b.lines.map((l) => /^\s*/.exec(l)?.[0].length ?? 0));
        html.push(`<pre><code>${escapeHtml(b.lines.map((l) => l.slice(indent)).join('\n'))}</code></pre>`);
      }
    }
    closeList();
  }
  return html.join('\n');
}
