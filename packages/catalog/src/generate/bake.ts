/**
 * The Buildx bake file as a typed object: one target per layer (context `layers/<name>`, its
 * generated Dockerfile, tags, platforms, registry cache, sccache secret), `contexts` mapping each
 * inter-layer reference the Dockerfile makes to `target:<layer>` (so bake builds parents first
 * and feeds them in), and groups `default` and one per class. Serialised as JSON with sorted keys;
 * the HCL twin is rendered from templates/bake.hcl.hbs (hcl.ts) from the same object.
 */
import { LAYER_CLASSES, type Catalog, type Layer } from '../model/index.js';
import { canonicalRef, imageTags, referencedLayers, requireLayer } from './refs.js';
import { byName } from '../model/order.js';

export interface BakeTarget {
  context: string;
  dockerfile: string;
  /** Image reference as written in the Dockerfile → `target:<layer>`. */
  contexts?: Record<string, string>;
  tags: string[];
  platforms: string[];
  'cache-from'?: string[];
  'cache-to'?: string[];
  secret?: string[];
  args: Record<string, string>;
  attest: string[];
  labels: Record<string, string>;
}

export interface BakeGroup {
  targets: string[];
}

export interface BakeFile {
  variable: Record<string, { default: string }>;
  group: Record<string, BakeGroup>;
  target: Record<string, BakeTarget>;
}

/**
 * The bake variables a run may set from its environment (`REGISTRY=ghcr.io/me/lamina docker
 * buildx bake …`): where the catalog's main registry publishes; the OCI `revision` and `source`
 * labels of every image (empty unless given: the generated file stays the same on every commit);
 * SOURCE_DATE_EPOCH, the build argument BuildKit takes the images' creation times from instead of
 * the clock, and CREATED, the OCI `created` label: the same instant, which `lamina cascade`
 * derives from SOURCE_DATE_EPOCH when only that is given.
 */
export const BAKE_VARIABLES = ['CREATED', 'REGISTRY', 'REVISION', 'SOURCE', 'SOURCE_DATE_EPOCH'] as const;

/** CREATED's default: the instant SOURCE_DATE_EPOCH's default (0) stands for. */
export const DEFAULT_CREATED = '1970-01-01T00:00:00Z';

/** The CREATED label for a SOURCE_DATE_EPOCH (seconds since 1970), or undefined when it is not one. */
export function createdFromEpoch(epoch: string): string | undefined {
  if (!/^\d{1,12}$/.test(epoch)) return undefined;
  return new Date(Number(epoch) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The environment a build runs with: CREATED follows SOURCE_DATE_EPOCH unless given itself. */
export function bakeEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const epoch = env['SOURCE_DATE_EPOCH'];
  const created = env['CREATED'] === undefined && epoch !== undefined ? createdFromEpoch(epoch) : undefined;
  return created === undefined ? { ...env } : { ...env, CREATED: created };
}

/** A bake value with its `${VARIABLE}`s replaced (from `env`, else their defaults). */
export function resolveBakeValue(value: string, bake: Pick<BakeFile, 'variable'>, env: Readonly<Record<string, string | undefined>> = {}): string {
  return value.replace(/\$\{([A-Z_]+)\}/g, (all, name: string) => env[name] ?? bake.variable?.[name]?.default ?? all);
}

/** The folder holding one Dockerfile (and its ignore file) per layer, relative to the catalog root. */
export const DOCKERFILES_DIR = 'generated/dockerfiles';

/** Where a layer's Dockerfile is written, relative to the catalog root. */
export function dockerfilePath(name: string): string {
  return `${DOCKERFILES_DIR}/${name}.Dockerfile`;
}

/**
 * The Dockerfile-specific ignore file BuildKit reads beside a Dockerfile (it replaces the
 * context's own `.dockerignore`): what of `layers/<name>/` the builder is sent.
 */
export function dockerignorePath(name: string): string {
  return `${dockerfilePath(name)}.dockerignore`;
}

/** The ids of the BuildKit secrets a layer's build mounts (their values never reach lamina). */
export function buildSecretIds(layer: Layer): string[] {
  const d = layer.directives;
  return d.class === 'source-dep' && d.sccache.enabled ? [d.sccache.auth_secret_id] : [];
}

/**
 * Build arguments set by the bake file. An image's creation times come from the argument BuildKit
 * reserves for them, not the clock, so the same inputs give the same image config.
 */
export function buildArgs(_layer: Layer): Record<string, string> {
  return { SOURCE_DATE_EPOCH: '${SOURCE_DATE_EPOCH}' };
}

/**
 * The environment variable a bake run reads a BuildKit secret from: `LAMINA_SECRET_` + the id in
 * upper case, other characters as `_` (`sccache-aws` → `LAMINA_SECRET_SCCACHE_AWS`).
 */
export function secretEnvName(id: string): string {
  return `LAMINA_SECRET_${id.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
}

export function bakeFile(catalog: Catalog): BakeFile {
  // REGISTRY stands for the registry most layers publish to (the first by name on a tie).
  const counts = new Map<string, number>();
  for (const l of catalog.layers) counts.set(l.workflow.registry, (counts.get(l.workflow.registry) ?? 0) + 1);
  const registry = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '';
  const target: Record<string, BakeTarget> = {};
  for (const layer of catalog.layers) target[layer.name] = bakeTarget(catalog, layer, registry);
  const group: Record<string, BakeGroup> = { default: { targets: catalog.layers.map((l) => l.name) } };
  for (const cls of LAYER_CLASSES) {
    const members = catalog.layers.filter((l) => l.class === cls).map((l) => l.name);
    if (members.length > 0) group[cls] = { targets: members };
  }
  const variable = {
    CREATED: { default: DEFAULT_CREATED },
    REGISTRY: { default: registry },
    REVISION: { default: '' },
    SOURCE: { default: '' },
    SOURCE_DATE_EPOCH: { default: '0' },
  };
  return { variable, group, target };
}

function bakeTarget(catalog: Catalog, layer: Layer, registry: string): BakeTarget {
  const ownRegistry = `${layer.workflow.registry}/`;
  const t: BakeTarget = {
    context: layer.dir,
    // Relative to the context, as bake reads it.
    dockerfile: `${layer.dir
      .split('/')
      .map(() => '..')
      .join('/')}/${dockerfilePath(layer.name)}`,
    tags: imageTags(layer).map((tag) =>
      layer.workflow.registry === registry && tag.startsWith(ownRegistry) ? `\${REGISTRY}/${tag.slice(ownRegistry.length)}` : tag,
    ),
    labels: {
      'org.opencontainers.image.created': '${CREATED}',
      'org.opencontainers.image.revision': '${REVISION}',
      'org.opencontainers.image.source': '${SOURCE}',
    },
    platforms: [...layer.workflow.platforms],
    // Provenance (how, from what) and an SBOM (what is inside) travel with each pushed image.
    attest: ['type=provenance,mode=max', 'type=sbom'],
    args: buildArgs(layer),
  };
  const refs = referencedLayers(layer);
  if (refs.length > 0) {
    t.contexts = {};
    for (const name of refs) t.contexts[canonicalRef(requireLayer(catalog, name))] = `target:${name}`;
  }
  const cache = layer.workflow.cache;
  if (cache.enabled) {
    t['cache-from'] = [`type=registry,ref=${cache.ref}`];
    // A builder without push rights to the cache still builds (and says so) instead of failing.
    t['cache-to'] = [`type=registry,ref=${cache.ref},mode=${cache.mode},ignore-error=true`];
  }
  const secrets = buildSecretIds(layer);
  if (secrets.length > 0) t.secret = secrets.map((id) => `id=${id},env=${secretEnvName(id)}`);
  return t;
}

/** JSON with every object's keys sorted (arrays keep their order), two-space indent, final newline. */
export function sortedJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort(byName)) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}
