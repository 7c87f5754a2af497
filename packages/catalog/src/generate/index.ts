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
import { createHash } from 'node:crypto';
import { diagnostic, hasErrors, sortDiagnostics, type Catalog, type Diagnostic, type Layer } from '../model/index.js';
import type { RenderDigest } from '../fingerprint/render-memo.js';
import type { CacheDirOption } from '../cache/files.js';
import { bakeFile, DOCKERFILES_DIR, dockerfilePath, dockerignorePath, sortedJson } from './bake.js';
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
  /**
   * What earlier runs know (the render memo, gen's stamp): a layer whose Dockerfile on disk is
   * already what it renders to from the same inputs is not rendered again, and a file the stamp
   * vouches for is compared by its hash instead of being read. Default: everything is rendered and read.
   */
  known?: KnownOutputs;
  /** Where compiled templates are kept between runs (loadTemplates); default: not kept. */
  cacheDir?: CacheDirOption;
}

export interface KnownOutputs {
  /** The digest of a layer's Dockerfile as rendered before from the same inputs (fingerprint included). */
  dockerfile(layer: Layer): RenderDigest | undefined;
  /** Records the digest of a layer's Dockerfile just rendered. */
  rendered(layer: Layer, digest: RenderDigest): void;
  /** The sha256 of a generated file on disk when the stamp vouches for it without reading it. */
  onDisk(rel: string): string | undefined;
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

export { DOCKERFILES_DIR };
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
  const rendered = renderWithoutTypedModule(catalog, opts, opts.known);
  if (!rendered.ok) return failed(rendered.diagnostics);
  // The Dockerfiles and the bake files go to disk while the typed module is still being printed
  // (in the writer thread, it is the last to be ready): each file is written atomically, and
  // everything that can refuse generation has been checked by now.
  const previous = previousOutputs(opts.root, DOCKERFILES_DIR, [BAKE_JSON, BAKE_HCL, TYPED_MODULE]);
  rendered.files.set(GENERATED_MANIFEST, manifestText([...rendered.files.keys(), ...rendered.kept, TYPED_MODULE, GENERATED_MANIFEST]));
  const onDisk = { kept: rendered.kept, digest: opts.known ? (rel: string) => opts.known!.onDisk(rel) : undefined };
  const outcome = sync(
    opts.root,
    rendered.files,
    previous.filter((f) => f !== TYPED_MODULE),
    opts.check,
    onDisk,
  );
  const typed = sync(opts.root, new Map([[TYPED_MODULE, await rendered.typedModule]]), [], opts.check, { digest: onDisk.digest });
  return {
    written: [...outcome.written, ...typed.written].sort(),
    removed: outcome.removed,
    stale: [...outcome.stale, ...typed.stale].sort(),
    unchanged: outcome.unchanged + typed.unchanged,
    diagnostics: [],
  };
}

export { startTypedModuleWriter, type TypedModuleWriter } from './typed-module-writer.js';

export { generationProblems } from './problems.js';

export type Rendered = { ok: true; files: Map<string, string> } | { ok: false; diagnostics: Diagnostic[] };

/** Every generated file in memory (root-relative path → content), or why it cannot be made. */
export async function render(catalog: Catalog, opts: Pick<GenerateOptions, 'root' | 'onProgress' | 'typedModuleWriter'>): Promise<Rendered> {
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
  opts: Pick<GenerateOptions, 'root' | 'onProgress' | 'typedModuleWriter' | 'cacheDir'>,
  known?: KnownOutputs,
): { ok: true; files: Map<string, string>; kept: Set<string>; typedModule: Promise<string> } | { ok: false; diagnostics: Diagnostic[] } {
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
  const loaded = loadTemplates(opts.root, opts.cacheDir ?? false);
  if (!loaded.ok) return stop(loaded.diagnostics);
  const { templates } = loaded;
  const typedModule = writer.write(typedModuleInput(catalog));
  // A failure below returns first; the module is then not wanted (and must not be unhandled).
  typedModule.catch(() => undefined);

  const files = new Map<string, string>();
  // Dockerfiles on disk that are already what they would render to: not rendered.
  const kept = new Set<string>();
  const total = catalog.layers.length;
  try {
    catalog.layers.forEach((layer, i) => {
      const path = dockerfilePath(layer.name);
      const before = known?.dockerfile(layer);
      if (before !== undefined && known!.onDisk(path) === before.sha256) kept.add(path);
      else {
        const text = templates.dockerfile[layer.class](dockerfileView(catalog, layer));
        files.set(path, text);
        known?.rendered(layer, { sha256: createHash('sha256').update(text).digest('hex'), bytes: Buffer.byteLength(text) });
      }
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
  return { ok: true, files, kept, typedModule };
}
