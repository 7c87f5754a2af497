/**
 * ajv's errors in plain words. ajv reports one error per failed keyword, branch by branch; a reader
 * wants one sentence per mistake, with the schema's own description of what was expected. So:
 * errors under a failed `anyOf`/`oneOf` or `propertyNames` collapse into that one error, `if`
 * (always followed by its `then` error) is dropped, and the reason quotes the nearest
 * `description` of the schema that failed.
 */
import type { Json } from '../load/index.js';
import type { SchemaError } from './validators.js';

export interface SchemaProblem {
  /** Path of the offending value (or, for a missing field, its record). */
  readonly path: (string | number)[];
  /** Readable field path: `toolchain.installer.downloads["linux/amd64"].sha256`. */
  readonly field: string;
  readonly reason: string;
}

export function explainErrors(
  errors: readonly SchemaError[],
  data: Json,
  documents: ReadonlyMap<string, unknown>,
  entry: string,
): SchemaProblem[] {
  const umbrella = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'propertyNames') umbrella.add(e.instancePath);
  }
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    const isUmbrella = e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'propertyNames';
    if (!isUmbrella && umbrella.has(e.instancePath) && (BRANCH_KEYWORDS.has(e.keyword) || e.schemaPath.includes('/propertyNames/'))) continue;
    const path = pointerToPath(e.instancePath, data);
    const value = valueAt(data, path);
    let target = path;
    let reason: string;
    const describe = (): string | undefined => descriptionFor(e.schemaPath, documents, entry);
    switch (e.keyword) {
      case 'required':
        reason = `missing required field \`${String(e.params.missingProperty)}\``;
        break;
      case 'additionalProperties':
        target = [...path, String(e.params.additionalProperty)];
        reason = `unknown field \`${String(e.params.additionalProperty)}\` (the record is closed: check the spelling)`;
        break;
      case 'propertyNames': {
        const name = String(e.params.propertyName);
        target = [...path, name];
        const d = describe();
        reason = `name \`${name}\` is not allowed${d ? `: ${d}` : ''}`;
        break;
      }
      case 'enum':
        reason = `${show(value)} is not one of ${(e.params.allowedValues as unknown[]).map(show).join(', ')}`;
        break;
      case 'const':
        reason = `must be ${show(e.params.allowedValue)}, not ${show(value)}`;
        break;
      case 'type':
        reason = `must be ${article(String(e.params.type))}, not ${typeOf(value)}`;
        break;
      case 'uniqueItems':
        reason = `items ${String(e.params.j)} and ${String(e.params.i)} are the same (${show(Array.isArray(value) ? value[Number(e.params.i)] : undefined)}); items must be unique`;
        break;
      case 'minItems':
        reason = `must have at least ${String(e.params.limit)} item${e.params.limit === 1 ? '' : 's'}`;
        break;
      case 'maxLength':
        reason = `is longer than ${String(e.params.limit)} characters`;
        break;
      case 'minLength':
        reason = `is shorter than ${String(e.params.limit)} characters`;
        break;
      case 'minimum':
        reason = `must be at least ${String(e.params.limit)}`;
        break;
      default: {
        const d = describe();
        reason = d ? `${show(value)} is not valid: ${lowerFirst(d)}` : `${show(value)} ${e.message ?? 'is not valid'}`;
      }
    }
    const key = `${target.join('\0')}\0${reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: target, field: fieldName(target), reason });
  }
  return out;
}

/** Keywords that judge a value itself: under a failed anyOf they are the branches' verdicts. */
const BRANCH_KEYWORDS = new Set(['pattern', 'not', 'const', 'enum', 'type', 'maxLength', 'minLength', 'allOf', 'format']);

/** JSON pointer → path segments; a segment is a number where the data there is an array. */
export function pointerToPath(pointer: string, data: Json): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let cur: Json | undefined = data;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      const i = Number(seg);
      out.push(i);
      cur = cur[i];
    } else {
      out.push(seg);
      cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, Json>)[seg] : undefined;
    }
  }
  return out;
}

function valueAt(data: Json, path: readonly (string | number)[]): Json | undefined {
  let cur: Json | undefined = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? cur[seg as number] : (cur as Record<string, Json>)[seg as string];
  }
  return cur;
}

export function fieldName(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(top level)';
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/**
 * The nearest `description` at or above the failed keyword. ajv's schemaPath names the document
 * (`defs.schema.json#/…`) or, after a `$ref`, sometimes only the fragment (`#/…`): try the named
 * document, then the entry document, then every other one.
 */
function descriptionFor(schemaPath: string, documents: ReadonlyMap<string, unknown>, entry: string): string | undefined {
  const hash = schemaPath.indexOf('#');
  const docName = hash > 0 ? schemaPath.slice(0, hash) : '';
  const segments = schemaPath
    .slice(hash + 1)
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
  const order = docName !== '' ? [docName] : [entry, ...[...documents.keys()].filter((k) => k !== entry)];
  for (const name of order) {
    const doc = documents.get(name);
    if (doc === undefined) continue;
    const chain: unknown[] = [doc];
    let cur: unknown = doc;
    let ok = true;
    for (const seg of segments.slice(0, -1)) {
      if (cur === null || typeof cur !== 'object' || !(seg in (cur as object))) {
        ok = false;
        break;
      }
      cur = (cur as Record<string, unknown>)[seg];
      chain.push(cur);
    }
    if (!ok) continue;
    for (let i = chain.length - 1; i >= 0; i--) {
      const node = chain[i];
      if (node && typeof node === 'object' && typeof (node as { description?: unknown }).description === 'string') {
        return (node as { description: string }).description.replace(/\.$/, '');
      }
    }
    return undefined;
  }
  return undefined;
}

function show(v: unknown): string {
  if (v === undefined) return 'the value';
  const s = JSON.stringify(v);
  return `\`${s.length > 80 ? s.slice(0, 77) + '...' : s}\``;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'a record';
  return article(typeof v);
}

function article(t: string): string {
  const word = t === 'object' ? 'record' : t === 'array' ? 'array' : t;
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}
