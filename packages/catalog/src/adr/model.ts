/**
 * Architecture decision records as data: the exported value of `adr/NNNN-title.ncl`, its shape
 * generated from schemas/source/adr.json (model/documents.generated.ts), and the violations
 * `lamina check` reports against them.
 */
import { byName } from '../model/order.js';
import type { DeepReadonly } from '../model/directives.js';
import type * as Documents from '../model/documents.generated.js';

export type Severity = Documents.Constraint['severity'];
export type GrepCheck = DeepReadonly<Documents.GrepCheck>;
export type GraphCheck = DeepReadonly<Documents.GraphCheck>;
export type GraphRule = GraphCheck['rule'];
export type Constraint = DeepReadonly<Documents.Constraint>;

export type Adr = DeepReadonly<Documents.ArchitectureDecisionRecord> & {
  /** Where the ADR lives, relative to the catalog root (added by the loader). */
  readonly file: string;
};

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
