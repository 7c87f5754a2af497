/**
 * Schema forms: from the one hand-written description of each document type
 * (`schemas/source/*.json`, source.ts), the JSON Schemas ajv applies (json-schema.ts) and the
 * Nickel contracts layer files apply (nickel.ts). `lamina gen` writes them, `gen --check` reports
 * a hand-edited one as stale; the TypeScript types of the library API come from the same JSON
 * Schemas (typescript.ts, run by `pnpm gen`). The output depends only on the source: byte-stable.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemaText } from './json-schema.js';
import { nickelText } from './nickel.js';
import { FORMS, SOURCE_DIR, readSources, type SourceDocument } from './source.js';
import { sync, type Outcome } from '../generate/write.js';

export { FORMS, SOURCE_DIR, readSources, generatedNotice, type SourceDocument, type FormFiles } from './source.js';

/** Every generated schema form (root-relative path → content), or undefined for a catalog without a source. */
export function schemaForms(root: string): Map<string, string> | undefined {
  if (!FORMS.every((f) => existsSync(join(root, f.source)))) return undefined;
  return formsOf(readSources(root));
}

export function formsOf(sources: readonly SourceDocument[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const doc of sources) {
    files.set(doc.files.jsonSchema, jsonSchemaText(doc));
    files.set(doc.files.nickel, nickelText(doc, sources));
  }
  return files;
}

/**
 * Writes the schema forms (or, with `check`, lists the stale ones). A source that does not
 * describe a form the generator knows is a bug in the source: its message names the file.
 */
export function syncSchemaForms(root: string, check: boolean): Outcome & { problem?: string } {
  let files: Map<string, string> | undefined;
  try {
    files = schemaForms(root);
  } catch (error) {
    return { written: [], removed: [], stale: [], unchanged: 0, problem: `${SOURCE_DIR}: ${(error as Error).message}` };
  }
  if (files === undefined) return { written: [], removed: [], stale: [], unchanged: 0 };
  return sync(root, files, [], check);
}
