/**
 * Where a generation refusal points. safety.ts names the refused field (`build.flags[2]`,
 * `labels.org.example`, `env.(key "A\nB")`) in the layer's file but cannot say where it is written;
 * here the field is found in the layer's value and placed at its definition in the `.ncl` file
 * (the layer's, or a catalog file it imports the value from) — the same lookup that places schema
 * errors (LoadedCatalog.definitionOf). Without it (a Catalog
 * built by other means), or for a field that cannot be found, the diagnostic keeps its file only.
 */
import type { Catalog, Diagnostic, Layer } from '../model/index.js';

type Segment = string | number;
type DefinitionOf = (layer: string, kind: 'build' | 'workflow', path: readonly Segment[]) => { file: string; line: number; col: number };

export function placeRefusals(catalog: Catalog, layer: Layer, diagnostics: Diagnostic[]): Diagnostic[] {
  const definitionOf = (catalog as { definitionOf?: DefinitionOf }).definitionOf;
  if (typeof definitionOf !== 'function' || diagnostics.length === 0) return diagnostics;
  return diagnostics.map((d) => {
    if (d.code !== 'generate/unsafe-value' || d.line > 0) return d;
    const kind = d.file === `${layer.dir}/workflow.ncl` ? 'workflow' : d.file === `${layer.dir}/build_directives.ncl` ? 'build' : undefined;
    if (!kind) return d;
    const path = refusedPath(kind === 'build' ? layer.directives : layer.workflow, d.message);
    if (!path) return d;
    // Possibly another catalog file: a layer may import part of its value.
    const at = definitionOf(layer.name, kind, path);
    return { ...d, file: at.file, line: at.line, col: at.col };
  });
}

/**
 * The path of the field a refusal's message (`<field>: <reason>`) names, written as safety.ts
 * writes fields: `a.b[0].c`, and `a.(key "k")` for a key itself. The longest matching field wins
 * (keys may contain dots).
 */
export function refusedPath(value: unknown, message: string): Segment[] | undefined {
  let best: { field: string; path: Segment[] } | undefined;
  const consider = (field: string, path: Segment[]): void => {
    if (message.startsWith(`${field}: `) && (!best || field.length > best.field.length)) best = { field, path };
  };
  const walk = (v: unknown, field: string, path: Segment[]): void => {
    if (field !== '' && !message.startsWith(field)) return;
    if (field !== '') consider(field, path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${field}[${i}]`, [...path, i]));
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const prefix = field === '' ? '' : `${field}.`;
        consider(`${prefix}(key ${JSON.stringify(k)})`, [...path, k]);
        walk(x, `${prefix}${k}`, [...path, k]);
      }
    }
  };
  walk(value, '', []);
  return best?.path;
}
