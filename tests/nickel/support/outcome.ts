/** What evaluating one program gave, in a form that crosses a worker boundary. */
export type Outcome =
  | { readonly status: 'export'; readonly json: string }
  /** `rendered`: the whole diagnostic as the CLI prints it (no colours), files named from the program's folder. */
  | { readonly status: 'error'; readonly kind: string; readonly message: string; readonly rendered: string }
  /** Anything thrown that is not a NickelError: always a bug of ours. */
  | { readonly status: 'crash'; readonly message: string }
  | { readonly status: 'timeout'; readonly ms: number };

import type { Expectation } from './corpus.js';

/** Why an outcome does not meet the expectation, or undefined when it does. */
export function mismatch(expected: Expectation, actual: Outcome): string | undefined {
  if (actual.status === 'crash') return `crash: ${firstLine(actual.message)}`;
  if (actual.status === 'timeout') return `timeout after ${actual.ms} ms`;
  if (expected.kind === 'export') {
    if (actual.status === 'error') return `want export, got ${actual.kind}: ${firstLine(actual.message)}`;
    return actual.json === expected.json ? undefined : 'wrong JSON';
  }
  if (actual.status === 'export') return `want ${expected.errorKind}, got an export`;
  return actual.kind === expected.errorKind ? undefined : `want ${expected.errorKind}, got ${actual.kind}`;
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 120 ? line.slice(0, 117) + '...' : line;
}
