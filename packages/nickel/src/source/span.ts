/**
 * Positions are byte-free: a span is a pair of UTF-16 offsets into one registered source.
 * Line and column are computed only when a diagnostic is rendered (see source/registry.ts).
 */
export interface Span {
  /** Id of the source in the SourceRegistry. */
  readonly file: number;
  /** Offset of the first character (UTF-16 code units). */
  readonly start: number;
  /** Offset one past the last character. */
  readonly end: number;
}

export function joinSpans(a: Span, b: Span): Span {
  return { file: a.file, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
