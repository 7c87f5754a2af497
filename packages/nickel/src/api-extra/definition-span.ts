/**
 * Where a value was defined: for tools that check an evaluated program against another schema
 * (the lamina catalog validates exported JSON with JSON Schema) and must point back at the Nickel
 * source that produced an offending value. Additive API, outside the evaluator's own modules.
 */
import type { Evaluation } from '../pipeline.js';
import type { Span } from '../source/span.js';
export type { Span };
import { withStackLimit } from '../eval/machine.js';
import type { Runtime } from '../eval/runtime.js';
import type { Thunk } from '../eval/thunk.js';
import { ArrayValue, RecordValue, type Field, type FieldDefn, type Value } from '../eval/value.js';

/**
 * For each step of `path` (record field names and array indices, from the program's root value),
 * the span of the expression that defines the value at that step — the winning definition after
 * merges and defaults (`name = "zlib"` → the span of `"zlib"`) — or undefined when the step has no
 * known source (e.g. a value computed natively) or does not exist. Stops at the first missing step.
 * Meant for values already exported (`toPlain` succeeded): it forces only what export forced.
 */
export function definitionSpans(evaluation: Evaluation, path: readonly (string | number)[]): (Span | undefined)[] {
  const { rt, root } = evaluation as unknown as { rt?: Runtime; root?: Thunk };
  if (!rt || !root) return [];
  const out: (Span | undefined)[] = [];
  try {
    withStackLimit(rt.limits.maxStackMb, () => follow(root, path, out));
  } catch {
    // A step that fails to evaluate has no definition to show; keep the spans found so far.
  }
  return out;
}

/** Pushes the span of each step of `path` from `root` onto `out`, up to the first missing one. */
function follow(root: Thunk, path: readonly (string | number)[], out: (Span | undefined)[]): void {
  let v: Value = root.force();
  for (const step of path) {
    if (v instanceof RecordValue && typeof step === 'string') {
      const field = v.fields.get(step);
      if (!field) return;
      out.push(fieldSpan(field));
      if (!field.value) return;
      v = field.value.force();
    } else if (v instanceof ArrayValue && typeof step === 'number') {
      const item = v.items[step];
      if (!item) return;
      out.push(item.span);
      v = item.force();
    } else return;
  }
}

function fieldSpan(field: Field): Span | undefined {
  return (field.defn && defnSpan(field.defn)) ?? field.span;
}

function defnSpan(defn: FieldDefn): Span | undefined {
  switch (defn.k) {
    case 'Rec':
      return defn.expr.span;
    case 'Path':
      return defn.span;
    case 'Fixed':
      return defn.thunk.span;
    case 'Merge':
      return defnSpan(defn.right) ?? defnSpan(defn.left) ?? defn.span;
  }
}
