/**
 * The JSON Schema validators of a catalog (`<root>/schemas/*.schema.json`), compiled with ajv 2020.
 *
 * Compiling the schemas costs more CPU than evaluating the whole shipped catalog, and
 * `lamina validate` runs on every commit, so the compiled validators are kept as ajv "standalone"
 * code in the user's cache directory, keyed by the sha256 of the schemas, ajv's version and the
 * options: the first run compiles, later runs only load the code. The cache is an optimisation —
 * unwritable or corrupt, it is ignored.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Json } from '../load/index.js';
import { cacheDirOf, writeCacheFile } from '../cache/files.js';

export const SCHEMA_BASE = 'https://lamina.librecloud.online/schemas/';

/** The branch of build-directives.schema.json that applies to each class. */
export const CLASS_BRANCH = { toolchain: 'toolchain', 'source-dep': 'sourceDep', 'native-dep': 'nativeDep' } as const;

export interface SchemaError {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

/** Validates in place (fills in schema defaults) and returns the errors, empty when valid. */
export type Validate = (data: Json) => SchemaError[];

export interface Validators {
  /** `build-directives.schema.json` as a whole (used when `class` is missing or unknown). */
  readonly buildDirectives: Validate;
  readonly byClass: { readonly [C in keyof typeof CLASS_BRANCH]: Validate };
  readonly workflow: Validate;
  /** The parsed schema documents by file name, to find descriptions for messages. */
  readonly documents: ReadonlyMap<string, unknown>;
}

const AJV_OPTIONS = { strict: true, allErrors: true, useDefaults: true } as const;

const REFS = {
  buildDirectives: 'build-directives.schema.json',
  toolchain: 'build-directives.schema.json#/$defs/toolchain',
  sourceDep: 'build-directives.schema.json#/$defs/sourceDep',
  nativeDep: 'build-directives.schema.json#/$defs/nativeDep',
  workflow: 'workflow.schema.json',
} as const;

type ValidateFn = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

export interface ValidatorOptions {
  /** Directory of the compiled-validator cache; `false` disables it. */
  cacheDir?: string | false;
}

export function loadValidators(schemasDir: string, opts: ValidatorOptions = {}): Validators {
  const files = readdirSync(schemasDir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort();
  const texts = files.map((f) => [f, readFileSync(join(schemasDir, f), 'utf8')] as const);
  const documents = new Map<string, unknown>(texts.map(([f, text]) => [f, JSON.parse(text)]));
  const require = createRequire(import.meta.url);
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  const hash = createHash('sha256');
  hash.update(`ajv ${ajvVersion}\n${JSON.stringify(AJV_OPTIONS)}\n${JSON.stringify(REFS)}\n`);
  texts.forEach(([f, text]) => hash.update(`${f}\n${text}\n`));
  const key = hash.digest('hex').slice(0, 32);
  const cacheDir = cacheDirOf(opts.cacheDir);
  const cacheFile = cacheDir ? join(cacheDir, `validators-${key}.cjs`) : undefined;

  let code: string | undefined;
  if (cacheFile) {
    try {
      code = readFileSync(cacheFile, 'utf8');
    } catch {
      code = undefined;
    }
  }
  let fns: Record<string, ValidateFn> | undefined;
  if (code !== undefined) fns = instantiate(code, require);
  if (!fns) {
    code = compile([...documents.values()], require);
    fns = instantiate(code, require);
    if (!fns) throw new Error('ajv standalone code did not load');
    if (cacheFile && cacheDir) writeCacheFile(cacheFile, code);
  }
  const wrap =
    (fn: ValidateFn): Validate =>
    (data) =>
      fn(data) ? [] : [...(fn.errors ?? [])];
  return {
    buildDirectives: wrap(fns.buildDirectives!),
    byClass: { toolchain: wrap(fns.toolchain!), 'source-dep': wrap(fns.sourceDep!), 'native-dep': wrap(fns.nativeDep!) },
    workflow: wrap(fns.workflow!),
    documents,
  };
}

function compile(schemas: unknown[], require: NodeJS.Require): string {
  // Loaded only when the cache misses: ajv's compiler is the expensive part.
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const standalone = (require('ajv/dist/standalone/index.js') as { default: (ajv: unknown, refs: Record<string, string>) => string }).default;
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true } });
  for (const s of schemas) ajv.addSchema(s as object);
  const refs = Object.fromEntries(Object.entries(REFS).map(([k, v]) => [k, SCHEMA_BASE + v]));
  return standalone(ajv, refs);
}

function instantiate(code: string, require: NodeJS.Require): Record<string, ValidateFn> | undefined {
  try {
    const module = { exports: {} as Record<string, ValidateFn> };
    new Function('module', 'exports', 'require', code)(module, module.exports, require);
    const fns = module.exports;
    return Object.keys(REFS).every((k) => typeof fns[k] === 'function') ? fns : undefined;
  } catch {
    return undefined;
  }
}
