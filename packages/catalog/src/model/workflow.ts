/**
 * Workflow: the exported value of `layers/<name>/workflow.ncl` — how a layer sits in the catalog.
 * Generated from schemas/source/workflow.json (documents.generated.ts); defaulted fields are
 * always present in Nickel's export and so are required here.
 */
import type { DeepReadonly } from './directives.js';
import type * as Documents from './documents.generated.js';

export type CacheSettings = DeepReadonly<Documents.CacheSettings>;
export type RebuildSettings = DeepReadonly<Documents.RebuildSettings>;
export type Workflow = DeepReadonly<Documents.Workflow>;
