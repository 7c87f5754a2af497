import type { Plain } from './plain.js';

/** TODO */
export function toToml(value: Plain): string {
  void value;
  throw new Error('TOML export not implemented yet');
}
