import type { Span } from '../source/span.js';
import type { SourceRegistry } from '../source/registry.js';
import { ERROR_HEADLINES, type ErrorKind } from './kinds.js';
import { toJsonDiagnostic, type JsonDiagnostic } from './render-json.js';

/** A labelled region of source. The primary label is where the error is; secondary ones explain. */
export interface Label {
  readonly span: Span;
  readonly message: string;
  readonly primary: boolean;
}

/**
 * Extra fields the reference attaches to some errors (e.g. the missing field's name); tools and the
 * conformance harness compare them when present.
 */
export interface ErrorFields {
  field?: string;
  identifier?: string;
  ident?: string;
  /** Type errors: the types and names the reference's TypecheckError carries, printed. */
  expected?: string;
  inferred?: string;
  tail?: string;
  violating_type?: string;
  row?: string;
  type_var?: string;
  row_a?: string;
  row_b?: string;
  var?: string;
  /** The underlying error of a TypecheckError::ArrowTypeMismatch: its kind and fields. */
  cause?: { kind: string } & Omit<ErrorFields, 'cause'>;
}

/**
 * Every error a Nickel program can cause, whatever the phase: data (kind, message, labels, notes),
 * thrown as an exception only to unwind the evaluator. Rendering is diagnostics/render.ts's job.
 */
export class NickelError extends Error {
  readonly kind: ErrorKind;
  readonly labels: Label[];
  readonly notes: string[];
  readonly fields: ErrorFields;

  constructor(kind: ErrorKind, message: string, opts: { labels?: Label[]; notes?: string[]; fields?: ErrorFields } = {}) {
    super(message);
    this.name = 'NickelError';
    this.kind = kind;
    this.labels = opts.labels ?? [];
    this.notes = opts.notes ?? [];
    this.fields = opts.fields ?? {};
  }

  get headline(): string {
    return ERROR_HEADLINES[this.kind];
  }

  /**
   * The error as data: kind, message, labels with file:line:col (resolved through the registry the
   * evaluation recorded its sources in) and notes — what `--error-format json` prints.
   */
  toDiagnostic(sources?: SourceRegistry): JsonDiagnostic {
    return toJsonDiagnostic(this, sources);
  }
}

export function primary(span: Span | undefined, message = ''): Label[] {
  return span ? [{ span, message, primary: true }] : [];
}

export function secondary(span: Span | undefined, message = ''): Label[] {
  return span ? [{ span, message, primary: false }] : [];
}
