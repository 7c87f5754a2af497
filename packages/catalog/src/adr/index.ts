/**
 * `lamina check`'s engine: the ADRs' constraints run over the catalog. Grep checks read files;
 * graph rules claim the loaded catalog's diagnostics of their kind (the graph phase already finds
 * unpinned bases, unknown references, cycles…), and `edges_explicit` also parses the generated
 * Dockerfiles. Catalog errors no rule claims are returned too: invariants over a catalog that does
 * not load cannot be trusted to hold.
 */
import type { Diagnostic, DiagnosticCode, Catalog } from '../model/index.js';
import { dockerfileEdgeProblems } from './dockerfiles.js';
import { candidateFiles, fileReader, runGrep } from './grep.js';
import { loadAdrs, type AdrLoadOptions } from './load.js';
import { sortViolations, type Adr, type Constraint, type GraphRule, type Violation } from './model.js';

export * from './model.js';
export { loadAdrs, type AdrLoad, type AdrLoadOptions } from './load.js';

/** The catalog diagnostics each graph rule stands for. */
const RULE_CODES: Readonly<Record<GraphRule, readonly DiagnosticCode[]>> = {
  bases_pinned: ['graph/unpinned-base'],
  edges_explicit: ['graph/unknown-reference', 'graph/self-reference'],
  known_classes: ['schema/class-mismatch'],
  donors_are_deps: ['graph/donor-class', 'graph/donor-external'],
  class_bases: ['graph/build-base-class'],
  platforms_subset: ['graph/platforms-not-subset'],
  acyclic: ['graph/cycle'],
};

export interface CheckResult {
  readonly adrs: readonly Adr[];
  /** Sorted by file:line:col. */
  readonly violations: readonly Violation[];
  /** ADR load/schema errors and catalog errors no ADR rule claims. */
  readonly diagnostics: readonly Diagnostic[];
  /** True when no Hard violation and no error diagnostic. */
  readonly ok: boolean;
}

export async function checkInvariants(catalog: Catalog, opts: AdrLoadOptions = {}): Promise<CheckResult> {
  const loaded = loadAdrs(catalog.root, opts);
  const violations: Violation[] = [];
  const claimed = new Set<Diagnostic>();
  let files: string[] | undefined;
  const read = fileReader(catalog.root);
  let edgeProblems: ReturnType<typeof dockerfileEdgeProblems> | undefined;
  for (const adr of loaded.adrs) {
    if (adr.status === 'superseded' || adr.status === 'deprecated') continue;
    for (const c of adr.constraints) {
      const report = (file: string, line: number, col: number, message: string): void => {
        violations.push({ adr: adr.id, title: adr.title, constraint: c.id, severity: c.severity, file, line, col, message });
      };
      if (c.check.kind === 'Grep') {
        files ??= candidateFiles(catalog.root);
        let hits;
        try {
          hits = runGrep(catalog.root, files, c.check, read);
        } catch (e) {
          report(adr.file, 1, 1, `pattern of \`${c.id}\` is not a valid regular expression: ${(e as Error).message}`);
          continue;
        }
        for (const h of hits) report(h.file, h.line, h.col, grepMessage(c, h.text));
      } else {
        const codes = RULE_CODES[c.check.rule];
        for (const d of catalog.diagnostics) {
          if (!codes.includes(d.code)) continue;
          claimed.add(d);
          report(d.file, d.line, d.col, d.message);
        }
        // On a catalog with errors the graph is incomplete (a broken layer has no edges), so the
        // Dockerfiles would only disagree with it by accident: fix the errors first.
        if (c.check.rule === 'edges_explicit' && catalog.ok) {
          edgeProblems ??= dockerfileEdgeProblems(catalog, opts);
          for (const p of edgeProblems) report(p.file, p.line, p.col, p.message);
        }
      }
    }
  }
  const diagnostics = [...loaded.diagnostics, ...catalog.diagnostics.filter((d) => d.severity === 'error' && !claimed.has(d))];
  const sorted = sortViolations(violations);
  return {
    adrs: loaded.adrs,
    violations: sorted,
    diagnostics,
    ok: !sorted.some((v) => v.severity === 'Hard') && !diagnostics.some((d) => d.severity === 'error'),
  };
}

function grepMessage(c: Constraint, text: string): string {
  if (c.check.kind !== 'Grep') return c.description;
  return c.check.must === 'absent'
    ? `\`${text.trim()}\` matches /${c.check.pattern}/, which must be absent — ${c.description}`
    : `no line matches /${c.check.pattern}/, which must be present — ${c.description}`;
}
