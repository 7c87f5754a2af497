/**
 * Keeping cook manifests in step with their recipes, for `lamina gen`. A manifest that exists but
 * no longer matches its recipe is asked of cargo again; a missing one is made only when asked
 * (`--cook-manifests`: a catalog opts in per layer by committing it, so synthetic or test catalogs
 * never need cargo). Under `check` nothing is written: the manifests to refresh are stale.
 */
import { diagnostic, type Catalog, type Diagnostic } from '../model/index.js';
import { computeCookManifest, cookManifestFile, isSourceDep, readCookManifest, writeCookManifest } from './manifest.js';

export interface RefreshOptions {
  /** Make the manifests of source-dep layers that have none. */
  readonly create: boolean;
  readonly check: boolean;
  readonly cargo?: string;
}

export interface RefreshReport {
  /** Root-relative manifest files written (or, under `check`, that would be). */
  readonly written: string[];
  readonly stale: string[];
  readonly diagnostics: Diagnostic[];
}

export function refreshCookManifests(catalog: Catalog, opts: RefreshOptions): RefreshReport {
  const report: RefreshReport = { written: [], stale: [], diagnostics: [] };
  for (const layer of catalog.layers) {
    if (!isSourceDep(layer)) continue;
    const file = cookManifestFile(layer);
    const state = readCookManifest(catalog, layer);
    if (state.state === 'fresh' || (state.state === 'missing' && !opts.create)) continue;
    if (opts.check) {
      report.stale.push(file);
      continue;
    }
    const computed = computeCookManifest(catalog, layer, opts.cargo !== undefined ? { cargo: opts.cargo } : {});
    if (!computed.ok) {
      report.diagnostics.push(
        diagnostic('reuse/cargo-failed', { file: `${layer.dir}/build_directives.ncl`, line: 1, col: 1 }, { layer: layer.name, reason: computed.message }),
      );
      continue;
    }
    if (writeCookManifest(catalog, layer, computed.manifest)) report.written.push(file);
  }
  return report;
}
