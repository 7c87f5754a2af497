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

export function explainErrors(errors: readonly SchemaError[], data: Json, documents: ReadonlyMap<string, unknown>, entry: SchemaEntry): SchemaProblem[] {
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
    const describe = (): string | undefined => descriptionFor(e, path, documents, entry);
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

/** Where validation started: a schema document and a JSON pointer inside it ('' for the root). */
export interface SchemaEntry {
  readonly document: string;
  readonly pointer: string;
}

/**
 * The nearest `description` for the failed keyword. When ajv's schemaPath names its document
 * (`defs.schema.json#/$defs/sha256/pattern`) that place is exact. After a local `$ref` ajv
 * restarts the path at the reference's target (`#/anyOf`), which names no document: then the
 * schema is found by walking the instance path from the entry schema (properties, items,
 * additionalProperties, following `$ref`s), and its deepest description is used.
 */
function descriptionFor(e: SchemaError, path: readonly (string | number)[], documents: ReadonlyMap<string, unknown>, entry: SchemaEntry): string | undefined {
  const hash = e.schemaPath.indexOf('#');
  const docName = hash > 0 ? e.schemaPath.slice(0, hash) : '';
  if (docName !== '' && documents.has(docName)) {
    const segments = decodePointer(e.schemaPath.slice(hash + 1));
    const chain = walkPointer(documents.get(docName), segments.slice(0, -1));
    if (chain) {
      const d = deepestDescription(chain);
      if (d) return d;
    }
  }
  const start = walkPointer(documents.get(entry.document), decodePointer(entry.pointer));
  if (!start) return undefined;
  const chain: unknown[] = [];
  let cur: unknown = resolveRefs(start[start.length - 1], entry.document, documents, chain);
  for (const seg of path) {
    const node = cur as Record<string, unknown> | undefined;
    if (!node || typeof node !== 'object') break;
    const props = node.properties as Record<string, unknown> | undefined;
    let next: unknown;
    if (typeof seg === 'number') next = node.items;
    else if (props && seg in props) next = props[seg];
    else if (node.additionalProperties && typeof node.additionalProperties === 'object') next = node.additionalProperties;
    if (next === undefined) break;
    chain.length = 0;
    cur = resolveRefs(next, entry.document, documents, chain);
  }
  if (e.keyword === 'propertyNames' && cur && typeof cur === 'object') {
    const names = (cur as Record<string, unknown>).propertyNames;
    if (names !== undefined) {
      const own: unknown[] = [];
      resolveRefs(names, entry.document, documents, own);
      const d = deepestDescription(own);
      if (d) return d;
    }
  }
  return deepestDescription(chain);
}

/** Follows `$ref`s (to other documents by file name, or to `#/…` in `docName`), collecting each node. */
function resolveRefs(node: unknown, docName: string, documents: ReadonlyMap<string, unknown>, chain: unknown[]): unknown {
  let cur = node;
  let doc = docName;
  for (let guard = 0; guard < 16 && cur && typeof cur === 'object'; guard++) {
    chain.push(cur);
    const ref = (cur as { $ref?: unknown }).$ref;
    if (typeof ref !== 'string') break;
    const hash = ref.indexOf('#');
    const target = hash === 0 ? doc : ref.slice(0, hash < 0 ? undefined : hash);
    const found = walkPointer(documents.get(target), decodePointer(hash < 0 ? '' : ref.slice(hash + 1)));
    if (!found) break;
    doc = target;
    cur = found[found.length - 1];
  }
  return cur;
}

function decodePointer(pointer: string): string[] {
  return pointer
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The nodes from the document down to the pointer's target, or undefined when it does not exist. */
function walkPointer(doc: unknown, segments: readonly string[]): unknown[] | undefined {
  if (doc === undefined) return undefined;
  const chain: unknown[] = [doc];
  let cur: unknown = doc;
  for (const seg of segments) {
    if (cur === null || typeof cur !== 'object' || !(seg in (cur as object))) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
    chain.push(cur);
  }
  return chain;
}

function deepestDescription(chain: readonly unknown[]): string | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const node = chain[i];
    if (node && typeof node === 'object' && typeof (node as { description?: unknown }).description === 'string') {
      return (node as { description: string }).description.replace(/\.$/, '');
    }
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
  return /^[A-Z]([a-z ]|$)/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}
