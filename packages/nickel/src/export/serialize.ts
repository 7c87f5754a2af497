import { expectedArray, notAString, numberOutOfRange, unsupportedNull } from '../diagnostics/export-errors.js';
import type { Span } from '../source/span.js';
import { numberToSci } from '../number/format.js';
import { type Num, compare, fromFloat } from '../number/num.js';
import { toJson } from './json.js';
import { PlainRecord, type Plain } from './plain.js';
import { toToml } from './toml.js';
import { toYaml, toYamlDocuments } from './yaml.js';

/**
 * The formats a plain value can be written in (`raw` is the reference's old name of `text`;
 * `yaml-documents` writes each element of an array as its own YAML document).
 */
export type SerializeFormat = 'json' | 'yaml' | 'yaml-documents' | 'toml' | 'text' | 'raw';

/**
 * Writes a plain value in a format, as the reference's `nickel export` writes it (JSON with a
 * trailing newline; YAML and TOML end in one anyway; text as is). Checks first what the reference
 * checks before serialising — numbers within ±f64::MAX, no null in TOML, a string for text — and
 * throws the same NickelError kinds. `std.serialize` uses `serializeValue`, which differs only in
 * the trailing newline.
 */
export function serialize(value: Plain, format: SerializeFormat, locate?: Locate): string {
  const text = serializeValue(value, format, locate);
  return format === 'json' ? text + '\n' : text;
}

/** The text `std.serialize` produces (no trailing newline for JSON). */
/**
 * Where the value at a path inside the exported value was defined, when the caller can tell
 * (exportValue asks the evaluation): serialisation errors then point at the source.
 */
export type Locate = (path: readonly (string | number)[]) => Span | undefined;

export function serializeValue(value: Plain, format: SerializeFormat, locate?: Locate): string {
  if (format === 'text' || format === 'raw') {
    if (typeof value !== 'string') {
      throw notAString(typeOf(value));
    }
    return value;
  }
  // JSON checks its numbers as it writes them (export/json.ts): what it hands to JSON.stringify is
  // in range by construction, and a number it cannot hand over is range-checked here first.
  if (format !== 'json') validate(value, format, [], locate);
  switch (format) {
    case 'json':
      return toJson(value, () => validate(value, format, [], locate));
    case 'yaml':
      return toYaml(value);
    case 'yaml-documents':
      if (!Array.isArray(value)) {
        throw expectedArray();
      }
      return toYamlDocuments(value);
    case 'toml':
      return toToml(value);
  }
}

/** The reference's name of a plain value's type, as error messages show it. */
export function typeOf(value: Plain): string {
  if (value === null) return 'Null';
  if (typeof value === 'boolean') return 'Bool';
  if (typeof value === 'string') return 'String';
  if (Array.isArray(value)) return 'Array';
  if (value instanceof PlainRecord) return 'Record';
  return 'Number';
}

const F64_MAX = fromFloat(Number.MAX_VALUE)!;
const F64_MIN = fromFloat(-Number.MAX_VALUE)!;

type PathElem = string | number;

function validate(value: Plain, format: SerializeFormat, path: PathElem[], locate: Locate | undefined): void {
  if (value === null) {
    if (format !== 'json' && format !== 'yaml') {
      throw unsupportedNull(format, locate?.(path), path);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      path.push(i);
      validate(item, format, path, locate);
      path.pop();
    });
  } else if (value instanceof PlainRecord) {
    for (const [name, item] of value.fields) {
      path.push(name);
      validate(item, format, path, locate);
      path.pop();
    }
  } else if (typeof value !== 'boolean' && typeof value !== 'string') {
    if (!inRange(value)) {
      throw numberOutOfRange(numberToSci(value), locate?.(path), path);
    }
  }
}

function inRange(n: Num): boolean {
  return typeof n === 'number' || (compare(n, F64_MIN) >= 0 && compare(n, F64_MAX) <= 0);
}
