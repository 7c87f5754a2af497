/**
 * Edges explicit, checked on the generated files: every FROM and `COPY --from` image in
 * `generated/dockerfiles/<layer>.Dockerfile` must be a declared FlowsTo parent of that layer (by
 * one of its image references) or one of the layer's pinned external bases, so the ontology and
 * the Dockerfiles cannot drift. Stage names of the same Dockerfile are not edges. Parsed with
 * dockerfile-ast (a real parser: continuations, flags, `AS` all handled), loaded only on a cache miss.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as DockerfileAst from 'dockerfile-ast';
import { canonicalRef, imageTags } from '../generate/refs.js';
import { readCacheJson, rootCacheFile, writeCacheFile } from '../cache/files.js';
import type { Catalog } from '../model/index.js';
import { DOCKERFILES_DIR, dockerfilePath } from '../generate/bake.js';

const REFS_FORMAT = 'lamina-dockerfile-refs 1';

export interface EdgeProblem {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

/** An image named by a FROM (with its stage name, `''` when none) or by a `COPY --from`. */
export interface ImageRef {
  readonly what: 'FROM' | 'COPY --from';
  readonly image: string | null;
  readonly line: number;
  readonly col: number;
  readonly stage?: string;
}

export function dockerfileEdgeProblems(catalog: Catalog, opts: { cacheDir?: string | false } = {}): EdgeProblem[] {
  const refs = new RefCache(catalog.root, opts.cacheDir);
  const problems: EdgeProblem[] = [];
  let present: string[];
  try {
    present = readdirSync(join(catalog.root, DOCKERFILES_DIR))
      .filter((f) => f.endsWith('.Dockerfile'))
      .sort();
  } catch {
    present = [];
  }
  const layerNames = new Set(catalog.layers.map((l) => l.name));
  for (const f of present) {
    const name = f.slice(0, -'.Dockerfile'.length);
    if (!layerNames.has(name))
      problems.push({
        file: `${DOCKERFILES_DIR}/${f}`,
        line: 1,
        col: 1,
        message: `\`${f}\` belongs to no layer of the catalog (a stale generated file: run \`lamina gen\`)`,
      });
  }
  const presentSet = new Set(present);
  for (const layer of catalog.layers) {
    const rel = dockerfilePath(layer.name);
    if (!presentSet.has(`${layer.name}.Dockerfile`)) {
      problems.push({ file: rel, line: 0, col: 0, message: `layer \`${layer.name}\` has no generated Dockerfile (run \`lamina gen\`)` });
      continue;
    }
    // What the layer may name: its parents' references (FlowsTo edges into it), its external bases.
    const allowed = new Set<string>();
    for (const e of catalog.edges) {
      if (e.to !== layer.name) continue;
      const parent = catalog.layer(e.from);
      if (parent) for (const ref of [canonicalRef(parent), ...imageTags(parent)]) allowed.add(ref);
    }
    for (const base of [layer.buildBase, layer.runtimeBase]) if (base.kind !== 'layer') allowed.add(base.ref);
    const stages = new Set<string>();
    for (const ref of refs.of(readFileSync(join(catalog.root, rel), 'utf8'))) {
      judge(layer.name, rel, allowed, stages, ref, problems);
      if (ref.stage) stages.add(ref.stage.toLowerCase());
    }
  }
  refs.save();
  return problems;
}

function judge(layer: string, file: string, allowed: ReadonlySet<string>, stages: ReadonlySet<string>, ref: ImageRef, out: EdgeProblem[]): void {
  const { what, image, line, col } = ref;
  if (image === null || image === '') {
    out.push({ file, line, col, message: `${what} names no image` });
    return;
  }
  // A stage counts only once defined above; `COPY --from=0` names a stage by index.
  if (stages.has(image.toLowerCase()) || (what === 'COPY --from' && /^\d+$/.test(image)) || allowed.has(image)) return;
  const why = image.includes('$')
    ? 'is computed from a variable, which cannot be checked against the graph'
    : `is not a declared FlowsTo edge nor a pinned base of \`${layer}\``;
  out.push({ file, line, col, message: `${what} \`${image}\` ${why}` });
}

/** The references of one Dockerfile, in order. */
export function parseImageRefs(text: string): ImageRef[] {
  const { DockerfileParser } = createRequire(import.meta.url)('dockerfile-ast') as typeof DockerfileAst;
  const out: ImageRef[] = [];
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      const from = instruction as DockerfileAst.From;
      const at = from.getImageRange()?.start ?? from.getRange().start;
      out.push({ what: 'FROM', image: from.getImage(), line: at.line + 1, col: at.character + 1, stage: from.getBuildStage() ?? '' });
    } else if (keyword === 'COPY') {
      const flag = (instruction as DockerfileAst.Copy).getFromFlag();
      if (!flag) continue;
      const at = (flag.getValueRange() ?? flag.getRange()).start;
      out.push({ what: 'COPY --from', image: flag.getValue(), line: at.line + 1, col: at.character + 1 });
    }
  }
  return out;
}

/**
 * Parsed references by content hash, kept in the user's lamina cache: dockerfile-ast takes ~0.3 s
 * to warm up and generated files rarely change between commits, so the parser is loaded only for
 * a file not seen before. An optimisation only: unreadable or unwritable, it is ignored.
 */
class RefCache {
  private readonly file: string | undefined;
  private readonly previous: Record<string, ImageRef[]> = {};
  private readonly next: Record<string, ImageRef[]> = {};
  private changed = false;

  constructor(root: string, cacheDir: string | false | undefined) {
    this.file = rootCacheFile(cacheDir, 'dockerfile-refs', root);
    const data = readCacheJson<{ format?: string; refs?: Record<string, ImageRef[]> }>(this.file);
    if (data?.format === REFS_FORMAT && data.refs) this.previous = data.refs;
  }

  of(text: string): ImageRef[] {
    const key = sha256(text);
    const known = this.previous[key] ?? this.next[key];
    if (known) return (this.next[key] = known);
    this.changed = true;
    return (this.next[key] = parseImageRefs(text));
  }

  save(): void {
    if (!this.file || (!this.changed && Object.keys(this.next).length === Object.keys(this.previous).length)) return;
    writeCacheFile(this.file, JSON.stringify({ format: REFS_FORMAT, refs: this.next }));
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
