/**
 * `lamina validate`: every check, nothing written — the catalog's (Nickel, JSON Schema, graph),
 * the cook manifests', and everything `lamina gen` would refuse. Fast enough for a pre-commit hook.
 * When nothing it read has changed since a validation without errors, that validation's outcome
 * is said again from its stamp (generate/stamp.ts), without loading the catalog.
 */
import { diagnostic, loadCatalogAsync, type Diagnostic, type LoadedCatalog } from '../../index.js';
import { cookManifestFile, isSourceDep, readCookManifest } from '../../reuse/manifest.js';
import { GenStamp, writeStamp, type StampOptions } from '../../generate/stamp.js';
import { EXIT_CATALOG_ERRORS, EXIT_OK, type CommandContext } from '../context.js';
import { catalogOptions, plural } from './common.js';

/** What a validation concluded: what is printed, and what its stamp keeps. */
interface Outcome {
  readonly ok: boolean;
  readonly layers: number;
  readonly edges: number;
  readonly waves: number;
  readonly diagnostics: readonly Diagnostic[];
}

export default async function validate(ctx: CommandContext): Promise<number> {
  const useCache = ctx.invocation.values['no-cache'] !== true;
  const stampOptions: StampOptions = { root: ctx.root, options: '', command: 'validate' };
  const startedAt = Date.now();
  const stamp = useCache ? GenStamp.read(stampOptions) : undefined;
  const kept = stamp?.outcome as Outcome | undefined;
  if (kept?.ok === true && stamp!.unchanged() !== undefined) return report(ctx, kept);

  const catalog = await loadCatalogAsync(ctx.root, catalogOptions(ctx));
  // A cook manifest that no longer matches its recipe would make suggest predict from another
  // recipe: caught here, before the commit (`lamina gen` refreshes it).
  const stale = catalog.ok ? staleCookManifests(catalog) : [];
  // Loaded only for a sound catalog: the templates and their renderer are gen's.
  const refused = catalog.ok ? (await import('../../generate/problems.js')).generationProblems(catalog, catalog.root) : [];
  const diagnostics = [...catalog.diagnostics, ...stale, ...refused];
  const ok = catalog.ok && stale.length === 0 && !refused.some((d) => d.severity === 'error');
  const outcome: Outcome = { ok, layers: catalog.layers.length, edges: catalog.edges.length, waves: ok ? catalog.buildWaves().length : 0, diagnostics };
  if (ok && useCache) writeStamp(stampOptions, catalog, [], { startedAt, previous: stamp, outcome });
  return report(ctx, outcome);
}

function report(ctx: CommandContext, { ok, layers, edges, waves, diagnostics }: Outcome): number {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (ctx.json) {
    ctx.out.json({ ok, layers, edges, errors, warnings, diagnostics });
    return ok ? EXIT_OK : EXIT_CATALOG_ERRORS;
  }
  ctx.out.diagnostics(diagnostics);
  if (!ok) {
    ctx.out.err(`${plural(errors, 'error')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}`);
    return EXIT_CATALOG_ERRORS;
  }
  ctx.out.out(
    `${ctx.out.paint('green', 'ok')}: ${plural(layers, 'layer')}, ${plural(edges, 'edge')}, ${plural(waves, 'wave')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}`,
  );
  return EXIT_OK;
}

function staleCookManifests(catalog: LoadedCatalog): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const layer of catalog.layers) {
    if (!isSourceDep(layer)) continue;
    const state = readCookManifest(catalog, layer);
    const at = { file: cookManifestFile(layer), line: 1, col: 1 };
    if (state.state === 'stale') out.push(diagnostic('reuse/manifest-stale', at, { layer: layer.name }));
    if (state.state === 'invalid') out.push(diagnostic('reuse/manifest-invalid', at, { layer: layer.name, reason: state.message }));
  }
  return out;
}
