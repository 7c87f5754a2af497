/** The loaded catalog: layers, their FlowsTo edges, queries over the graph, and what went wrong. */
import type { Diagnostic } from './diagnostic.js';
import type { ExternalBase, FlowsTo, Layer } from './layer.js';

/** Which file imported which (both relative to the catalog root), for fingerprints and impact. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

export interface Catalog {
  /** Absolute catalog root (the directory holding `layers/`). Never printed. */
  readonly root: string;
  /** Layers that loaded and validated, sorted by name. */
  readonly layers: readonly Layer[];
  /** Every FlowsTo edge between catalog layers, sorted by (to, role, from). */
  readonly edges: readonly FlowsTo[];
  /** External bases by reference, sorted. */
  readonly externalBases: readonly ExternalBase[];
  /** Errors and warnings, sorted by file:line:col. */
  readonly diagnostics: readonly Diagnostic[];
  readonly importGraph: ImportGraph;
  /** True when no diagnostic is an error. */
  readonly ok: boolean;

  layer(name: string): Layer | undefined;
  /** Direct parents (the `from` of the edges into `name`), sorted, without duplicates. */
  parents(name: string): string[];
  /** Direct consumers, sorted. */
  children(name: string): string[];
  /** Transitive parents, sorted. */
  ancestors(name: string): string[];
  /** Transitive consumers, sorted. */
  descendants(name: string): string[];
  /** Every layer after all its parents; ties broken by name (deterministic). */
  buildOrder(): string[];
  /** Wave n holds the layers whose parents are all in waves < n; each wave sorted. */
  buildWaves(): string[][];
  /** sha256 content fingerprint (64 hex) of the layer; see fingerprint/. */
  fingerprint(name: string): string;
  /** The first 12 hex digits, usable as an image tag. */
  shortFingerprint(name: string): string;
}
