/**
 * Where the CLI writes: stdout for results, stderr for diagnostics and progress. Colour only on a
 * terminal and never with NO_COLOR or --no-color; output is otherwise byte-identical across runs.
 */
import { formatDiagnostic, type Diagnostic } from '../model/index.js';

export interface Streams {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

const CODES = { red: '\x1b[31m', yellow: '\x1b[33m', bold: '\x1b[1m', dim: '\x1b[2m', green: '\x1b[32m', reset: '\x1b[0m' };
export type Style = keyof typeof CODES;

export class Output {
  readonly colorOut: boolean;
  readonly colorErr: boolean;

  constructor(
    readonly streams: Streams,
    noColor: boolean,
  ) {
    const allowed = !noColor && (streams.env.NO_COLOR === undefined || streams.env.NO_COLOR === '') && streams.env.TERM !== 'dumb';
    this.colorOut = allowed && streams.stdout.isTTY === true;
    this.colorErr = allowed && streams.stderr.isTTY === true;
  }

  out(text: string): void {
    this.streams.stdout.write(text.endsWith('\n') ? text : text + '\n');
  }

  err(text: string): void {
    this.streams.stderr.write(text.endsWith('\n') ? text : text + '\n');
  }

  json(value: unknown): void {
    this.out(JSON.stringify(value, null, 2));
  }

  paint(style: Style, text: string, stream: 'out' | 'err' = 'out'): string {
    const on = stream === 'out' ? this.colorOut : this.colorErr;
    return on ? CODES[style] + text + CODES.reset : text;
  }

  /** Each diagnostic as `file:line:col: message [code]`, on stderr. */
  diagnostics(ds: readonly Diagnostic[]): void {
    for (const d of ds) {
      const text = formatDiagnostic(d);
      if (!this.colorErr) {
        this.err(text);
        continue;
      }
      const colon = d.file === '' ? 0 : text.indexOf(': ') + 2;
      const where = text.slice(0, colon);
      this.err(this.paint('bold', where, 'err') + this.paint(d.severity === 'error' ? 'red' : 'yellow', text.slice(colon), 'err'));
    }
  }

  /** A progress line that rewrites itself; only on a terminal (logs stay deterministic). */
  progress(text: string | undefined): void {
    if (this.streams.stderr.isTTY !== true) return;
    this.streams.stderr.write(text === undefined ? '\r\x1b[K' : `\r\x1b[K${text}`);
  }
}
