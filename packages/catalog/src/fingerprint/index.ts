/**
 * Fingerprints: a sha256 over everything that decides a layer's image, so an unchanged
 * fingerprint means "no rebuild needed" and the short form can tag the image. It covers
 *
 * - the evaluated build directives and workflow (canonical JSON),
 * - the class template `templates/dockerfile/<class>.hbs` and every partial
 *   `templates/dockerfile/partials/*.hbs` (those that exist),
 * - the layer's input files: every file under `layers/<name>/` and every file its two Nickel
 *   files import, transitively — as sorted root-relative paths with their contents' hashes, so the
 *   result is the same on every machine and checkout,
 * - its parents' fingerprints (with their roles), so a change flows down the graph.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FlowsTo, LayerClass } from '../model/index.js';
import { byName } from '../graph/layer-graph.js';
import { canonicalJson } from './canonical.js';

export { canonicalJson } from './canonical.js';

export const SHORT_FINGERPRINT_LENGTH = 12;

export function shortFingerprint(fingerprint: string): string {
  return fingerprint.slice(0, SHORT_FINGERPRINT_LENGTH);
}

/** Reads and hashes files once per catalog load (10,000 layers share `layers/catalog.ncl`). */
export class FileHashes {
  private readonly cache = new Map<string, string | undefined>();

  constructor(
    readonly root: string,
    /** Texts already read by the loader, relative to the root. */
    private readonly known: ReadonlyMap<string, string> = new Map(),
    /** Hashes the loader already computed. */
    private readonly knownHashes: ReadonlyMap<string, string | undefined> = new Map(),
  ) {}

  /** sha256 (hex) of a file's bytes, or undefined when it cannot be read. */
  hash(rel: string): string | undefined {
    if (this.cache.has(rel)) return this.cache.get(rel);
    const known = this.knownHashes.get(rel);
    if (known !== undefined) return known;
    let h: string | undefined;
    const text = this.known.get(rel);
    try {
      h = createHash('sha256')
        .update(text !== undefined ? Buffer.from(text, 'utf8') : readFileSync(join(this.root, rel)))
        .digest('hex');
    } catch {
      h = undefined;
    }
    this.cache.set(rel, h);
    return h;
  }
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

export interface FingerprintInput {
  readonly name: string;
  readonly directives: unknown;
  readonly workflow: unknown;
  /** Input files and template files, relative to the root. */
  readonly files: readonly string[];
  /** Edges into the layer, with the parents' fingerprints. */
  readonly parents: readonly { readonly edge: FlowsTo; readonly fingerprint: string }[];
}

export function fingerprintOf(input: FingerprintInput, hashes: FileHashes): string {
  const h = createHash('sha256');
  h.update('lamina-fingerprint v1\n');
  h.update(`directives ${canonicalJson(input.directives)}\n`);
  h.update(`workflow ${canonicalJson(input.workflow)}\n`);
  for (const f of [...input.files].sort(byName)) h.update(`file ${JSON.stringify(f)} ${hashes.hash(f) ?? 'unreadable'}\n`);
  const parents = [...input.parents].sort((a, b) => byName(a.edge.role, b.edge.role) || byName(a.edge.from, b.edge.from));
  for (const p of parents) h.update(`parent ${p.edge.role} ${p.edge.from} ${p.fingerprint}\n`);
  return h.digest('hex');
}
