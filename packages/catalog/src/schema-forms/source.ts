/**
 * The layer format's single source: `schemas/source/*.json`, one JSON Schema (2020-12) per
 * document type plus the shared definitions, with a few `x-lamina-*` keywords for what only the
 * Nickel contracts need (their messages, defaults that depend on other fields). Everything else
 * under schemas/ that describes the format is generated from it (json-schema.ts, nickel.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A JSON Schema node of the source. */
export type Schema = { readonly [keyword: string]: unknown };

/** One source document and the files generated from it, relative to the catalog root. */
export interface FormFiles {
  /** `schemas/source/<name>.json` */
  readonly source: string;
  /** The JSON Schema ajv applies and other tools read: `schemas/<name>.schema.json`. */
  readonly jsonSchema: string;
  /** The Nickel contracts layer files apply: `schemas/contracts/<module>.ncl`. */
  readonly nickel: string;
}

export const SOURCE_DIR = 'schemas/source';

/** The shared definitions first: the other documents refer to them as `p`. */
export const FORMS: readonly FormFiles[] = [
  { source: `${SOURCE_DIR}/defs.json`, jsonSchema: 'schemas/defs.schema.json', nickel: 'schemas/contracts/predicates.ncl' },
  { source: `${SOURCE_DIR}/build-directives.json`, jsonSchema: 'schemas/build-directives.schema.json', nickel: 'schemas/contracts/build.ncl' },
  { source: `${SOURCE_DIR}/workflow.json`, jsonSchema: 'schemas/workflow.schema.json', nickel: 'schemas/contracts/workflow.ncl' },
  { source: `${SOURCE_DIR}/adr.json`, jsonSchema: 'schemas/adr.schema.json', nickel: 'schemas/contracts/adr.ncl' },
];

/** The document holding the shared definitions, as `$ref`s name it. */
export const DEFS_DOCUMENT = 'defs.schema.json';

export interface SourceDocument {
  readonly files: FormFiles;
  /** The file name `$ref`s use for this document (`defs.schema.json`). */
  readonly refName: string;
  readonly schema: Schema;
}

export function readSources(root: string): SourceDocument[] {
  return FORMS.map((files) => ({
    files,
    refName: files.jsonSchema.slice('schemas/'.length),
    schema: JSON.parse(readFileSync(join(root, files.source), 'utf8')) as Schema,
  }));
}

/** The header every generated file carries (in the comment syntax of its language). */
export function generatedNotice(source: string): string {
  return `generated from ${source} by lamina gen — do not edit`;
}

export function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The definitions of a document (`$defs`), empty when it has none. */
export function defsOf(schema: Schema): Readonly<Record<string, Schema>> {
  const defs = schema.$defs;
  return isSchema(defs) ? (defs as Record<string, Schema>) : {};
}

/** A `$ref` split into its document (empty: the same one) and definition name. */
export function parseRef(ref: string): { document: string; def: string } {
  const match = /^([^#]*)#\/\$defs\/([^/]+)$/.exec(ref);
  if (!match) throw new Error(`unsupported $ref \`${ref}\`: only \`[document]#/$defs/<name>\``);
  return { document: match[1] ?? '', def: match[2] ?? '' };
}

/** `layerName` → `LayerName`: the name a definition's contract is exported under. */
export function contractName(def: string): string {
  return def.charAt(0).toUpperCase() + def.slice(1);
}
