/**
 * The catalog-wide rules no single file can check, as a pure function from validated layers to
 * FlowsTo edges plus diagnostics (never printing). The class rules, as schemas/README.md states them:
 *
 * - `build_base` of every class: an external pinned image or a `toolchain` layer — the build stage
 *   needs a compiler; a dependency cache or a prefix of libraries is not one.
 * - `runtime_base`: `scratch`, an external pinned image, or any layer (a source-dep ships in its
 *   toolchain so it can be used FROM; a native-dep ships in scratch as a bare prefix).
 * - `donors`: `source-dep` or `native-dep` layers only — a donor contributes its outputs with
 *   `COPY --from`; a toolchain is a base, never copied piecemeal.
 * - a layer builds only for platforms every parent (any role) is built for.
 */
import type { LayerFileKind, Position } from '../load/index.js';
import { diagnostic, type BaseRef, type Diagnostic, type ExternalBase, type FlowsTo, type LayerClass, type Role } from '../model/index.js';
import type { ValidLayerFiles } from '../validate/index.js';
import { LayerGraph, byName } from './layer-graph.js';
import { isLayerReference, isPinned, parseBaseRef } from './refs.js';

export interface GraphInput {
  /** Every layer folder found, valid or not: a reference to a broken layer is not "unknown". */
  readonly known: ReadonlySet<string>;
  /** Layers whose files validated, by folder name. */
  readonly layers: ReadonlyMap<string, ValidLayerFiles>;
  readonly position: (layer: string, kind: LayerFileKind, path: readonly (string | number)[]) => Position;
}

export interface GraphResult {
  readonly graph: LayerGraph;
  /** Sorted by (to, role, from). */
  readonly edges: FlowsTo[];
  readonly externalBases: ExternalBase[];
  readonly bases: ReadonlyMap<string, { build: BaseRef; runtime: BaseRef }>;
  readonly diagnostics: Diagnostic[];
}

const ROLE_ORDER: Record<Role, number> = { build_base: 0, runtime_base: 1, donor: 2 };

export function buildGraph(input: GraphInput): GraphResult {
  const diagnostics: Diagnostic[] = [];
  const edges: FlowsTo[] = [];
  const externals = new Map<string, ExternalBase>();
  const bases = new Map<string, { build: BaseRef; runtime: BaseRef }>();
  const names = [...input.layers.keys()].sort(byName);
  const at = (layer: string, kind: LayerFileKind, path: (string | number)[]): Position => input.position(layer, kind, path);

  // Names: each file's `name` equals its folder, and no two layers claim one name.
  const claimed = new Map<string, string>();
  for (const folder of names) {
    const { directives, workflow } = input.layers.get(folder)!;
    for (const [kind, name, what] of [
      ['build', directives.name, 'build_directives.ncl'],
      ['workflow', workflow.name, 'workflow.ncl'],
    ] as const) {
      if (name !== folder) diagnostics.push(diagnostic('graph/name-mismatch', at(folder, kind, ['name']), { what, name, folder }));
    }
    const other = claimed.get(directives.name);
    if (other !== undefined) {
      diagnostics.push(diagnostic('graph/duplicate-name', at(folder, 'build', ['name']), { name: directives.name, other: `layers/${other}` }));
    } else claimed.set(directives.name, folder);
  }

  const classOf = (name: string): LayerClass | undefined => input.layers.get(name)?.directives.class;

  for (const folder of names) {
    const { workflow } = input.layers.get(folder)!;
    const refs: { role: Role; ref: string; path: (string | number)[] }[] = [
      { role: 'build_base', ref: workflow.build_base, path: ['build_base'] },
      { role: 'runtime_base', ref: workflow.runtime_base, path: ['runtime_base'] },
      ...workflow.donors.map((ref, i) => ({ role: 'donor' as const, ref, path: ['donors', i] })),
    ];
    const build = parseBaseRef(workflow.build_base);
    const runtime = parseBaseRef(workflow.runtime_base);
    bases.set(folder, { build, runtime });
    for (const { role, ref, path } of refs) {
      // Positions are looked up only for a diagnostic: finding one may evaluate the layer.
      const where = (): Position => at(folder, 'workflow', path);
      const roleName = role === 'donor' ? 'donor' : role;
      if (role === 'runtime_base' && ref === 'scratch') continue;
      if (!isLayerReference(ref)) {
        if (role === 'donor') {
          diagnostics.push(diagnostic('graph/donor-external', where(), { ref }));
          continue;
        }
        const ext = parseBaseRef(ref) as ExternalBase;
        if (!isPinned(ext)) diagnostics.push(diagnostic('graph/unpinned-base', where(), { role: roleName, ref }));
        else if (ext.digest === undefined) diagnostics.push(diagnostic('graph/unpinned-digest', where(), { role: roleName, ref }, 'warning'));
        externals.set(ref, ext);
        continue;
      }
      if (ref === folder) {
        diagnostics.push(diagnostic('graph/self-reference', where(), { role: roleName, layer: folder }));
        continue;
      }
      if (!input.known.has(ref) || (role === 'build_base' && ref === 'scratch')) {
        diagnostics.push(diagnostic('graph/unknown-reference', where(), { role: roleName, ref }));
        continue;
      }
      const parentClass = classOf(ref);
      if (parentClass === undefined) continue; // the parent is broken; its own diagnostics say why
      if (role === 'build_base' && parentClass !== 'toolchain') {
        diagnostics.push(diagnostic('graph/build-base-class', where(), { parent: ref, parentClass }));
      }
      if (role === 'donor' && parentClass === 'toolchain') {
        diagnostics.push(diagnostic('graph/donor-class', where(), { parent: ref, parentClass }));
      }
      edges.push({ from: ref, to: folder, kind: 'FlowsTo', role });
      const parentPlatforms = input.layers.get(ref)!.workflow.platforms;
      const missing = workflow.platforms.filter((p) => !parentPlatforms.includes(p));
      if (missing.length > 0) {
        diagnostics.push(
          diagnostic('graph/platforms-not-subset', at(folder, 'workflow', ['platforms']), {
            missing: missing.map((p) => `\`${p}\``).join(', '),
            layer: folder,
            role: roleName,
            parent: ref,
            parentPlatforms: parentPlatforms.join(', '),
          }),
        );
      }
    }
  }

  edges.sort((a, b) => byName(a.to, b.to) || ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || byName(a.from, b.from));
  const graph = new LayerGraph(names, edges);
  for (const cycle of graph.cycles()) {
    // Reported at the edge that closes the cycle into its first layer.
    const [first, ...rest] = cycle;
    const last = rest[rest.length - 2] ?? first!;
    const edge = edges.find((e) => e.from === last && e.to === first);
    const wf = input.layers.get(first!)!.workflow;
    const path: (string | number)[] = edge?.role === 'donor' ? ['donors', wf.donors.indexOf(last)] : [edge?.role ?? 'build_base'];
    diagnostics.push(diagnostic('graph/cycle', at(first!, 'workflow', path), { path: cycle.join(' → ') }));
  }
  return {
    graph,
    edges,
    externalBases: [...externals.values()].sort((a, b) => byName(a.ref, b.ref)),
    bases,
    diagnostics,
  };
}
