/**
 * The catalog's Handlebars templates: `templates/dockerfile/<class>.hbs`, the partials in
 * `templates/dockerfile/partials/*.hbs` (registered by file name) and `templates/bake.hcl.hbs`.
 * Compiled with `noEscape` (the output is not HTML; values are quoted by the view models) and
 * `strict` (a name the view model lacks is an error, never an empty string). A template that
 * cannot be read, parsed or rendered is a diagnostic on its file.
 *
 * Each template and partial is compiled once, up front (Handlebars would otherwise compile a
 * template on its first use and a partial on the first use by each template), and with
 * `knownHelpersOnly`: only the built-in helpers exist here, so a mustache is a plain lookup
 * instead of a helper check on every render, and an unknown helper is an error at compile time.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type HandlebarsModule from 'handlebars';
import { readCacheJson, rootCacheFile, writeCacheFile, type CacheDirOption } from '../cache/files.js';
import { LAYER_CLASSES, diagnostic, type Diagnostic, type LayerClass } from '../model/index.js';

export type Render = (view: object) => string;

export interface Templates {
  dockerfile: Record<LayerClass, Render>;
  bakeHcl: Render;
}

export type TemplatesResult = { ok: true; templates: Templates } | { ok: false; diagnostics: Diagnostic[] };

const OPTIONS = { noEscape: true, strict: true, knownHelpersOnly: true } as const;

// The last templates compiled, by the bytes of every file read: a fingerprint's render and gen's
// renders in one process compile them once.
let last: { texts: string; result: TemplatesResult } | undefined;

/**
 * `cacheDir`: where the compiled code of each template is kept between runs (by the template's
 * bytes, Handlebars' version and the options), so that an unchanged template is not parsed and
 * compiled again (`undefined`: the default cache folder); `false`: not kept.
 */
export function loadTemplates(root: string, cacheDir: CacheDirOption): TemplatesResult {
  const texts = templateTexts(root);
  if (last?.texts === texts) return last.result;
  const result = compileTemplates(root, cacheDir);
  // Kept only when the files did not change while they were compiled.
  if (templateTexts(root) === texts) last = { texts, result };
  return result;
}

/** Every template file's name and bytes (or why it is unreadable), as one string. */
function templateTexts(root: string): string {
  const parts: string[] = [];
  const add = (rel: string): void => {
    try {
      parts.push(`${rel}\0${readFileSync(join(root, rel), 'utf8')}`);
    } catch (e) {
      parts.push(`${rel}\0!${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  };
  let partials: string[] = [];
  try {
    partials = readdirSync(join(root, 'templates/dockerfile/partials'))
      .filter((f) => f.endsWith('.hbs'))
      .sort();
  } catch (e) {
    parts.push(`partials\0!${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  for (const f of partials) add(`templates/dockerfile/partials/${f}`);
  for (const cls of LAYER_CLASSES) add(`templates/dockerfile/${cls}.hbs`);
  add('templates/bake.hcl.hbs');
  return `${root}\0${parts.join('\0\0')}`;
}

function compileTemplates(root: string, cacheDir: CacheDirOption): TemplatesResult {
  const diagnostics: Diagnostic[] = [];
  // Required when templates are first loaded: a load whose fingerprints come from the render
  // memo never needs Handlebars.
  const hb = (createRequire(import.meta.url)('handlebars') as typeof HandlebarsModule).create();
  const compiled = CompiledTemplates.open(root, cacheDir, hb.VERSION);
  const read = (rel: string): string | undefined => {
    try {
      return readFileSync(join(root, rel), 'utf8');
    } catch (e) {
      diagnostics.push(diagnostic('load/unreadable', { file: rel }, { file: rel, reason: (e as NodeJS.ErrnoException).code ?? String(e) }));
      return undefined;
    }
  };
  /** Compiles now (so a syntax error is reported against this file), once. */
  const compileNow = (rel: string): HandlebarsTemplateDelegate | undefined => {
    const text = read(rel);
    if (text === undefined) return undefined;
    try {
      // precompile gives the template's code; template() makes it a function without compiling again.
      const code = compiled.get(text) ?? compiled.set(text, String(hb.precompile(text, OPTIONS)));
      const spec = new Function(`return ${code}`)() as TemplateSpecification;
      return hb.template(spec);
    } catch (e) {
      diagnostics.push(templateError(rel, e));
      return undefined;
    }
  };
  const compile = (rel: string): Render | undefined => {
    const fn = compileNow(rel);
    if (!fn) return undefined;
    return (view) => {
      try {
        return fn(view);
      } catch (e) {
        throw new TemplateRenderError(templateError(rel, e));
      }
    };
  };

  let partials: string[] = [];
  try {
    partials = readdirSync(join(root, 'templates/dockerfile/partials'))
      .filter((f) => f.endsWith('.hbs'))
      .sort();
  } catch {
    // No partials is fine as long as the templates do not use any.
  }
  for (const f of partials) {
    const fn = compileNow(`templates/dockerfile/partials/${f}`);
    if (fn) hb.registerPartial(f.slice(0, -'.hbs'.length), fn);
  }
  const dockerfile = {} as Record<LayerClass, Render>;
  for (const cls of LAYER_CLASSES) {
    const r = compile(`templates/dockerfile/${cls}.hbs`);
    if (r) dockerfile[cls] = r;
  }
  const bakeHcl = compile('templates/bake.hcl.hbs');
  compiled.save();
  if (diagnostics.length > 0 || !bakeHcl) return { ok: false, diagnostics };
  return { ok: true, templates: { dockerfile, bakeHcl } };
}

/**
 * Handlebars' compiled code of templates, kept in the lamina cache (like the JSON Schema
 * validators' code): keyed by the template's bytes, Handlebars' version and the options; only
 * templates that compiled are kept, and only those compiled in the latest load.
 */
class CompiledTemplates {
  private readonly kept: Record<string, string>;
  private readonly used: Record<string, string> = {};
  private added = false;

  private constructor(
    private readonly file: string | undefined,
    private readonly version: string,
  ) {
    const data = readCacheJson<{ format: string; code: Record<string, string> }>(file);
    this.kept = data?.format === COMPILED_FORMAT && typeof data.code === 'object' ? data.code : {};
  }

  static open(root: string, cacheDir: CacheDirOption, version: string): CompiledTemplates {
    return new CompiledTemplates(cacheDir === false ? undefined : rootCacheFile(cacheDir, 'templates', root), version);
  }

  get(text: string): string | undefined {
    const key = this.key(text);
    const code = Object.hasOwn(this.kept, key) ? this.kept[key] : undefined;
    if (typeof code === 'string') this.used[key] = code;
    return typeof code === 'string' ? code : undefined;
  }

  set(text: string, code: string): string {
    this.used[this.key(text)] = code;
    this.added = true;
    return code;
  }

  save(): void {
    if (this.file && this.added) writeCacheFile(this.file, JSON.stringify({ format: COMPILED_FORMAT, code: this.used }));
  }

  private key(text: string): string {
    return createHash('sha256')
      .update(`${this.version}\n${JSON.stringify(OPTIONS)}\n`)
      .update(text)
      .digest('hex');
  }
}

const COMPILED_FORMAT = 'lamina-compiled-templates 1';

/** A template failed while rendering (a name missing from the view, an unknown partial). */
export class TemplateRenderError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

function templateError(file: string, e: unknown): Diagnostic {
  const text = e instanceof Error ? e.message : String(e);
  // Handlebars says "Parse error on line 3:" or appends " - 3:4" to a strict-mode lookup error.
  const m = /on line (\d+)/.exec(text) ?? /- (\d+):(\d+)$/m.exec(text);
  const line = m ? Number(m[1]) : 0;
  const col = m && m[2] !== undefined ? Number(m[2]) + 1 : line > 0 ? 1 : 0;
  const lines = text.split('\n');
  // A parse error's last line says what was expected; a lookup error's first line names the field.
  const first = lines[0] ?? '';
  const reason = /^Parse error/.test(first)
    ? `parse error: ${lines[lines.length - 1]}`
    : first.replace(/ - \d+:\d+$/, '').replace(/ in \[object Object\]$/, '');
  return diagnostic('generate/template', { file, line, col }, { reason });
}
