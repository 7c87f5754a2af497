/** A pattern the reference's regex crate refuses, and how the crate renders the refusal. */
import type { PatternSpan } from './ast.js';

/** A pattern the crate would refuse: its message and the part of the pattern it points at. */
export class RegexSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly span: PatternSpan,
    /** Where the thing duplicated was first written. */
    readonly original?: PatternSpan,
  ) {
    super(reason);
  }
}

/** The crate's rendering of a syntax error: the pattern, carets under the spans, the reason. */
export function describeSyntaxError(pattern: string, e: RegexSyntaxError): string {
  // Lines as Rust's `str::lines` gives them: no last empty line, no `\r` before a `\n`.
  const lines = pattern.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const lineCount = lines.length + (pattern.endsWith('\n') ? 1 : 0);
  const width = lineCount <= 1 ? 0 : String(lineCount).length;
  const pad = width === 0 ? 4 : 2 + width;
  const spans = [e.span, ...(e.original ? [e.original] : [])];
  const oneLine = spans.filter((s) => s.start.line === s.end.line).sort((a, b) => a.start.offset - b.start.offset);
  const multiLine = spans.filter((s) => s.start.line !== s.end.line);
  let notated = '';
  lines.forEach((line, k) => {
    notated += (width === 0 ? '    ' : `${String(k + 1).padStart(width)}: `) + line + '\n';
    const here = oneLine.filter((s) => s.start.line === k + 1);
    if (here.length === 0) return;
    let notes = ' '.repeat(pad);
    let column = 0;
    for (const s of here) {
      const gap = s.start.column - 1 - column;
      if (gap > 0) notes += ' '.repeat(gap);
      column = Math.max(column, s.start.column - 1);
      const carets = Math.max(1, s.end.column - s.start.column);
      notes += '^'.repeat(carets);
      column += carets;
    }
    notated += notes + '\n';
  });
  if (width === 0) return `regex parse error:\n${notated}error: ${e.reason}`;
  const divider = '~'.repeat(79);
  const notes = multiLine.map((s) => `on line ${s.start.line} (column ${s.start.column}) through line ${s.end.line} (column ${s.end.column - 1})\n`).join('');
  return `regex parse error:\n${divider}\n${notated}${divider}\n${notes}error: ${e.reason}`;
}
