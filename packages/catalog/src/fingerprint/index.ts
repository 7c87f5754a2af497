/**
 * Fingerprints: a sha256 over what BuildKit will see when it builds a layer, so an unchanged
 * fingerprint means "no rebuild needed" and names the image (`…:fp-<fingerprint>`). It covers
 *
 * - the generated Dockerfile's bytes (its own fingerprint label reading `self`),
 * - the build context's files as sent (paths and content hashes, after the ignore file generated
 *   beside the Dockerfile), and that ignore file,
 * - the secret ids (never values), the build arguments and the platforms,
 * - its parents' fingerprints (with their roles), so a change flows down the graph.
 *
 * The Nickel sources, the templates and the schemas count only through what they render (see
 * build-input.ts); the result is the same on every machine and checkout.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FlowsTo, LayerClass } from '../model/index.js';
import type { BuildInput } from './build-input.js';
import { byName } from '../model/order.js';

export { canonicalJson } from './canonical.js';
export { BuildInputs, SELF_FINGERPRINT, type BuildInput, type ContextFile } from './build-input.js';
export { FileHashes } from './file-hashes.js';
export { RenderMemo } from './render-memo.js';

export const SHORT_FINGERPRINT_LENGTH = 12;

export function shortFingerprint(fingerprint: string): string {
  return fingerprint.slice(0, SHORT_FINGERPRINT_LENGTH);
}

/** The template files each class uses, relative to the root, sorted (only those that exist). */
export function templateFilesByClass(root: string): Record<LayerClass, string[]> {
  let partials: string[];
  try {
    partials = readdirSync(join(root, 'templates/dockerfile/partials'))
      .filter((f) => f.endsWith('.hbs'))
      .map((f) => `templates/dockerfile/partials/${f}`);
  } catch {
    partials = [];
  }
  const forClass = (cls: LayerClass): string[] => {
    const main = `templates/dockerfile/${cls}.hbs`;
    return (existsSync(join(root, main)) ? [main, ...partials] : [...partials]).sort(byName);
  };
  return { toolchain: forClass('toolchain'), 'source-dep': forClass('source-dep'), 'native-dep': forClass('native-dep') };
}

/** Every file `files` import, transitively, through the import graph (excluding `files`). */
export function importClosure(files: readonly string[], importGraph: ReadonlyMap<string, readonly string[]>): string[] {
  const seen = new Set<string>(files);
  const stack = [...files];
  while (stack.length > 0) {
    for (const next of importGraph.get(stack.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  for (const f of files) seen.delete(f);
  return [...seen].sort(byName);
}

export interface ParentFingerprint {
  readonly edge: FlowsTo;
  readonly fingerprint: string;
}

export function fingerprintOf(input: BuildInput, parents: readonly ParentFingerprint[]): string {
  const h = createHash('sha256');
  h.update('lamina-fingerprint v2\n');
  // The Dockerfile by its digest (the render memo may know it without rendering), texts with their lengths.
  h.update(`${input.unrenderable ? 'unrenderable' : 'dockerfile'} ${input.dockerfileDigest.bytes} ${input.dockerfileDigest.sha256}\n`);
  h.update(`ignore ${Buffer.byteLength(input.ignoreFile)}\n`).update(input.ignoreFile);
  h.update('\n');
  for (const f of input.context) h.update(`context ${JSON.stringify(f.path)} ${f.sha256}\n`);
  for (const id of [...input.secretIds].sort(byName)) h.update(`secret ${JSON.stringify(id)}\n`);
  for (const k of Object.keys(input.args).sort(byName)) h.update(`arg ${JSON.stringify(k)} ${JSON.stringify(input.args[k])}\n`);
  h.update(`platforms ${JSON.stringify(input.platforms)}\n`);
  const sorted = [...parents].sort((a, b) => byName(a.edge.role, b.edge.role) || byName(a.edge.from, b.edge.from));
  for (const p of sorted) h.update(`parent ${p.edge.role} ${p.edge.from} ${p.fingerprint}\n`);
  return h.digest('hex');
}
