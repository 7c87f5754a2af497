import type { Plain } from '../export/plain.js';

/**
 * STUB (owned by the export work): parses the text of an imported data file (or a
 * `std.deserialize` argument) into a plain value. Throws a NickelError on malformed input.
 */
export function parseData(text: string, format: 'Json' | 'Yaml' | 'Toml', name: string): Plain {
  if (format === 'Json') return JSON.parse(text) as Plain;
  throw new Error(`parseData(${format}) not implemented yet for ${name}`);
}
