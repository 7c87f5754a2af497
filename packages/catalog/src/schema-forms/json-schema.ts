/**
 * The JSON Schema form: the source without its `x-lamina-*` keywords (ajv's strict mode refuses
 * unknown keywords), a `$comment` naming the source, and no `default` on a required property
 * (the Nickel contract fills that one in; a JSON document must state it).
 */
import { generatedNotice, isSchema, type Schema, type SourceDocument } from './source.js';

export function jsonSchemaText(doc: SourceDocument): string {
  const { $schema, $id, ...rest } = doc.schema;
  const head: Record<string, unknown> = {};
  if ($schema !== undefined) head.$schema = $schema;
  if ($id !== undefined) head.$id = $id;
  head.$comment = generatedNotice(doc.files.source);
  return `${JSON.stringify({ ...head, ...(stripped(rest) as Schema) }, null, 2)}\n`;
}

function stripped(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripped);
  if (!isSchema(node)) return node;
  const required = Array.isArray(node.required) ? (node.required as unknown[]) : [];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-lamina-')) continue;
    if (key === 'properties' && isSchema(value)) {
      const properties: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(value)) {
        const clean = stripped(property);
        if (required.includes(name) && isSchema(clean) && 'default' in clean) {
          const { default: _filledIn, ...without } = clean;
          properties[name] = without;
        } else properties[name] = clean;
      }
      out[key] = properties;
    } else out[key] = stripped(value);
  }
  return out;
}
