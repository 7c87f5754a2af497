/**
 * Diagnostics of serialising a value, one constructor per `ExportError` kind: each takes what
 * its message needs (the value's type, the format, where in the value) and owns the wording.
 */
import type { Span } from '../source/span.js';
import { NickelError, primary, secondary } from './error.js';

/** Where in the exported value: field names and array indices from the root. */
export type ValuePath = readonly (string | number)[];

/** "When exporting field `a.b[1]`", as the reference locates an export error inside the value. */
function pathNote(path: ValuePath): string[] {
  if (path.length === 0) return [];
  let text = '';
  path.forEach((elem, i) => {
    if (typeof elem === 'number') text += `[${elem}]`;
    else text += (i === 0 ? '' : '.') + elem;
  });
  return [`When exporting field \`${text}\``];
}

/**
 * A value no format can hold (a function, an enum variant, …), found at `path`: written at `at`,
 * and produced `via` an expression of another file when it is defined in a library. Our labels add
 * what the value is to the reference's wording.
 */
export function nonSerializable(
  value: { readonly type: string; readonly enumVariant: boolean },
  { at, via }: { readonly at: Span | undefined; readonly via: Span | undefined },
  path: ValuePath,
): NickelError {
  const what = value.enumVariant ? 'an enum variant' : `a ${value.type}`;
  return new NickelError('ExportError::NonSerializable', 'non serializable term', {
    labels: [...primary(at, `this is ${what}`), ...secondary(via, 'the exported value comes from here')],
    notes: [
      ...pathNote(path),
      ...(at ? [] : [`The value is ${what}.`]),
      'Nickel only supports serializing to and from strings, booleans, numbers, enum tags, `null` (depending on the format), as well as records and arrays of serializable values.',
      "Functions and special values (such as contract labels) aren't serializable.",
      'If you want serialization to ignore a specific value, please use the `not_exported` metadata.',
    ],
  });
}

/** A raw (text) export of a value of type `type` that is not a string. */
export function notAString(type: string): NickelError {
  return new NickelError('ExportError::NotAString', `raw export expects a String value, but got ${type}`);
}

/** A `yaml-documents` export of a value that is not an array. */
export function expectedArray(): NickelError {
  return new NickelError('ExportError::ExpectedArray', 'yaml-documents export expects an array');
}

/** A `null` at `path` exported to `format`, which has no null (TOML). */
export function unsupportedNull(format: string, at: Span | undefined, path: ValuePath): NickelError {
  return new NickelError('ExportError::UnsupportedNull', `${format} format doesn't support null values`, {
    labels: primary(at, 'this null'),
    notes: pathNote(path),
  });
}

/** A number (`number`, in scientific notation) beyond what a 64-bit float holds. */
export function numberOutOfRange(number: string, at: Span | undefined, path: ValuePath): NickelError {
  return new NickelError('ExportError::NumberOutOfRange', `The number ${number} is too large (in absolute value) to be serialized.`, {
    labels: primary(at, 'this number'),
    notes: [...pathNote(path), 'Only numbers in the range -1.7976931348623157e308 to 1.7976931348623157e308 can be portably serialized'],
  });
}

/**
 * `ExportError::Other`: the serialiser refused the value as a whole; `unsupportedType` is the
 * reference's (Rust serde) name of its type, e.g. a TOML document that is a `u64` rather than a map.
 */
export function exportOther(unsupportedType: string): NickelError {
  return new NickelError('ExportError::Other', 'serialization failed', { notes: [`unsupported ${unsupportedType} type`] });
}
