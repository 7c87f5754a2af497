/**
 * A layer and the edges between layers.
 *
 * Edge direction: a `FlowsTo` edge points the way artifacts flow — `from` is the parent (the base
 * image or the donor providing files), `to` is the consumer built from or with it. So a layer's
 * parents are the `from` of the edges whose `to` is that layer, and "descendants of rust" are
 * everything `rust` flows into (what must rebuild when it changes).
 */
import type { BuildDirectives, LayerClass } from './directives.js';
import type { Workflow } from './workflow.js';

/** Roles of a FlowsTo edge, named after the workflow field that declares it. */
export type Role = 'build_base' | 'runtime_base' | 'donor';

export const ROLES: readonly Role[] = ['build_base', 'runtime_base', 'donor'];

/** `from` (the parent / provider) flows to `to` (the consumer). */
export interface FlowsTo {
  readonly from: string;
  readonly to: string;
  readonly kind: 'FlowsTo';
  readonly role: Role;
}

/**
 * A base outside the catalog: a pinned image reference, or `scratch` (runtime_base only).
 * References to layers are strings without `/` or `:`; anything else is external.
 */
export interface ExternalBase {
  readonly kind: 'external' | 'scratch';
  /** The reference as written. */
  readonly ref: string;
  /** `[registry/]repository`; `scratch` for scratch. */
  readonly repository: string;
  /** Undefined for scratch (and for an unpinned reference, which is an error). */
  readonly tag: string | undefined;
  /** `sha256:<64 hex>` when pinned by digest. */
  readonly digest: string | undefined;
}

/** A catalog layer used as a base. */
export interface LayerBase {
  readonly kind: 'layer';
  readonly name: string;
}

/** What `build_base` / `runtime_base` resolve to. */
export type BaseRef = LayerBase | ExternalBase;

/** A source position for a value of a layer's files (for diagnostics). */
export interface SourcePosition {
  /** Relative to the catalog root. */
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export interface Layer {
  /** The folder name under `layers/` (and, in a valid catalog, the `name` in both files). */
  readonly name: string;
  readonly class: LayerClass;
  /** Folder relative to the catalog root: `layers/<name>`. */
  readonly dir: string;
  readonly directives: BuildDirectives;
  readonly workflow: Workflow;
  /**
   * Every file the layer's evaluation read or its build context holds, relative to the catalog
   * root, sorted: the files under `layers/<name>/` plus every file its two Nickel files import
   * transitively (e.g. `layers/catalog.ncl`, `schemas/contracts.ncl`).
   */
  readonly inputFiles: readonly string[];
  /** The Dockerfile template and partials of its class that exist (relative to the root, sorted). */
  readonly templateFiles: readonly string[];
  /** `workflow.build_base`, resolved: the stage that builds. */
  readonly buildBase: BaseRef;
  /** `workflow.runtime_base`, resolved: the stage the artifact ends up in. */
  readonly runtimeBase: BaseRef;
  /**
   * sha256 (64 hex) of the layer's evaluated directives and workflow, its class template and
   * partials, its input files and its parents' fingerprints (see fingerprint/).
   */
  readonly fingerprint: string;
}
