import { delimiter, resolve } from 'node:path';
import { evaluateFile, evaluateSource, type Evaluation } from '../pipeline.js';
import { SourceRegistry } from '../source/registry.js';
import type { CliIo } from './io.js';
import type { InputOptions } from './options.js';

/** Where a command's program lives, and the registry its diagnostics are rendered with. */
export interface LoadedProgram {
  sources: SourceRegistry;
  /** Evaluates lazily: errors surface when the caller asks for a value. */
  evaluate(): Evaluation;
}

/**
 * Sets up the evaluation of the command's input: the file (or standard input for `-`), and the
 * import search path — the `-I` directories first, then NICKEL_IMPORT_PATH, as the reference does.
 */
export function loadProgram(input: InputOptions, io: CliIo): LoadedProgram {
  const sources = new SourceRegistry();
  const fromEnv = (io.env['NICKEL_IMPORT_PATH'] ?? '').split(delimiter).filter((p) => p !== '');
  const importPaths = [...input.importPaths, ...fromEnv];
  const maxStackMb = input.maxStackMb ?? stackLimitFromEnv(io.env['LAMINA_NICKEL_MAX_STACK_MB']);
  return {
    sources,
    evaluate: () => {
      if (input.files.length > 1) {
        const merged = input.files.map((f) => `(import ${nickelString(resolve(f))})`).join(' & ');
        return evaluateSource(merged, { name: '<merged inputs>', importPaths, sources, maxStackMb });
      }
      return input.file === '-'
        ? evaluateSource(io.readStdin(), { name: '<stdin>', importPaths, sources, maxStackMb })
        : evaluateFile(input.file, { importPaths, sources, maxStackMb });
    },
  };
}

/** LAMINA_NICKEL_MAX_STACK_MB, when it is a positive number (anything else leaves the default). */
function stackLimitFromEnv(text: string | undefined): number | undefined {
  const n = Number(text);
  return text !== undefined && text.trim() !== '' && n > 0 ? n : undefined;
}

/** A Nickel string literal holding `text`. */
function nickelString(text: string): string {
  return '"' + text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%\{/g, '\\%{').replace(/\n/g, '\\n') + '"';
}
