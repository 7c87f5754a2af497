import type { Plain } from './plain.js';

/** TODO */
export function toYaml(value: Plain): string {
  void value;
  throw new Error('YAML export not implemented yet');
}
