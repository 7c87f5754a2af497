/**
 * Everything generation would refuse — unsafe values (at their definitions), unreadable or broken
 * templates, a render that fails — found without writing a file: what `lamina validate` adds to
 * the catalog's own checks, so the pre-commit gate catches all that `lamina gen` would stop on.
 * The render memo answers for what rendered before (the same templates, the same layer values),
 * so an unchanged catalog is checked without rendering.
 */
import { hasErrors, sortDiagnostics, type Catalog, type Diagnostic } from '../model/index.js';
import { bakeFile } from './bake.js';
import { hclView } from './hcl.js';
import { placeRefusals } from './refusal-position.js';
import { checkLayer } from './safety.js';
import { loadTemplates, TemplateRenderError } from './templates.js';

export interface CheckedCatalog extends Catalog {
  renderProblems(name: string): readonly Diagnostic[];
  readonly templates: { knownGood(): boolean; good(): void };
}

export function generationProblems(catalog: CheckedCatalog, root: string): Diagnostic[] {
  const unsafe = catalog.layers.flatMap((layer) => placeRefusals(catalog, layer, checkLayer(layer)));
  if (hasErrors(unsafe)) return sortDiagnostics(unsafe);
  const known = catalog.templates.knownGood();
  // Templates that did not compile before: their own errors first, every file at once.
  const loaded = known ? undefined : loadTemplates(root, false);
  if (loaded && !loaded.ok) return sortDiagnostics([...unsafe, ...loaded.diagnostics]);
  for (const layer of catalog.layers) {
    const problems = catalog.renderProblems(layer.name);
    if (problems.length > 0) return sortDiagnostics([...unsafe, ...problems]);
  }
  if (loaded?.ok) {
    try {
      loaded.templates.bakeHcl(hclView(bakeFile(catalog)));
    } catch (e) {
      if (e instanceof TemplateRenderError) return sortDiagnostics([...unsafe, e.diagnostic]);
      throw e;
    }
    catalog.templates.good();
  }
  return sortDiagnostics(unsafe);
}
