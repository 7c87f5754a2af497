import type { SourceRegistry } from '../source/registry.js';
import type { NickelError } from './error.js';

/** One label of a JSON diagnostic; positions are 1-based, `endCol` is one past the last column. */
export interface JsonLabel {
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  message: string;
  primary: boolean;
}

export interface JsonDiagnostic {
  kind: string;
  message: string;
  labels: JsonLabel[];
  notes: string[];
  [extra: string]: unknown;
}

/**
 * The machine-readable form of an error: kind, message, labels with resolved positions, notes,
 * and the error's extra fields (`field`, `identifier`, …) at top level, where tools and the
 * conformance harness look for them.
 */
export function toJsonDiagnostic(error: NickelError, sources: SourceRegistry | undefined): JsonDiagnostic {
  const labels: JsonLabel[] = [];
  for (const label of error.labels) {
    const resolved = resolveLabel(label.span, sources);
    if (resolved) labels.push({ ...resolved, message: label.message, primary: label.primary });
  }
  const diagnostic: JsonDiagnostic = { kind: error.kind, message: error.message, labels, notes: [...error.notes] };
  for (const [key, value] of Object.entries(error.fields)) {
    if (value !== undefined && !(key in diagnostic)) diagnostic[key] = value;
  }
  return diagnostic;
}

/** The diagnostic as one line of JSON (what `--error-format json` prints). */
export function renderJson(error: NickelError, sources: SourceRegistry | undefined): string {
  return JSON.stringify(toJsonDiagnostic(error, sources));
}

function resolveLabel(
  span: { file: number; start: number; end: number },
  sources: SourceRegistry | undefined,
): Omit<JsonLabel, 'message' | 'primary'> | undefined {
  if (!sources) return undefined;
  try {
    const file = sources.get(span.file).name;
    const start = sources.lineCol(span.file, span.start);
    const end = sources.lineCol(span.file, span.end);
    return { file, line: start.line, col: start.col, endLine: end.line, endCol: end.col };
  } catch {
    return undefined; // a span into a source the registry does not know: drop the label, keep the error
  }
}
