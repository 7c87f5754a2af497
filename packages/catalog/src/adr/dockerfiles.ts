/**
 * Edges explicit, checked on the generated files: every FROM and `COPY --from` image in
 * `generated/dockerfiles/<layer>.Dockerfile` must be a declared FlowsTo parent of that layer (by
 * its canonical reference) or one of the layer's pinned external bases, so the ontology and the
 * Dockerfiles cannot drift. Stage names of the same Dockerfile are not edges. Parsed with
 * dockerfile-ast (a real parser: continuations, flags, `AS` all handled), loaded only here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalRef, imageTags } from '../generate/refs.js';
import type { Catalog } from '../model/index.js';

export const DOCKERFILES_DIR = 'generated/dockerfiles';

export interface EdgeProblem {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

export async function dockerfileEdgeProblems(catalog: Catalog): Promise<EdgeProblem[]> {
  const { DockerfileParser } = await import('dockerfile-ast');
  const problems: EdgeProblem[] = [];
  let present: string[];
  try {
    present = readdirSync(join(catalog.root, DOCKERFILES_DIR)).filter((f) => f.endsWith('.Dockerfile')).sort();
  } catch {
    present = [];
  }
  const layerNames = new Set(catalog.layers.map((l) => l.name));
  for (const f of present) {
    const name = f.slice(0, -'.Dockerfile'.length);
    if (!layerNames.has(name)) problems.push({ file: `${DOCKERFILES_DIR}/${f}`, line: 1, col: 1, message: `\`${f}\` belongs to no layer of the catalog (a stale generated file: run \`lamina gen\`)` });
  }
  const presentSet = new Set(present);
  for (const layer of catalog.layers) {
    const rel = `${DOCKERFILES_DIR}/${layer.name}.Dockerfile`;
    if (!presentSet.has(`${layer.name}.Dockerfile`)) {
      problems.push({ file: rel, line: 0, col: 0, message: `layer \`${layer.name}\` has no generated Dockerfile (run \`lamina gen\`)` });
      continue;
    }
    // What the layer may name: each parent's references (one FlowsTo edge per role), its external bases.
    const allowed = new Map<string, string>();
    for (const e of catalog.edges) {
      if (e.to !== layer.name) continue;
      const parent = catalog.layer(e.from);
      if (!parent) continue;
      for (const ref of [canonicalRef(parent), ...imageTags(parent)]) allowed.set(ref, `FlowsTo ${e.from} → ${e.to} (${e.role})`);
    }
    for (const base of [layer.buildBase, layer.runtimeBase]) {
      if (base.kind !== 'layer') allowed.set(base.ref, base.kind === 'scratch' ? 'scratch' : `pinned base ${base.ref}`);
    }
    const text = readFileSync(join(catalog.root, rel), 'utf8');
    const dockerfile = DockerfileParser.parse(text);
    const stages = new Set<string>();
    const judge = (image: string | null, what: string, at: { line: number; character: number } | undefined): void => {
      const line = (at?.line ?? 0) + 1;
      const col = (at?.character ?? 0) + 1;
      if (image === null || image === '') {
        problems.push({ file: rel, line, col, message: `${what} names no image` });
        return;
      }
      if (stages.has(image.toLowerCase()) || /^\d+$/.test(image) || allowed.has(image)) return;
      const why = image.includes('$') ? 'is computed from a variable, which cannot be checked against the graph' : `is not a declared FlowsTo edge nor a pinned base of \`${layer.name}\``;
      problems.push({ file: rel, line, col, message: `${what} \`${image}\` ${why}` });
    };
    for (const instruction of dockerfile.getInstructions()) {
      const keyword = instruction.getKeyword();
      if (keyword === 'FROM') {
        const from = instruction as import('dockerfile-ast').From;
        judge(from.getImage(), 'FROM', from.getImageRange()?.start);
        const stage = from.getBuildStage();
        if (stage) stages.add(stage.toLowerCase());
      } else if (keyword === 'COPY') {
        const flag = (instruction as import('dockerfile-ast').Copy).getFromFlag();
        if (flag) judge(flag.getValue(), 'COPY --from', (flag.getValueRange() ?? flag.getRange()).start);
      }
    }
  }
  return problems;
}
