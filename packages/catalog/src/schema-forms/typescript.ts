/**
 * The TypeScript form: the types of the exported documents, for the library API
 * (model/documents.generated.ts), printed by json-schema-to-typescript from the same source. The
 * documents are typed as Nickel exports them: a property with a default is always present, so it
 * is required here. Run by `pnpm gen` (scripts/gen-document-types.mjs), compared by a test; the
 * generator is a development dependency, loaded only here.
 */
import { isSchema, parseRef, SOURCE_DIR, type Schema, type SourceDocument } from './source.js';

export const DOCUMENT_TYPES = 'packages/catalog/src/model/documents.generated.ts';

/** The names the roots of the documents are typed under. */
const ROOT_TYPES: Readonly<Record<string, string>> = { 'workflow.schema.json': 'workflow', 'adr.schema.json': 'adr' };

export async function documentTypesText(sources: readonly SourceDocument[]): Promise<string> {
  const { compile } = await import('json-schema-to-typescript');
  const defs: Record<string, unknown> = {};
  for (const doc of sources) {
    for (const [name, def] of Object.entries(isSchema(doc.schema.$defs) ? doc.schema.$defs : {})) {
      if (name in defs) throw new Error(`two definitions named \`${name}\` (${doc.files.source})`);
      defs[name] = exportedShape(def);
    }
    const root = ROOT_TYPES[doc.refName];
    if (root !== undefined) {
      const { $schema: _s, $id: _i, $defs: _d, ...shape } = doc.schema;
      defs[root] = exportedShape(shape);
    }
  }
  const bundle = { $id: 'documents', title: 'documents', type: 'object', additionalProperties: false, $defs: defs };
  const text = await compile(bundle as Parameters<typeof compile>[0], 'documents', {
    bannerComment: `/* generated from ${SOURCE_DIR}/*.json by pnpm gen (json-schema-to-typescript) — do not edit */`,
    additionalProperties: false,
    unreachableDefinitions: true,
    ignoreMinAndMaxItems: true,
    declareExternallyReferenced: true,
    format: true,
    style: { singleQuote: true, printWidth: 160, trailingComma: 'all', semi: true },
    $refOptions: { resolve: { external: false } },
  });
  // The bundle itself is only a holder of definitions.
  return text.replace(/\nexport interface Documents \{\}\n/, '\n');
}

/** The schema as Nickel's export has it: defaulted properties present, refs within the bundle, no x-lamina keywords. */
function exportedShape(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(exportedShape);
  if (!isSchema(node)) return node;
  // A reference with siblings (a field's own description) would be printed as a copy of the
  // referenced type under a new name: the field takes the referenced type as it is.
  if (typeof node.$ref === 'string') return { $ref: `#/$defs/${parseRef(node.$ref).def}` };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) if (!key.startsWith('x-lamina-')) out[key] = exportedShape(value);
  if (isSchema(node.properties)) {
    const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
    for (const [name, property] of Object.entries(node.properties as Record<string, Schema>)) {
      if ('default' in property || 'x-lamina-nickel-default' in property) required.add(name);
    }
    out.required = [...required];
  }
  return out;
}
