import { delimiter, join, resolve } from 'node:path';
import type { ParseCache } from '../analysis/parse-cache.js';
import { evaluateFile, evaluateSource, type Evaluation } from '../pipeline.js';
import { SourceRegistry } from '../source/registry.js';
import { launch, userCacheDir } from './code-cache.js';
import type { CliIo } from './io.js';
import { fileParseCache } from './parse-cache.js';
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
  const parseCache = treeStore(io);
  return {
    sources,
    evaluate: () => {
      if (input.files.length > 1) {
        const merged = input.files.map((f) => `(import ${nickelString(resolve(f))})`).join(' & ');
        return evaluateSource(merged, { name: '<merged inputs>', importPaths, sources, maxStackMb, parseCache });
      }
      return input.file === '-'
        ? evaluateSource(io.readStdin(), { name: '<stdin>', importPaths, sources, maxStackMb, parseCache })
        : evaluateFile(input.file, { importPaths, sources, maxStackMb, parseCache });
    },
  };
}

/**
 * The parsed trees of earlier runs, kept by the bundled CLI (whose build id names the parser that
 * made them) in the user's cache folder, where V8's code cache is; none when the cache folder is
 * switched off (LAMINA_NICKEL_CODE_CACHE_DIR empty) or the CLI runs unbundled.
 */
function treeStore(io: CliIo): ParseCache | undefined {
  const bundleId = launch()?.bundleId;
  const dir = userCacheDir(io.env);
  return bundleId === undefined || dir === undefined ? undefined : fileParseCache(join(dir, `trees-${bundleId}`));
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
