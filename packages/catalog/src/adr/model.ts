/**
 * Architecture decision records as data: the exported value of `adr/NNNN-title.ncl` (shape owned
 * by schemas/contracts/adr.ncl and schemas/adr.schema.json), and the violations `lamina check`
 * reports against them.
 */
import { byName } from '../model/order.js';

export type Severity = 'Hard' | 'Soft';

export interface GrepCheck {
  readonly kind: 'Grep';
  /** ECMAScript regular expression, matched line by line. */
  readonly pattern: string;
  /** Globs relative to the catalog root. */
  readonly paths: readonly string[];
  readonly must: 'absent' | 'present';
}

export const GRAPH_RULES = ['bases_pinned', 'edges_explicit', 'known_classes', 'donors_are_deps', 'class_bases', 'platforms_subset', 'acyclic'] as const;
export type GraphRule = (typeof GRAPH_RULES)[number];

export interface GraphCheck {
  readonly kind: 'Graph';
  readonly rule: GraphRule;
}

export interface Constraint {
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
  readonly check: GrepCheck | GraphCheck;
}

export interface Adr {
  readonly id: string;
  readonly title: string;
  readonly status: 'proposed' | 'accepted' | 'superseded' | 'deprecated';
  readonly date: string;
  readonly superseded_by?: string;
  readonly context: string;
  readonly decision: string;
  readonly consequences: string;
  readonly constraints: readonly Constraint[];
  /** The text in other languages, keyed by language tag (`es`); each part optional. */
  readonly translations?: Readonly<Record<string, Partial<Pick<Adr, 'title' | 'context' | 'decision' | 'consequences'>>>>;
  /** Where the ADR lives, relative to the catalog root (added by the loader). */
  readonly file: string;
}

/** One place where a constraint does not hold. */
export interface Violation {
  readonly adr: string;
  readonly title: string;
  readonly constraint: string;
  readonly severity: Severity;
  /** Relative to the catalog root; `''` when the violation has no file. */
  readonly file: string;
  /** 1-based; 0 when unknown. */
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

/** `file:line:col: ADR-0001 (title): message` — what an editor's problem matcher reads. */
export function formatViolation(v: Violation): string {
  const where = v.file === '' ? '' : v.line > 0 ? `${v.file}:${v.line}:${v.col}: ` : `${v.file}: `;
  return `${where}${v.adr} (${v.title}): ${v.message} [${v.constraint}]`;
}

export function sortViolations(vs: readonly Violation[]): Violation[] {
  const cmp = byName;
  return [...vs].sort(
    (a, b) => cmp(a.file, b.file) || a.line - b.line || a.col - b.col || cmp(a.adr, b.adr) || cmp(a.constraint, b.constraint) || cmp(a.message, b.message),
  );
}
