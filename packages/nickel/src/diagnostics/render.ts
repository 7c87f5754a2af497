import type { SourceRegistry } from '../source/registry.js';
import type { NickelError } from './error.js';
import type { JsonLabel } from './render-json.js';

export interface RenderOptions {
  /** ANSI colours, as the reference uses them on a terminal. */
  color: boolean;
}

/** A label with its position resolved (as in the JSON form), and the source it points into. */
interface Placed extends JsonLabel {
  fileId: number;
}

const STYLE = {
  error: '\x1b[1m\x1b[38;5;9m',
  bold: '\x1b[1m',
  reset: '\x1b[0m',
  gutter: '\x1b[36m',
  primary: '\x1b[31m',
  secondary: '\x1b[36m',
};

/**
 * A diagnostic as text, in the layout of the reference's codespan output:
 *
 *     error: dynamic type error
 *       ┌─ main.ncl:1:5
 *       │
 *     1 │ 1 + "a"
 *       │     ^^^ this expression has type String, but Number was expected
 *       │
 *       = (+) expects its 2nd argument to be a Number
 *
 * Labels are grouped by file (a `┌─` header each, at the group's primary label), source lines
 * are shown with `^^^` under the primary label and `---` under secondary ones, a one-line gap is
 * shown and longer gaps become `·`; notes end the report.
 */
export function renderText(error: NickelError, sources: SourceRegistry | undefined, opts: RenderOptions): string {
  const paint = (style: string, text: string): string => (opts.color && text !== '' ? style + text + STYLE.reset : text);
  const out: string[] = [];
  const [first = '', ...rest] = error.message.split('\n');
  out.push(paint(STYLE.error, 'error') + paint(STYLE.bold, `: ${first}`));
  for (const line of rest) out.push(paint(STYLE.bold, `       ${line}`));

  const placed = sources ? place(error, sources) : [];
  const groups = groupByFile(placed);
  const width = Math.max(1, ...placed.map((l) => String(l.endLine + 1).length));
  const pad = ' '.repeat(width + 1);
  const bar = paint(STYLE.gutter, '│');
  groups.forEach((group, i) => {
    if (i > 0) out.push(pad + bar);
    // biome-ignore lint/plugin: groupByFile makes no empty group
    const anchor = group.find((l) => l.primary) ?? group[0]!;
    out.push(`${pad}${paint(STYLE.gutter, '┌─')} ${anchor.file}:${anchor.line}:${anchor.col}`);
    out.push(pad + bar);
    renderSnippet(group, sources!, width, paint, out);
  });
  if (error.notes.length > 0) {
    if (groups.length > 0) out.push(pad + bar);
    for (const note of error.notes) {
      const [head = '', ...tail] = note.split('\n');
      out.push(`${pad}${paint(STYLE.gutter, '=')} ${head}`);
      for (const line of tail) out.push(`${pad}  ${line}`);
    }
  }
  return out.join('\n') + '\n';
}

function place(error: NickelError, sources: SourceRegistry): Placed[] {
  const placed: Placed[] = [];
  for (const label of error.labels) {
    try {
      const source = sources.get(label.span.file);
      const start = sources.lineCol(label.span.file, label.span.start);
      const end = sources.lineCol(label.span.file, Math.max(label.span.end, label.span.start));
      placed.push({
        file: source.name,
        fileId: source.id,
        line: start.line,
        col: start.col,
        endLine: end.line,
        endCol: end.col,
        message: label.message,
        primary: label.primary,
      });
    } catch {
      // A label into an unknown source is dropped; the rest of the diagnostic still helps.
    }
  }
  return placed;
}

function groupByFile(labels: Placed[]): Placed[][] {
  const groups = new Map<number, Placed[]>();
  for (const label of labels) {
    const group = groups.get(label.fileId);
    if (group) group.push(label);
    else groups.set(label.fileId, [label]);
  }
  return [...groups.values()];
}

type Paint = (style: string, text: string) => string;

function renderSnippet(group: Placed[], sources: SourceRegistry, width: number, paint: Paint, out: string[]): void {
  // biome-ignore lint/plugin: groupByFile makes no empty group
  const fileId = group[0]!.fileId;
  // A label ending at column 1 of a later line really ends with the previous line.
  const labels = group
    .map((l) => (l.endLine > l.line && l.endCol === 1 ? { ...l, endLine: l.endLine - 1, endCol: lineLength(sources, fileId, l.endLine - 1) + 1 } : l))
    .map((l) => ({ ...l, col: shownColumn(sources, fileId, l.line, l.col), endCol: shownColumn(sources, fileId, l.endLine, l.endCol) }));
  // Each multi-line label runs down its own column left of the source, the outermost first.
  const columns = labels.filter((l) => l.endLine > l.line).sort((a, b) => a.line - b.line || b.endLine - a.endLine);
  // The multi-line labels whose `╭` row is printed and whose `╰` row is not yet.
  const open = new Set<Placed>();
  const lines = new Set<number>();
  for (const l of labels) {
    // A multi-line label shows its first four lines and its last two, as the reference does.
    for (let line = l.line; line <= l.endLine; line++) {
      if (line <= l.line + MULTILINE_HEAD || line >= l.endLine - MULTILINE_TAIL) lines.add(line);
    }
  }
  const sorted = [...lines].sort((a, b) => a - b);
  const pad = ' '.repeat(width + 1);
  const bar = paint(STYLE.gutter, '│');
  const labelStyle = (l: Placed): string => (l.primary ? STYLE.primary : STYLE.secondary);
  let previous: number | undefined;
  for (const lineNo of sorted) {
    if (previous !== undefined && lineNo - previous === 2) emitSource(previous + 1);
    else if (previous !== undefined && lineNo - previous > 2) out.push(`${pad}${paint(STYLE.gutter, '·')} ${leftColumn()}`.trimEnd());
    emitSource(lineNo);
    previous = lineNo;

    // Single-line labels on this line, then the ends of multi-line ones.
    const here = labels.filter((l) => l.line === lineNo && l.endLine === lineNo).sort((a, b) => a.col - b.col);
    if (here.length > 0) singleLineLabels(here, leftColumn());

    // Multi-line labels: a `╭──^` under their first line, `╰──^ message` under their last (the
    // innermost first).
    columns.forEach((l, i) => {
      if (l.line !== lineNo || open.has(l)) return;
      out.push(`${pad}${bar} ${columnsLeftOf(i)}${paint(labelStyle(l), '╭' + '─'.repeat(reach(i, l.col)) + multiMark(l))}`);
      open.add(l);
    });
    for (let i = columns.length - 1; i >= 0; i--) {
      // biome-ignore lint/plugin: 0 <= i < columns.length
      const l = columns[i]!;
      if (l.endLine !== lineNo) continue;
      open.delete(l);
      const text = '╰' + '─'.repeat(reach(i, Math.max(l.endCol - 1, 1))) + multiMark(l);
      out.push(`${pad}${bar} ${columnsLeftOf(i)}${paint(labelStyle(l), text)}${l.message ? ' ' + paint(labelStyle(l), l.message) : ''}`);
    }
  }

  /** The `─` from column `i` to the source column `col`. */
  function reach(i: number, col: number): number {
    return 2 * (columns.length - i) - 1 + col - 1;
  }

  /** The multi-line labels' columns left of column `i`: a `│` for an open label, or room for it. */
  function columnsLeftOf(i: number): string {
    let text = '';
    for (let c = 0; c < i; c++) {
      // biome-ignore lint/plugin: 0 <= c < i <= columns.length
      text += open.has(columns[c]!) ? bar + ' ' : '  ';
    }
    return text;
  }

  /** What runs down the left of a source line or a single-line row: every multi-line column. */
  function leftColumn(): string {
    return columnsLeftOf(columns.length);
  }

  function singleLineLabels(here: Placed[], indent: string): void {
    const owner: Array<Placed | undefined> = [];
    for (const l of here) {
      const end = Math.max(l.endCol, l.col + 1);
      for (let c = l.col; c < end; c++) {
        const current = owner[c];
        if (!current || (l.primary && !current.primary)) owner[c] = l;
      }
    }
    // Runs of the same mark are painted once.
    let underline = '';
    for (let c = 1; c < owner.length; ) {
      const l = owner[c];
      let end = c + 1;
      while (
        end < owner.length &&
        (owner[end] === undefined) === (l === undefined) &&
        // biome-ignore lint/plugin: owner[end] is defined when l is (the line above)
        (!l || (mark(owner[end]!) === mark(l) && owner[end]!.primary === l.primary))
      )
        end++;
      underline += l ? paint(labelStyle(l), mark(l).repeat(end - c)) : ' '.repeat(end - c);
      c = end;
    }
    // biome-ignore lint/plugin: called only with labels here (`here.length > 0`)
    const last = here[here.length - 1]!;
    const inline = here.every((l) => l === last || Math.max(l.endCol, l.col + 1) <= last.col);
    const hanging = here.filter((l) => l.message !== '' && !(inline && l === last));
    out.push(`${pad}${bar} ${indent}${underline}${inline && last.message ? ' ' + paint(labelStyle(last), last.message) : ''}`);
    if (hanging.length === 0) return;
    const pointerRow = (upTo: number): string => {
      let row = '';
      for (let c = 1; c <= upTo; c++) {
        const l = hanging.find((h) => h.col === c);
        row += l ? paint(labelStyle(l), '│') : ' ';
      }
      return row;
    };
    out.push(`${pad}${bar} ${indent}${pointerRow(Math.max(...hanging.map((h) => h.col)))}`);
    for (let i = hanging.length - 1; i >= 0; i--) {
      // biome-ignore lint/plugin: 0 <= i < hanging.length
      const l = hanging[i]!;
      out.push(`${pad}${bar} ${indent}${pointerRow(l.col - 1)}${paint(labelStyle(l), l.message)}`);
    }
  }

  function emitSource(lineNo: number): void {
    const text = shownLine(sources, fileId, lineNo);
    // A multi-line label starting after only blanks opens on its line: `╭` beside the source.
    let gutter = '';
    for (const l of columns) {
      if (!open.has(l) && l.line === lineNo && [...text].slice(0, l.col - 1).every((c) => c === ' ' || c === '\t')) {
        gutter += paint(labelStyle(l), '╭') + ' ';
        open.add(l);
      } else gutter += open.has(l) ? bar + ' ' : '  ';
    }
    out.push(`${paint(STYLE.gutter, String(lineNo).padStart(width))} ${bar} ${gutter}${text}`.trimEnd());
  }
}

/** Lines shown after the first line of a multi-line label, and before its last. */
const MULTILINE_HEAD = 3;
const MULTILINE_TAIL = 1;

function mark(l: Placed): string {
  return l.primary ? '^' : '-';
}

/** The ends of a multi-line label: `^` for the primary one, `'` for secondary ones. */
function multiMark(l: Placed): string {
  return l.primary ? '^' : "'";
}

/** A tab is shown as spaces up to the next multiple of four columns, as the reference shows it. */
const TAB_STOP = 4;

function shownLine(sources: SourceRegistry, file: number, line: number): string {
  let shown = '';
  for (const c of sources.lineText(file, line)) shown += c === '\t' ? ' '.repeat(TAB_STOP - ([...shown].length % TAB_STOP)) : c;
  return shown;
}

/** The column at which character column `col` of `line` is shown, once tabs are expanded. */
function shownColumn(sources: SourceRegistry, file: number, line: number, col: number): number {
  let width = 0;
  for (const c of [...sources.lineText(file, line)].slice(0, col - 1)) width += c === '\t' ? TAB_STOP - (width % TAB_STOP) : 1;
  return width + 1 + Math.max(0, col - 1 - [...sources.lineText(file, line)].length);
}

function lineLength(sources: SourceRegistry, file: number, line: number): number {
  return [...sources.lineText(file, line)].length;
}
