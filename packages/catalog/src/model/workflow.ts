/**
 * Workflow: the exported value of `layers/<name>/workflow.ncl` — how a layer sits in the catalog.
 * Mirrors `schemas/workflow.schema.json` and `c.Workflow` (schemas/contracts/workflow.ncl);
 * defaulted fields are always present in Nickel's export and so are required here.
 */
import type { Platform } from './directives.js';

export interface CacheSettings {
  readonly enabled: boolean;
  /** Registry cache reference; the contract defaults it to `<registry>/cache/<name>:buildcache`. */
  readonly ref: string;
  readonly mode: 'min' | 'max';
}

export interface RebuildSettings {
  readonly schedule: 'on_change' | 'weekly' | 'monthly';
}

export interface Workflow {
  readonly name: string;
  /** A catalog layer name or a pinned external image. */
  readonly build_base: string;
  /** `scratch`, a catalog layer name, or a pinned external image. */
  readonly runtime_base: string;
  /** Dependency layers (source-dep or native-dep) copied in with `COPY --from`. */
  readonly donors: readonly string[];
  /** The first tag is canonical. */
  readonly tags: readonly string[];
  readonly platforms: readonly Platform[];
  readonly registry: string;
  readonly cache: CacheSettings;
  readonly rebuild: RebuildSettings;
}
