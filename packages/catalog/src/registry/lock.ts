/**
 * The lock of published digests, `lamina.lock.json` at the catalog root: for each layer found
 * published under its fingerprint tag, that fingerprint, the reference looked up and the digest
 * the registry gave. Snippets pin a layer to its digest only while the layer's fingerprint is still
 * the locked one: a layer changed since is printed by tag until `lamina lock` runs again.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../generate/write.js';
import type { Catalog, Layer } from '../model/index.js';
import type { LayerStatus } from './status.js';

export const LOCK_FILE = 'lamina.lock.json';
const FORMAT = 'lamina-lock/1';

export interface LockEntry {
  readonly fingerprint: string;
  /** The fingerprint-tagged reference that was looked up (`…/zlib:fp-<fingerprint>`). */
  readonly ref: string;
  readonly digest: string;
}

export interface Lock {
  readonly format: typeof FORMAT;
  readonly layers: Readonly<Record<string, LockEntry>>;
}

/** Layer name → the reference snippets print: `<repository>:<first tag>@<digest>`. */
export type Pins = ReadonlyMap<string, string>;

export function readLock(root: string): Lock | undefined {
  const file = join(root, LOCK_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const lock = JSON.parse(readFileSync(file, 'utf8')) as Lock;
    return lock.format === FORMAT && lock.layers && typeof lock.layers === 'object' ? lock : undefined;
  } catch {
    return undefined;
  }
}

/** The lock's text for a status: built layers only, sorted by name. */
export function lockText(status: readonly LayerStatus[]): string {
  const layers: Record<string, LockEntry> = {};
  for (const l of [...status].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (l.state === 'built' && l.digest) layers[l.name] = { fingerprint: l.fingerprint, ref: l.ref, digest: l.digest };
  }
  return `${JSON.stringify({ format: FORMAT, layers }, null, 2)}\n`;
}

/** Writes the lock atomically; false when its bytes were already there. */
export function writeLock(root: string, status: readonly LayerStatus[]): boolean {
  const file = join(root, LOCK_FILE);
  const text = lockText(status);
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
  writeAtomic(file, text);
  return true;
}

/** Pins for the layers whose locked fingerprint is their current one. */
export function pinsFor(catalog: Catalog, lock: Lock | undefined = readLock(catalog.root)): Pins {
  const pins = new Map<string, string>();
  if (!lock) return pins;
  for (const layer of catalog.layers) {
    const entry = lock.layers[layer.name];
    if (entry && entry.fingerprint === layer.fingerprint) pins.set(layer.name, pinnedRef(layer, entry));
  }
  return pins;
}

function pinnedRef(layer: Layer, entry: LockEntry): string {
  const repository = entry.ref.slice(0, entry.ref.lastIndexOf(':'));
  return `${repository}:${layer.workflow.tags[0]}@${entry.digest}`;
}
