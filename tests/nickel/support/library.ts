/**
 * The library under test, as the cross-package tests see it. The root package does not depend on
 * @lamina/nickel, so the source entry is imported by path (tsx runs it from source; this is what
 * `@lamina/nickel` resolves to under `--conditions=source`).
 */
export { evaluateFile, evaluateSource, NickelError } from '../../../packages/nickel/src/index.js';
export type { Plain } from '../../../packages/nickel/src/index.js';
export { SourceRegistry } from '../../../packages/nickel/src/index.js';
export { FsImporter } from '../../../packages/nickel/src/import/fs.js';
export { renderText } from '../../../packages/nickel/src/diagnostics/render.js';
import type { Plain } from '../../../packages/nickel/src/index.js';
import { serializeValue } from '../../../packages/nickel/src/export/serialize.js';

/**
 * The JSON text `nickel export` prints for a value (without the CLI's trailing newline), through
 * the same serialiser and checks as the CLI (e.g. numbers beyond ±f64::MAX are refused).
 */
export function renderJson(value: Plain): string {
  return serializeValue(value, 'json');
}
