/** Structural equality (`==`): numbers exactly, records and arrays deeply, functions never. */
import { incomparableValues } from '../diagnostics/eval-errors.js';
import { eq } from '../number/num.js';
import type { Span } from '../source/span.js';
import { ArrayValue, EnumValue, isFunc, isNum, RecordValue, SealedValue, typeName, type Value } from './value.js';

export function valuesEqual(a: Value, b: Value, span: Span | undefined): boolean {
  if (a === b && (a === null || typeof a !== 'object')) return true;
  if (isNum(a)) return isNum(b) && eq(a, b);
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return false;
  if (a instanceof ArrayValue) {
    if (!(b instanceof ArrayValue)) return false;
    if (a.items.length !== b.items.length) return false;
    for (let i = 0; i < a.items.length; i++) {
      if (!valuesEqual(a.items[i]!.force(), b.items[i]!.force(), span)) return false;
    }
    return true;
  }
  if (a instanceof RecordValue) {
    if (!(b instanceof RecordValue)) return false;
    const na = definedNames(a);
    const nb = definedNames(b);
    if (na.length !== nb.length) return false;
    for (const n of na) {
      const fb = b.fields.get(n);
      if (!fb?.value) return false;
      if (!valuesEqual(a.fields.get(n)!.value!.force(), fb.value.force(), span)) return false;
    }
    return true;
  }
  if (a instanceof EnumValue) {
    if (!(b instanceof EnumValue) || a.tag !== b.tag) return false;
    if (!a.arg || !b.arg) return !a.arg && !b.arg;
    return valuesEqual(a.arg.force(), b.arg.force(), span);
  }
  if (a instanceof SealedValue && b instanceof SealedValue) return false;
  if (typeName(a) !== typeName(b)) return false;
  if (isFunc(a) || typeof a === 'object') {
    throw incomparableValues(typeName(a), span);
  }
  return false;
}

function definedNames(r: RecordValue): string[] {
  const out: string[] = [];
  for (const [n, f] of r.fields) if (f.value || !f.optional) out.push(n);
  return out;
}
