/**
 * Which layers are published: each layer's content tag (`fp-<fingerprint>`) looked up in its
 * registry, or in the one given instead (a fork, a mirror, a loopback registry). Lookups run
 * concurrently, a bounded number at a time; the first registry error stops the whole answer (a
 * status with holes would read as "missing").
 */
import type { Catalog, Layer } from '../model/index.js';
import { parseRef, RegistryClient } from './client.js';

export interface LayerStatus {
  readonly name: string;
  readonly fingerprint: string;
  /** The content-tagged reference looked up. */
  readonly ref: string;
  readonly state: 'built' | 'missing';
  readonly digest: string | null;
}

export interface StatusOptions {
  /** Replaces every layer's `registry` (`127.0.0.1:5000/lamina`; `http://…` for plain HTTP). */
  readonly registry?: string;
  /** Lookups in flight at once (default 16). */
  readonly concurrency?: number;
  readonly client?: RegistryClient;
  /** Only these layers (default: all). */
  readonly layers?: readonly string[];
}

/** The content-tagged reference of a layer, in its registry or `registry`. */
export function contentRef(layer: Layer, registry?: string): string {
  return `${(registry ?? layer.workflow.registry).replace(/\/+$/, '')}/${layer.name}:fp-${layer.fingerprint}`;
}

export async function catalogStatus(catalog: Catalog, opts: StatusOptions = {}): Promise<LayerStatus[]> {
  const client = opts.client ?? new RegistryClient();
  const wanted = opts.layers ? new Set(opts.layers) : undefined;
  const layers = catalog.layers.filter((l) => !wanted || wanted.has(l.name));
  const lookups = layers.map((layer) => {
    const ref = contentRef(layer, opts.registry);
    return { layer, ref, parsed: parseRef(ref) };
  });
  const out: LayerStatus[] = new Array(layers.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < layers.length) {
      const i = next++;
      const lookup = lookups[i];
      if (lookup === undefined) break; // never: i < layers.length
      const { layer, ref, parsed } = lookup;
      const found = await client.lookup(parsed);
      out[i] = {
        name: layer.name,
        fingerprint: layer.fingerprint,
        // The reference as users write it: without the scheme that only tells lamina how to connect.
        ref: ref.replace(/^https?:\/\//, ''),
        state: found.state,
        digest: found.state === 'built' ? found.digest : null,
      };
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 16, layers.length) }, worker));
  } finally {
    if (!opts.client) client.close();
  }
  return out;
}
