import { deserializationError } from '../diagnostics/eval-errors.js';
import { importParseError } from '../diagnostics/import-errors.js';
import type { Plain } from '../export/plain.js';
import { fromFloat } from '../number/num.js';
import { DataSyntaxError, parseJson } from './data-json.js';
import { exactDecimal, serdeJsonNumber, simplestFromFloat } from './data-numbers.js';
import { parseToml } from './data-toml.js';
import { parseYaml } from './data-yaml.js';

export type DataFormat = 'Json' | 'Yaml' | 'Toml' | 'YamlDocuments';

export interface ParseDataOptions {
  /**
   * `import` (a data file) or `deserialize` (`std.deserialize`): the reference reads numbers
   * differently in the two (see data-numbers.ts) and reports different error kinds.
   * Defaults to `deserialize` for the name `<deserialize>`, else `import`.
   */
  mode?: 'import' | 'deserialize';
  /** SourceRegistry id of the text, so a syntax error gets a label pointing into it. */
  file?: number;
}

/**
 * Parses the text of an imported data file (or a `std.deserialize` argument) into a plain value,
 * with the reference's semantics: exact numbers, YAML multi-document streams as arrays, keys as
 * strings. Throws a NickelError — `ImportError::ParseError` for an import,
 * `EvalError::DeserializationError` for `std.deserialize` — whose message reads like the
 * reference's (`json parse error: …`) and which points at the offending position when `file` is
 * given (else a note says where).
 */
export function parseData(text: string, format: DataFormat, name: string, opts: ParseDataOptions = {}): Plain {
  const mode = opts.mode ?? (name === '<deserialize>' ? 'deserialize' : 'import');
  try {
    switch (format) {
      case 'Json':
        return mode === 'import' ? parseJson(text, exactDecimal, 'merge') : parseJson(text, serdeJsonNumber, 'last');
      case 'Yaml':
        return parseYaml(text, false);
      case 'YamlDocuments':
        return parseYaml(text, true);
      case 'Toml':
        return parseToml(text, mode === 'import' ? fromFloat : simplestFromFloat, mode === 'deserialize');
    }
  } catch (e) {
    if (!(e instanceof DataSyntaxError)) throw e;
    const formatName = format === 'YamlDocuments' ? 'yaml' : format.toLowerCase();
    const at = opts.file === undefined ? undefined : { file: opts.file, start: e.offset, end: Math.min(e.offset + 1, text.length) };
    if (mode === 'deserialize') throw deserializationError(formatName, e.message, at);
    const position = opts.file === undefined ? { file: name, line: e.line, column: e.column } : undefined;
    throw importParseError({ kind: 'data', format: formatName, detail: e.message, at, position });
  }
}
