/**
 * A NickelError as a catalog diagnostic: positioned at its primary label (`file:line:col`), with the
 * error's message and the label and notes that explain it folded into one readable message.
 */
import type { NickelError, SourceRegistry, Span } from '@lamina/nickel';
import { diagnostic, type Diagnostic } from '../model/index.js';
import { lineColAt } from './paths.js';
import { nearest } from '../model/nearest.js';
import type { CatalogImporter } from './importer.js';

export interface NickelContext {
  readonly sources: SourceRegistry;
  readonly importer: CatalogImporter;
  /** The layer file being exported (relative to the root): where an unplaced error is reported. */
  readonly file: string;
  /** Name of the loader's own synthetic program: spans in it are never shown. */
  readonly programName: string;
}

export function nickelDiagnostic(err: NickelError, ctx: NickelContext): Diagnostic {
  const refused = ctx.importer.refused.get(err);
  if (refused) {
    const at = refused.from !== undefined ? importPosition(ctx, refused.from, refused.path) : { file: ctx.file };
    return diagnostic(refused.code, at, { path: refused.path, resolved: refused.resolved });
  }
  const label = err.labels.find((l) => l.primary) ?? err.labels[0];
  let at = label ? place(label.span, ctx) : undefined;
  const detail: string[] = [];
  if (err.kind === 'EvalError::BlameError') {
    // A contract from the shared schemas: the mistake is the layer's value. When the evaluator
    // blames the contract itself, point at the layer's definition of the field if it can be
    // found; either way say where the contract is.
    const contractLabel = err.labels.find((l) => l.message === 'expected type') ?? label;
    const contractAt = contractLabel ? place(contractLabel.span, ctx) : undefined;
    if (at && at.file !== ctx.file && at.file.startsWith('schemas/')) {
      const field = err.fields.field ?? /value of `([^`]+)`/.exec(err.message)?.[1];
      const def = field ? fieldDefinition(ctx, field) : undefined;
      if (def) at = def;
    }
    const tag = /tag `'([^`]+)` is not allowed by this enum type/.exec(err.message)?.[1];
    if (tag !== undefined && contractLabel) {
      const hint = nearest(tag.replace(/^"|"$/g, ''), enumTags(ctx, contractLabel.span));
      if (hint !== '') detail.push(hint.trim());
    }
    if (contractAt && at && contractAt.file !== at.file) detail.push(`(contract at ${contractAt.file}:${contractAt.line}:${contractAt.col})`);
  }
  if (err.kind === 'EvalError::MissingFieldDef' && at && at.file !== ctx.file && at.file.startsWith('schemas/') && label) {
    // A field the layer must define and did not: the author's file first — the record that lacks
    // it — then the contract that requires it.
    const parents = enclosingFields(ctx, label.span);
    const innermost = parents.at(-1);
    const owner = innermost === undefined ? undefined : fieldDefinition(ctx, innermost);
    detail.push(`(${parents.length ? `in \`${parents.join('.')}\`; ` : ''}required by the contract at ${at.file}:${at.line}:${at.col})`);
    at = owner ?? recordStart(ctx) ?? { file: ctx.file, line: 0, col: 0 };
  }
  if (!at || at.file === ctx.programName) at = { file: ctx.file, line: 0, col: 0 };
  let [headline = '', ...rest] = err.message.split('\n');
  // The loader imports every layer file, so its parse errors arrive as "in the imported file X":
  // the position already names X.
  const imported = /^parse error in the imported file `([^`]+)`: /.exec(headline);
  if (imported && imported[1] === at.file) headline = `parse error: ${headline.slice(imported[0].length)}`;
  let message = headline;
  for (const line of rest) if (line.trim() !== '') message += `: ${line.trim()}`;
  if (label?.message && !message.includes(label.message) && !/^(applied to this expression|expected type|required here)$/.test(label.message)) {
    message += ` (${label.message})`;
  }
  const tag = /expected an enum, got a String/.test(message) ? enumTagHint(ctx, at) : undefined;
  if (tag) message += ` (an enum value is a tag, not a string: write ${tag})`;
  for (const note of err.notes) message += `\n  note: ${note.replace(/\n/g, '\n        ')}`;
  if (detail.length) message += ` ${detail.join(' ')}`;
  return { ...diagnostic('load/nickel', at, { message }), layer: layerOf(ctx.file) };
}

/** The first string literal at the layer's definition, written as the enum tag it should be (`'"linux/amd64"`). */
function enumTagHint(ctx: NickelContext, at: { file: string; line?: number }): string | undefined {
  if (at.file !== ctx.file || !at.line) return undefined;
  const line = ctx.importer.texts.get(ctx.file)?.split('\n')[at.line - 1];
  const literal = line ? /"((?:[^"\\]|\\.)*)"/.exec(line)?.[1] : undefined;
  if (literal === undefined) return undefined;
  return /^[A-Za-z_][\w-]*$/.test(literal) ? `'${literal}` : `'"${literal}"`;
}

function layerOf(file: string): string | undefined {
  return /^layers\/([^/]+)\//.exec(file)?.[1];
}

/**
 * The record fields a contract's field sits in, outermost first (`source` for `sha256` in
 * `source | { …, sha256 | p.Sha256, … }`), read from the contract's text: each `{` the field is
 * inside, preceded by `name |`, `name =` or `name :`, is one level; a `{` after anything else
 * (`let X = A & {`) ends the walk.
 */
function enclosingFields(ctx: NickelContext, span: Span): string[] {
  const text = ctx.sources.get(span.file).text;
  const out: string[] = [];
  let depth = 0;
  for (let i = span.start - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '}') depth++;
    else if (c === '{') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const before = /(?:^|[\s{,(])("[^"\n]+"|[A-Za-z_][\w'-]*)\s*[|=:]\s*$/.exec(text.slice(Math.max(0, i - 200), i))?.[1];
      // A capitalised name is a contract's (`Workflow = {`), not a field of the layer's record.
      if (before === undefined || /^[A-Z]/.test(before)) break;
      out.unshift(before.replace(/^"|"$/g, ''));
    }
  }
  return out;
}

/** The tags of the enum type a contract's span holds (`[| 'autotools, 'cmake |]`), as written after `'`. */
function enumTags(ctx: NickelContext, span: Span): string[] {
  const text = ctx.sources.get(span.file).text.slice(span.start, span.end);
  const body = /\[\|([\s\S]*?)\|\]/.exec(text)?.[1] ?? '';
  return [...body.matchAll(/'("(?:[^"\\]|\\.)*"|[A-Za-z_][\w-]*)/g)].flatMap((m) => (m[1] === undefined ? [] : [m[1].replace(/^"|"$/g, '')]));
}

/** The layer file's own record: its first `{`. */
function recordStart(ctx: NickelContext): { file: string; line: number; col: number } | undefined {
  const text = ctx.importer.texts.get(ctx.file);
  if (text === undefined) return undefined;
  const m = /^\s*\{/m.exec(text) ?? /\{/.exec(text);
  if (!m) return undefined;
  const offset = m.index + m[0].indexOf('{');
  return { file: ctx.file, ...lineColAt(text, offset) };
}

function place(span: Span, ctx: NickelContext): { file: string; line: number; col: number } {
  const source = ctx.sources.get(span.file);
  const { line, col } = ctx.sources.lineCol(span.file, span.start);
  return { file: source.name, line, col };
}

/** Where `import "path"` is written in `file` (best effort: the first such literal). */
function importPosition(ctx: NickelContext, file: string, path: string): { file: string; line?: number; col?: number } {
  const text = ctx.importer.texts.get(file);
  if (text === undefined) return { file };
  const quoted = JSON.stringify(path);
  const m = new RegExp(`import\\s*${escapeRegExp(quoted)}`).exec(text);
  const offset = m ? m.index : text.indexOf(quoted);
  return offset < 0 ? { file } : { file, ...lineColAt(text, offset) };
}

/** The first `field =` (or `"field" =`) definition in the layer file being exported. */
function fieldDefinition(ctx: NickelContext, field: string): { file: string; line: number; col: number } | undefined {
  const text = ctx.importer.texts.get(ctx.file);
  if (text === undefined) return undefined;
  const name = escapeRegExp(field);
  const m = new RegExp(`(^|[\\s{,.])("${name}"|${name})\\s*(\\|[^=\\n]*)?=(?!=)`, 'm').exec(text);
  if (!m) return undefined;
  const offset = m.index + (m[1] ?? '').length; // the character before the name, or '' at a line's start
  return { file: ctx.file, ...lineColAt(text, offset) };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
