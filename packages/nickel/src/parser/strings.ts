/**
 * Strings: `"…"`, `m%"…"%` (indentation stripped), `prefix-s%"…"%` symbolic strings, and the
 * static strings (no interpolation) that doc annotations, imports and quoted tags use.
 */
import type { Expr, FieldDef, StrChunk, StrLit } from '../ast/nodes.js';
import { emptyMeta } from '../ast/nodes.js';
import type { Span } from '../source/span.js';
import type { Cursor } from './cursor.js';
import { parseTerm } from './terms.js';

export function atStringStart(p: Cursor): boolean {
  const k = p.peek().kind;
  return k === 'strStart' || k === 'mstrStart' || k === 'symStrStart';
}

/** A string literal or a symbolic string (which is sugar for a record). */
export function parseStringLike(p: Cursor): Expr {
  const open = p.peek();
  const start = open.start;
  const chunks = parseChunks(p);
  const span = p.span(start);
  if (open.kind === 'symStrStart') return symbolicString(open.value, chunks, span, p.file);
  return { kind: 'Str', chunks: chunks.filter((c) => c.kind !== 'Lit' || c.value !== ''), multiline: open.kind === 'mstrStart', span };
}

/** A string literal only (field names, `.` access): symbolic strings are rejected. */
export function parseString(p: Cursor): StrLit {
  if (p.peek().kind === 'symStrStart') p.fail('a string');
  const s = parseStringLike(p);
  return s as StrLit;
}

function parseChunks(p: Cursor): StrChunk[] {
  const open = p.next();
  const chunks: StrChunk[] = [];
  let text: string | undefined;
  for (;;) {
    const t = p.peek();
    if (t.kind === 'strLit') {
      p.next();
      text = text === undefined ? t.value : text + t.value;
    } else if (t.kind === 'interp') {
      p.next();
      if (text !== undefined) chunks.push({ kind: 'Lit', value: text });
      text = undefined;
      const expr = parseTerm(p);
      p.expect('}', '`}` to close the interpolation');
      chunks.push({ kind: 'Interp', expr, indent: 0 });
    } else if (t.kind === 'strEnd' || t.kind === 'mstrEnd') {
      p.next();
      break;
    } else {
      p.fail(open.kind === 'strStart' ? 'the closing `"` of the string' : 'the closing `"%` of the string');
    }
  }
  if (text !== undefined) chunks.push({ kind: 'Lit', value: text });
  if (open.kind !== 'strStart') stripIndent(chunks);
  return chunks;
}

/**
 * A string without interpolation: `"…"` always, `m%"…"%` when `multiline` is allowed. The token
 * that starts an interpolation is reported as unexpected.
 */
export function parseStaticString(p: Cursor, multiline: boolean, expected = 'a string'): string {
  const open = p.peek();
  if (!(open.kind === 'strStart' || (multiline && open.kind === 'mstrStart'))) p.fail(expected);
  p.next();
  const text = staticText(p, true, 'a string without interpolation', 'the end of the string');
  if (open.kind === 'mstrStart') {
    const chunks: StrChunk[] = [{ kind: 'Lit', value: text }];
    stripIndent(chunks);
    const [chunk] = chunks; // stripIndent keeps one literal chunk one literal chunk
    return chunk?.kind === 'Lit' ? chunk.value : '';
  }
  return text;
}

/** `"…"` after `'`: the quoted enum tag's name. */
export function parseQuotedTag(p: Cursor): string {
  p.next(); // `'"`
  return staticText(p, false, 'a tag without interpolation', 'the closing `"` of the tag');
}

/**
 * The text of a string's pieces up to its end (`"`, or `"%` too when `multilineEnd`), consumed;
 * an interpolation or anything else fails with the expectation given.
 */
function staticText(p: Cursor, multilineEnd: boolean, withoutInterpolation: string, end: string): string {
  let text = '';
  for (;;) {
    const t = p.peek();
    if (t.kind === 'strLit') {
      p.next();
      text += t.value;
    } else if (t.kind === 'strEnd' || (multilineEnd && t.kind === 'mstrEnd')) {
      p.next();
      return text;
    } else p.fail(t.kind === 'interp' ? withoutInterpolation : end);
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** The smallest indentation of a line holding something other than blanks. */
function minIndent(chunks: StrChunk[]): number {
  let min = Infinity;
  let current = 0;
  let startLine = true;
  for (const chunk of chunks) {
    if (chunk.kind === 'Interp') {
      if (startLine) {
        min = Math.min(min, current);
        startLine = false;
      }
      continue;
    }
    const s = chunk.value;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (startLine && isBlank(c)) current++;
      else if (c === 10) {
        current = 0;
        startLine = true;
      } else if (startLine) {
        min = Math.min(min, current);
        startLine = false;
      }
    }
  }
  return min;
}

/**
 * Multiline strings lose their common indentation (blank-only lines don't count), the first line
 * when it is blank, and the last line when it is blank. An interpolation that starts a line
 * records its indentation, so a multi-line value spliced there is indented to match; two
 * interpolations on one line cancel that.
 */
export function stripIndent(chunks: StrChunk[]): void {
  if (chunks.length === 0) return;
  const min = minIndent(chunks);
  let current = 0;
  let startLine = true;
  let exprOnLine: number | undefined;
  const unindent: number[] = [];
  for (const [index, chunk] of chunks.entries()) {
    if (chunk.kind === 'Interp') {
      if (startLine) {
        chunks[index] = { ...chunk, indent: current - min };
        startLine = false;
        exprOnLine = index;
      } else if (exprOnLine !== undefined) {
        unindent.push(exprOnLine);
        exprOnLine = undefined;
      }
      continue;
    }
    const s = chunk.value;
    const out: string[] = [];
    let i = 0;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (startLine && isBlank(c)) {
        if (current >= min) out.push(s.charAt(i));
        current++;
        i++;
      } else if (c === 10) {
        current = 0;
        startLine = true;
        exprOnLine = undefined;
        out.push('\n');
        i++;
      } else {
        // the rest of the line is copied as is
        startLine = false;
        let nl = s.indexOf('\n', i);
        if (nl < 0) nl = s.length;
        out.push(s.slice(i, nl));
        i = nl;
      }
    }
    let buffer = out.join('');
    if (index === 0) {
      const first = buffer.indexOf('\n');
      if (first >= 0 && allBlank(buffer, 0, first)) buffer = buffer.slice(first + 1);
    }
    if (index === chunks.length - 1) {
      const last = buffer.lastIndexOf('\n');
      if (last >= 0 && allBlank(buffer, last + 1, buffer.length)) buffer = buffer.slice(0, last);
    }
    chunks[index] = { kind: 'Lit', value: buffer };
  }
  for (const index of unindent) {
    const c = chunks[index];
    if (c?.kind === 'Interp') chunks[index] = { ...c, indent: 0 };
  }
}

function allBlank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isBlank(s.charCodeAt(i))) return false;
  return true;
}

/**
 * `nix-s%"a %{x} b"%` is sugar for `{ tag = 'SymbolicString, prefix = 'nix, fragments = ["a ", x,
 * " b"] }`: libraries interpret the fragments.
 */
function symbolicString(prefix: string, chunks: StrChunk[], span: Span, file: number): Expr {
  const field = (name: string, value: Expr): FieldDef => ({
    path: [{ kind: 'Static', name, span }],
    value,
    meta: emptyMeta(),
    span,
  });
  const fragments: Expr[] = chunks.map((c) => (c.kind === 'Lit' ? { kind: 'Str', chunks: c.value === '' ? [] : [c], multiline: true, span } : c.expr));
  void file;
  return {
    kind: 'Record',
    fields: [
      field('tag', { kind: 'Enum', tag: 'SymbolicString', arg: undefined, span }),
      field('prefix', { kind: 'Enum', tag: prefix, arg: undefined, span }),
      field('fragments', { kind: 'Array', items: fragments, span }),
    ],
    includes: [],
    open: false,
    span,
  };
}
