import type { Span } from './span.js';

/** One loaded source text: a file on disk, an in-memory snippet, or the standard library. */
export interface Source {
  readonly id: number;
  /** Display name: a path relative to the working directory, or a made-up name like `<stdin>`. */
  readonly name: string;
  /** Absolute, resolved path when the source is a file; undefined for in-memory sources. */
  readonly path: string | undefined;
  readonly text: string;
}

export interface LineCol {
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in Unicode code points. */
  col: number;
}

/**
 * The registry of every source an evaluation has seen. Spans refer to sources by id, so the
 * registry is what turns an offset into `file:line:col` when a diagnostic is rendered.
 */
export class SourceRegistry {
  private readonly sources: Source[] = [];
  private readonly lineStarts = new Map<number, number[]>();

  add(name: string, text: string, path?: string): Source {
    const source: Source = { id: this.sources.length, name, path, text };
    this.sources.push(source);
    return source;
  }

  /** Adds a source whose text `read` gives when first asked for (then kept). */
  addLazy(name: string, read: () => string, path?: string): Source {
    let text: string | undefined;
    const source: Source = {
      id: this.sources.length,
      name,
      path,
      get text() {
        return (text ??= read());
      },
    };
    this.sources.push(source);
    return source;
  }

  get(id: number): Source {
    const s = this.sources[id];
    if (!s) throw new Error(`unknown source id ${id}`);
    return s;
  }

  lineCol(file: number, offset: number): LineCol {
    const starts = this.starts(file);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      // biome-ignore lint/plugin: lo < mid <= hi < starts.length
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = starts[lo] ?? 0; // the first line starts at 0
    const col = [...this.get(file).text.slice(lineStart, offset)].length + 1;
    return { line: lo + 1, col };
  }

  /** `name:line:col` of the start of a span. */
  describe(span: Span): string {
    const { line, col } = this.lineCol(span.file, span.start);
    return `${this.get(span.file).name}:${line}:${col}`;
  }

  lineText(file: number, line: number): string {
    const starts = this.starts(file);
    const text = this.get(file).text;
    const start = starts[line - 1] ?? text.length;
    const next = starts[line];
    return text.slice(start, next === undefined ? text.length : next - 1).replace(/\r$/, '');
  }

  private starts(file: number): number[] {
    let starts = this.lineStarts.get(file);
    if (!starts) {
      starts = [0];
      const text = this.get(file).text;
      // indexOf scans natively: a loop over the characters runs cold in the short run that fails
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts.set(file, starts);
    }
    return starts;
  }
}
