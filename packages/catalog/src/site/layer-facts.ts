/**
 * What a layer's page says, in no particular language: its place in the graph, what it provides,
 * what it pins, how it is consumed and the Dockerfile generation renders for it. Everything comes
 * from the loaded catalog and the files beside it (the lock of published digests, a source-dep's
 * Cargo.lock and cook record), computed once per layer and shared by every language's page.
 */
import type { LoadedCatalog } from '../index.js';
import type { BaseRef, Layer } from '../model/index.js';
import { imageTags, canonicalRef } from '../generate/refs.js';
import { dockerfileView } from '../generate/view.js';
import { TemplateRenderError, type Templates } from '../generate/templates.js';
import type { Pins } from '../registry/lock.js';
import { isSourceDep, readCookManifest } from '../reuse/manifest.js';
import { consumeSnippet, modeProblem, type ConsumeMode } from '../suggest/snippet.js';
import { cookedPackages } from '../suggest/index.js';

export interface BaseFact {
  readonly kind: 'layer' | 'external' | 'scratch';
  /** The layer's name or the image reference. */
  readonly ref: string;
}

export interface SnippetFact {
  readonly mode: ConsumeMode;
  /** The snippet, or null when the layer cannot be consumed this way (then `problem` says why). */
  readonly text: string | null;
  readonly problem: string | null;
}

export interface LayerFacts {
  readonly layer: Layer;
  readonly wave: number | null;
  readonly image: string;
  readonly tags: readonly string[];
  /** `repository:tag@digest` from lamina.lock.json while it is the current fingerprint's, else null. */
  readonly pinned: string | null;
  readonly buildBase: BaseFact;
  readonly runtimeBase: BaseFact;
  readonly parents: readonly string[];
  readonly children: readonly string[];
  readonly ancestors: readonly string[];
  readonly descendants: readonly string[];
  readonly binaries: readonly string[];
  readonly sysCrates: readonly string[];
  readonly otherCrates: readonly string[];
  /** `crate → served crate (features)` lines. */
  readonly usedBy: readonly string[];
  readonly exports: readonly (readonly [string, string])[];
  readonly outputs: readonly string[];
  /** Registry packages of a source-dep's Cargo.lock, `name@version`. */
  readonly cooked: readonly string[];
  /** What the cook record says (profiles, target, whether it is up to date), or null. */
  readonly cookRecord: { readonly state: string; readonly profiles: readonly string[]; readonly target: string | null } | null;
  readonly aptPins: readonly string[];
  readonly snippets: readonly SnippetFact[];
  /** The Dockerfile `lamina gen` writes, or why it cannot be rendered. */
  readonly dockerfile: { readonly text: string } | { readonly problem: string };
}

function base(b: BaseRef): BaseFact {
  return b.kind === 'layer' ? { kind: 'layer', ref: b.name } : { kind: b.kind, ref: b.ref };
}

export function layerFacts(catalog: LoadedCatalog, layer: Layer, waves: ReadonlyMap<string, number>, pins: Pins, templates: Templates | undefined): LayerFacts {
  const d = layer.directives;
  const binaries: string[] = [];
  if (d.class === 'toolchain') {
    binaries.push(`${d.toolchain.kind} ${d.toolchain.version}`);
    for (const t of d.tools) binaries.push(`${t.name} ${t.version}`);
  }
  const served = d.class === 'native-dep' ? d.serves : [];
  const cookState = isSourceDep(layer) ? readCookManifest(catalog, layer) : undefined;
  return {
    layer,
    wave: waves.get(layer.name) ?? null,
    image: canonicalRef(layer),
    tags: imageTags(layer),
    pinned: pins.get(layer.name) ?? null,
    buildBase: base(layer.buildBase),
    runtimeBase: base(layer.runtimeBase),
    parents: catalog.parents(layer.name),
    children: catalog.children(layer.name),
    ancestors: catalog.ancestors(layer.name),
    descendants: catalog.descendants(layer.name),
    binaries,
    sysCrates: served.filter((c) => c.endsWith('-sys')),
    otherCrates: served.filter((c) => !c.endsWith('-sys')),
    usedBy:
      d.class === 'native-dep'
        ? d.used_by.map(
            (u) =>
              `${u.crate}${u.versions ? ` ${u.versions}` : ''} → ${u.links}${u.when_features.length ? ` (features: ${u.when_features.join(', ')})` : ''}${u.unless_features.length ? ` (not with: ${u.unless_features.join(', ')})` : ''}`,
          )
        : [],
    exports: d.class === 'native-dep' ? Object.entries(d.exports).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [],
    outputs: d.class === 'source-dep' ? d.outputs : d.class === 'native-dep' ? [d.install.prefix] : [],
    cooked: cookedPackages(catalog, layer).map((p) => `${p.name}@${p.version}`),
    cookRecord:
      cookState === undefined
        ? null
        : cookState.state === 'fresh' || cookState.state === 'stale'
          ? { state: cookState.state, profiles: cookState.manifest.cook.profiles, target: cookState.manifest.cook.target ?? null }
          : { state: cookState.state, profiles: [], target: null },
    aptPins: d.system_packages,
    snippets: (['from', 'donor'] as const).map((mode) => {
      const problem = modeProblem(layer, mode);
      return problem ? { mode, text: null, problem } : { mode, text: consumeSnippet(catalog, layer, mode, pins), problem: null };
    }),
    dockerfile: renderDockerfile(catalog, layer, templates),
  };
}

function renderDockerfile(catalog: LoadedCatalog, layer: Layer, templates: Templates | undefined): LayerFacts['dockerfile'] {
  if (!templates) return { problem: 'the Dockerfile templates do not load (`lamina gen` says why)' };
  const problems = catalog.renderProblems(layer.name);
  if (problems.length > 0) return { problem: problems.map((p) => p.message).join('; ') };
  try {
    return { text: templates.dockerfile[layer.class](dockerfileView(catalog, layer)) };
  } catch (e) {
    if (e instanceof TemplateRenderError) return { problem: e.diagnostic.message };
    throw e;
  }
}
