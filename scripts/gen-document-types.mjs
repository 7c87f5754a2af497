#!/usr/bin/env node
// `pnpm gen`'s last step: the TypeScript types of the layer documents
// (packages/catalog/src/model/documents.generated.ts) from schemas/source/, printed by
// json-schema-to-typescript (a development dependency of the catalog package, so not a step of
// `lamina gen`). Needs `pnpm build` first. `--check` writes nothing and exits 1 when the file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSources } from '../packages/catalog/dist/schema-forms/source.js';
import { DOCUMENT_TYPES, documentTypesText } from '../packages/catalog/dist/schema-forms/typescript.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(repo, DOCUMENT_TYPES);
const text = await documentTypesText(readSources(repo));
let current;
try {
  current = readFileSync(file, 'utf8');
} catch {
  current = undefined;
}
if (current === text) {
  console.log(`ok: ${DOCUMENT_TYPES} is up to date`);
} else if (process.argv.includes('--check')) {
  console.error(`${DOCUMENT_TYPES}: stale: run \`pnpm gen\` and commit the result`);
  process.exit(1);
} else {
  writeFileSync(file, text);
  console.log(`wrote   ${DOCUMENT_TYPES}`);
}
