/**
 * Base references: `build_base` / `runtime_base` name a catalog layer, `scratch`, or an external
 * image. Layer names contain neither `/` nor `:`, so anything that does is external and must be
 * pinned: `[registry/]repository:tag[@sha256:<64 hex>]`, tag mandatory, never `latest`.
 */
import type { BaseRef, ExternalBase } from '../model/index.js';

export function isLayerReference(ref: string): boolean {
  return !ref.includes('/') && !ref.includes(':');
}

export function parseBaseRef(ref: string): BaseRef {
  if (ref === 'scratch') return { kind: 'scratch', ref, repository: 'scratch', tag: undefined, digest: undefined };
  if (isLayerReference(ref)) return { kind: 'layer', name: ref };
  return parseExternal(ref);
}

export function parseExternal(ref: string): ExternalBase {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  // The tag is after the last `:` that follows the last `/` (a registry may have a `:port`).
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { kind: 'external', ref, repository: rest, tag, digest };
}

/** Pinned: a tag that is not `latest` (and, if present, a well-formed digest). */
export function isPinned(base: ExternalBase): boolean {
  if (base.kind === 'scratch') return true;
  if (base.tag === undefined || base.tag === '' || base.tag === 'latest') return false;
  return base.digest === undefined || /^sha256:[0-9a-f]{64}$/.test(base.digest);
}
