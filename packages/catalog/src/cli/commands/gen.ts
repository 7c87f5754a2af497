/**
 * `lamina gen [--check] [--cook-manifests]`: writes generated/ from the catalog (the generation
 * phase is loaded only here: templates and the typed-module writer are heavy). The typed-module
 * writer's worker thread is started first, so ts-morph loads while the catalog loads (unless the
 * typed module's declarations are kept from an earlier run for the same layers). `--check`
 * writes nothing and exits 1 listing the files that are stale. Cook manifests
 * (`layers/<name>/lamina-cook.json`) that no longer match their recipe are asked of cargo first
 * (`--cook-manifests` also makes missing ones); they are layer inputs, so the catalog is loaded
 * again after one changes. The schema forms (schemas/*.schema.json, schemas/contracts/*.ncl) are
 * generated from schemas/source/ first, always: the layers are evaluated with those contracts,
 * and the stamp does not read the source.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_CATALOG_ERRORS, EXIT_OK, type CommandContext } from '../context.js';
import type { GenerateReport } from '../../generate/index.js';
import { GENERATED_MANIFEST } from '../../generate/manifest.js';
import { GenStamp, writeStamp } from '../../generate/stamp.js';
import { refreshCookManifests } from '../../reuse/refresh.js';
import { defaultCacheDir } from '../../cache/files.js';
import { syncSchemaForms } from '../../schema-forms/index.js';
import { loadOrReport, plural } from './common.js';

/** Below this many layers generation is instant: no progress line. */
const PROGRESS_THRESHOLD = 50;

export default async function gen(ctx: CommandContext): Promise<number> {
  const check = ctx.invocation.values.check === true;
  const useCache = ctx.invocation.values['no-cache'] !== true;
  const stampOptions = { root: ctx.root, options: JSON.stringify({ cookManifests: ctx.invocation.values['cook-manifests'] === true }) };
  // Nothing the last generation read or wrote has changed: its answer stands (generate/stamp.ts).
  const startedAt = Date.now();
  const forms = syncSchemaForms(ctx.root, check);
  if (forms.problem !== undefined) {
    ctx.out.err(`error: ${forms.problem}`);
    ctx.out.err('nothing was generated');
    return EXIT_CATALOG_ERRORS;
  }
  const withForms = (r: GenerateReport): GenerateReport => ({
    ...r,
    written: [...forms.written, ...r.written].sort(),
    stale: [...forms.stale, ...r.stale].sort(),
    unchanged: r.unchanged + forms.unchanged,
  });
  const stamp = useCache ? GenStamp.read(stampOptions) : undefined;
  const unchanged = stamp?.unchanged();
  if (unchanged !== undefined) return report(ctx, check, withForms({ written: [], removed: [], stale: [], unchanged, diagnostics: [] }));
  const { generate, startTypedModuleWriter } = await import('../../generate/index.js');
  const { TypedDeclarationsCache, expectedLayerNames } = await import('../../generate/typed-module-cache.js');
  // ts-morph is loaded (in a worker, meanwhile) only when its declarations are not kept for these layer names.
  const typedModuleWriter = startTypedModuleWriter(
    useCache ? { cache: TypedDeclarationsCache.open(ctx.root, undefined), expectedNames: expectedLayerNames(ctx.root) } : {},
  );
  let catalog = await loadOrReport(ctx);
  if (!catalog) {
    typedModuleWriter.close();
    return EXIT_CATALOG_ERRORS;
  }
  const cooked = refreshCookManifests(catalog, { create: ctx.invocation.values['cook-manifests'] === true, check });
  if (cooked.diagnostics.length > 0) {
    typedModuleWriter.close();
    if (ctx.json) ctx.out.json({ check, ok: false, diagnostics: cooked.diagnostics });
    else {
      ctx.out.diagnostics(cooked.diagnostics);
      ctx.out.err('nothing was generated');
    }
    return EXIT_CATALOG_ERRORS;
  }
  if (cooked.written.length > 0) {
    catalog = await loadOrReport(ctx);
    if (!catalog) {
      typedModuleWriter.close();
      return EXIT_CATALOG_ERRORS;
    }
  }
  const sound = catalog;
  const generated = await generate(catalog, {
    root: ctx.root,
    check,
    typedModuleWriter,
    cacheDir: useCache ? (defaultCacheDir() ?? false) : false,
    // Dockerfiles already on disk as they would render are not rendered again, nor read.
    known: useCache
      ? {
          dockerfile: (layer) => sound.finalDockerfiles.known(layer.name),
          rendered: (layer, digest) => sound.finalDockerfiles.record(layer.name, digest),
          onDisk: (rel) => stamp?.outputDigest(rel),
        }
      : undefined,
    onProgress: (done, total) => {
      if (total >= PROGRESS_THRESHOLD) ctx.out.progress(done < total ? `generating ${done}/${total}` : undefined);
    },
  });
  ctx.out.progress(undefined);
  const outcome = withForms({ ...generated, written: [...cooked.written, ...generated.written].sort(), stale: [...cooked.stale, ...generated.stale].sort() });
  const clean = !outcome.diagnostics.some((d) => d.severity === 'error') && outcome.stale.length === 0;
  if (clean && useCache) writeStamp(stampOptions, catalog, generatedFiles(ctx.root), { startedAt, previous: stamp });
  return report(ctx, check, outcome);
}

/** What the last generation wrote, from its manifest. */
function generatedFiles(root: string): string[] {
  try {
    return (JSON.parse(readFileSync(join(root, GENERATED_MANIFEST), 'utf8')) as { files: string[] }).files;
  } catch {
    return [];
  }
}

function report(ctx: CommandContext, check: boolean, report: GenerateReport): number {
  const problems = report.diagnostics ?? [];
  if (problems.length > 0 && !ctx.json) {
    ctx.out.diagnostics(problems);
    if (problems.some((d) => d.severity === 'error')) {
      ctx.out.err('nothing was generated');
      return EXIT_CATALOG_ERRORS;
    }
  }
  if (ctx.json) {
    if (problems.some((d) => d.severity === 'error')) {
      ctx.out.json({ check, ...report, ok: false });
      return EXIT_CATALOG_ERRORS;
    }
    ctx.out.json({ check, ...report, ok: !check || report.stale.length === 0 });
    return check && report.stale.length > 0 ? EXIT_CATALOG_ERRORS : EXIT_OK;
  }
  if (check) {
    if (report.stale.length === 0) {
      ctx.out.out(`${ctx.out.paint('green', 'ok')}: generated files are up to date (${plural(report.unchanged, 'file')})`);
      return EXIT_OK;
    }
    for (const f of report.stale) ctx.out.err(`${f}: stale: run \`pnpm gen\` and commit the result`);
    ctx.out.err(`${plural(report.stale.length, 'stale file')}`);
    return EXIT_CATALOG_ERRORS;
  }
  for (const f of report.written) ctx.out.out(`wrote   ${f}`);
  for (const f of report.removed) ctx.out.out(`removed ${f}`);
  ctx.out.out(`${plural(report.written.length, 'file')} written, ${report.removed.length} removed, ${report.unchanged} unchanged`);
  return EXIT_OK;
}
