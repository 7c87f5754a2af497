/**
 * Image references between layers. A generated Dockerfile names a catalog layer by its fully
 * qualified canonical reference, `<registry>/<name>:<first tag>`, in FROM and `COPY --from`; the
 * bake file maps exactly that string to `target:<name>` in the target's `contexts`, so a bake build
 * uses the freshly built parent while a plain `docker build` pulls the published one.
 */
import type { BaseRef, Catalog, Layer } from '../model/index.js';

/** `daoreg.librecloud.online/lamina/rust:1.88.0`. */
export function canonicalRef(layer: Layer): string {
  return `${layer.workflow.registry}/${layer.name}:${layer.workflow.tags[0]}`;
}

/**
 * Every tag the layer is pushed as, fully qualified: the workflow's tags in order, then the
 * content tag `fp-<fingerprint>`. The workflow's tags move when a layer is rebuilt; the content
 * tag names one build of one set of inputs, so "is this exact layer built?" is a tag lookup.
 */
export function imageTags(layer: Layer): string[] {
  return [...layer.workflow.tags.map((t) => `${layer.workflow.registry}/${layer.name}:${t}`), fingerprintRef(layer)];
}

/** `<registry>/<name>:fp-<fingerprint>` (a tag holds up to 128 characters; this one 67). */
export function fingerprintRef(layer: Layer): string {
  return `${layer.workflow.registry}/${layer.name}:fp-${layer.fingerprint}`;
}

/** What a FROM line says for a base: the layer's canonical reference, the pinned image, or `scratch`. */
export function baseImage(catalog: Catalog, base: BaseRef): string {
  if (base.kind === 'layer') return canonicalRef(requireLayer(catalog, base.name));
  return base.ref;
}

export function requireLayer(catalog: Catalog, name: string): Layer {
  const layer = catalog.layer(name);
  if (!layer) throw new Error(`layer \`${name}\` is not in the catalog`);
  return layer;
}

/**
 * The value of an environment variable a layer's image has: its own `env`, else its build base's
 * (a FROM inherits the parent image's ENV), up the chain of catalog layers. Undefined when no
 * catalog layer on the way sets it (an external base's environment is not known here).
 */
export function inheritedEnv(catalog: Catalog, layer: Layer, key: string): string | undefined {
  const seen = new Set<string>();
  let current: Layer | undefined = layer;
  while (current && !seen.has(current.name)) {
    seen.add(current.name);
    const env = 'env' in current.directives ? current.directives.env : {};
    if (Object.hasOwn(env, key)) return env[key];
    current = current.buildBase.kind === 'layer' ? catalog.layer(current.buildBase.name) : undefined;
  }
  return undefined;
}

/** The inter-layer references a layer's Dockerfile makes: build base, runtime base, donors. */
export function referencedLayers(layer: Layer): string[] {
  const names = new Set<string>();
  if (layer.buildBase.kind === 'layer') names.add(layer.buildBase.name);
  if (layer.runtimeBase.kind === 'layer') names.add(layer.runtimeBase.name);
  for (const d of layer.workflow.donors) names.add(d);
  return [...names].sort();
}
