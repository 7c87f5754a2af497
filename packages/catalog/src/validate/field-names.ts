/**
 * Every field name the catalog's JSON Schemas define (`properties` keys at any depth), for "did you
 * mean" on a field a closed contract refuses. Read only when such an error occurs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function schemaFieldNames(schemasDir: string): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'properties' && v !== null && typeof v === 'object') for (const name of Object.keys(v)) names.add(name);
        visit(v);
      }
    }
  };
  let files: string[] = [];
  try {
    files = readdirSync(schemasDir).filter((f) => f.endsWith('.schema.json'));
  } catch {
    return names;
  }
  for (const f of files) {
    try {
      visit(JSON.parse(readFileSync(join(schemasDir, f), 'utf8')));
    } catch {
      // an unreadable schema is reported by validation
    }
  }
  return names;
}
