import { definitionSpans } from '../api-extra/definition-span.js';
import type { Evaluation } from '../pipeline.js';
import { serialize, type SerializeFormat } from './serialize.js';

/**
 * The text `nickel export --format <format>` prints for an evaluated program, or for the field at
 * `fieldPath`: deep evaluation (contracts applied, `not_exported` dropped) then the serialiser's
 * own checks (numbers within ±f64::MAX, no null in TOML, a string for `raw`). Throws NickelError.
 */
export function exportValue(evaluation: Evaluation, format: SerializeFormat = 'json', fieldPath?: string[]): string {
  const base = fieldPath ?? [];
  return serialize(evaluation.toPlain(fieldPath), format, (path) => {
    const steps = [...base, ...path];
    const spans = definitionSpans(evaluation, steps);
    return spans.length === steps.length ? spans[spans.length - 1] : undefined;
  });
}

export type { SerializeFormat as ExportFormat };
