/**
 * Generation: every file under `<root>/generated/` from the loaded catalog —
 *
 *   generated/dockerfiles/<layer>.Dockerfile   Handlebars, one template per class (templates/dockerfile/)
 *   generated/dockerfiles/<layer>.Dockerfile.dockerignore
 *                                              what of the layer's folder the builder is sent
 *   generated/docker-bake.json                 the typed bake object (bake.ts), keys sorted
 *   generated/docker-bake.hcl                  the same object through templates/bake.hcl.hbs
 *   generated/catalog.ts                       the typed module (ts-morph, loaded only here, in a
 *                                              worker thread when the caller started one)
 *   generated/lamina-generated.json            the list of these files: all that gen may replace or delete
 *
 * Values a layer declares are checked first (safety.ts): anything that could break out of a
 * Dockerfile line is a diagnostic, placed at the field's definition (refusal-position.ts), and
 * nothing is written. Output depends only on the catalog and
 * the templates (sorted, no dates, no absolute paths), so it is byte-identical across runs and
 * checkouts; `check` compares it in memory with what is on disk.
 */
import { diagnostic, hasErrors, sortDiagnostics, type Catalog, type Diagnostic } from '../model/index.js';
import { bakeFile, dockerfilePath, dockerignorePath, sortedJson } from './bake.js';
import { dockerignoreText } from '../fingerprint/build-input.js';
import { hclView } from './hcl.js';
import { checkLayer } from './safety.js';
import { loadTemplates, TemplateRenderError } from './templates.js';
import { placeRefusals } from './refusal-position.js';
import { typedModuleInput } from './typed-module.js';
import { inThisThread, type TypedModuleWriter } from './typed-module-writer.js';
import { dockerfileView } from './view.js';
import { sync } from './write.js';
import { GENERATED_MANIFEST, manifestText, previousOutputs } from './manifest.js';

export interface GenerateOptions {
  /** Catalog root (the directory holding `layers/`, `templates/`, `schemas/`). */
  root: string;
  /** Report stale files instead of writing. */
  check: boolean;
  /** Called as files are rendered, for progress output on large catalogs. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Writes generated/catalog.ts: a worker started early with `startTypedModuleWriter()` (ts-morph
   * then loads while the catalog loads, and the module is printed while the Dockerfiles render).
   * Default: printed in this thread. Used once, and closed when generation stops early.
   */
  typedModuleWriter?: TypedModuleWriter;
}

export interface GenerateReport {
  /** Paths relative to the root, sorted. */
  written: string[];
  removed: string[];
  /** With `check`: files whose committed content differs from what would be generated (or that are missing or extra). */
  stale: string[];
  unchanged: number;
  /**
   * Why nothing was generated: values that cannot be rendered safely, unreadable or broken
   * templates (`file:line:col` positions, see formatDiagnostic). Empty on success.
   */
  diagnostics: Diagnostic[];
}

/** The folder holding one Dockerfile per layer; every file in it is generated. */
export const DOCKERFILES_DIR = 'generated/dockerfiles';
export const BAKE_JSON = 'generated/docker-bake.json';
export const BAKE_HCL = 'generated/docker-bake.hcl';
export const TYPED_MODULE = 'generated/catalog.ts';

export async function generate(catalog: Catalog, opts: GenerateOptions): Promise<GenerateReport> {
  const failed = (diagnostics: Diagnostic[]): GenerateReport => ({
    written: [],
    removed: [],
    stale: [],
    unchanged: 0,
    diagnostics: sortDiagnostics(diagnostics),
  });
  const rendered = renderWithoutTypedModule(catalog, opts);
  if (!rendered.ok) return failed(rendered.diagnostics);
  // The Dockerfiles and the bake files go to disk while the typed module is still being printed
  // (in the writer thread, it is the last to be ready): each file is written atomically, and
  // everything that can refuse generation has been checked by now.
  const previous = previousOutputs(opts.root, DOCKERFILES_DIR, [BAKE_JSON, BAKE_HCL, TYPED_MODULE]);
  rendered.files.set(GENERATED_MANIFEST, manifestText([...rendered.files.keys(), TYPED_MODULE, GENERATED_MANIFEST]));
  const outcome = sync(opts.root, rendered.files, previous.filter((f) => f !== TYPED_MODULE), opts.check);
  const typed = sync(opts.root, new Map([[TYPED_MODULE, await rendered.typedModule]]), [], opts.check);
  return {
    written: [...outcome.written, ...typed.written].sort(),
    removed: outcome.removed,
    stale: [...outcome.stale, ...typed.stale].sort(),
    unchanged: outcome.unchanged + typed.unchanged,
    diagnostics: [],
  };
}

export { startTypedModuleWriter, type TypedModuleWriter } from './typed-module-writer.js';

/**
 * Everything generation would refuse — unsafe values (at their definitions), unreadable or broken
 * templates, a render that fails — found without printing the typed module or writing a file:
 * what `lamina validate` adds to the catalog's own checks, so the pre-commit gate catches all
 * that `lamina gen` would stop on.
 */
export function generationProblems(catalog: Catalog, root: string): Diagnostic[] {
  const unsafe = catalog.layers.flatMap((layer) => placeRefusals(catalog, layer, checkLayer(layer)));
  if (hasErrors(unsafe)) return sortDiagnostics(unsafe);
  const loaded = loadTemplates(root);
  if (!loaded.ok) return sortDiagnostics([...unsafe, ...loaded.diagnostics]);
  try {
    for (const layer of catalog.layers) loaded.templates.dockerfile[layer.class](dockerfileView(catalog, layer));
    loaded.templates.bakeHcl(hclView(bakeFile(catalog)));
  } catch (e) {
    if (e instanceof TemplateRenderError) return sortDiagnostics([...unsafe, e.diagnostic]);
    throw e;
  }
  return sortDiagnostics(unsafe);
}

export type Rendered = { ok: true; files: Map<string, string> } | { ok: false; diagnostics: Diagnostic[] };

/** Every generated file in memory (root-relative path → content), or why it cannot be made. */
export async function render(
  catalog: Catalog,
  opts: Pick<GenerateOptions, 'root' | 'onProgress' | 'typedModuleWriter'>,
): Promise<Rendered> {
  const rendered = renderWithoutTypedModule(catalog, opts);
  if (!rendered.ok) return rendered;
  rendered.files.set(TYPED_MODULE, await rendered.typedModule);
  return { ok: true, files: rendered.files };
}

/**
 * The Dockerfiles and bake files, with the typed module still on its way (its printing is started
 * before the Dockerfiles are rendered: in a worker it is printed meanwhile).
 */
function renderWithoutTypedModule(
  catalog: Catalog,
  opts: Pick<GenerateOptions, 'root' | 'onProgress' | 'typedModuleWriter'>,
): { ok: true; files: Map<string, string>; typedModule: Promise<string> } | { ok: false; diagnostics: Diagnostic[] } {
  const writer = opts.typedModuleWriter ?? inThisThread;
  const stop = (diagnostics: Diagnostic[]): { ok: false; diagnostics: Diagnostic[] } => {
    writer.close();
    return { ok: false, diagnostics };
  };
  if (!catalog.ok) {
    return stop([diagnostic('internal/error', { file: '' }, { message: 'generation needs a catalog without errors' })]);
  }
  const unsafe = catalog.layers.flatMap((layer) => placeRefusals(catalog, layer, checkLayer(layer)));
  if (hasErrors(unsafe)) return stop(unsafe);
  const loaded = loadTemplates(opts.root);
  if (!loaded.ok) return stop(loaded.diagnostics);
  const { templates } = loaded;
  const typedModule = writer.write(typedModuleInput(catalog));
  // A failure below returns first; the module is then not wanted (and must not be unhandled).
  typedModule.catch(() => undefined);

  const files = new Map<string, string>();
  const total = catalog.layers.length;
  try {
    catalog.layers.forEach((layer, i) => {
      files.set(dockerfilePath(layer.name), templates.dockerfile[layer.class](dockerfileView(catalog, layer)));
      files.set(dockerignorePath(layer.name), dockerignoreText(opts.root, layer));
      if (opts.onProgress && (i % 100 === 99 || i === total - 1)) opts.onProgress(i + 1, total);
    });
    const bake = bakeFile(catalog);
    files.set(BAKE_JSON, sortedJson(bake));
    files.set(BAKE_HCL, templates.bakeHcl(hclView(bake)));
  } catch (e) {
    if (e instanceof TemplateRenderError) return { ok: false, diagnostics: [e.diagnostic] };
    throw e;
  }
  return { ok: true, files, typedModule };
}
