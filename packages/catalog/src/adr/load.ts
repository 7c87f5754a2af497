/**
 * Loads `adr/NNNN-title.ncl` the way layers are loaded: one synthetic Nickel program importing
 * every ADR through the catalog's confined importer, each exported separately (a broken ADR does
 * not hide the others), then validated against schemas/adr.schema.json with ajv. Mistakes are
 * diagnostics with file:line:col, like a layer's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve as resolvePath } from 'node:path';
import { definitionSpans, evaluateSource, NickelError, SourceRegistry, type Evaluation } from '@lamina/nickel';
import { CatalogImporter, plainToJson, type Json } from '../load/index.js';
import { nickelDiagnostic } from '../load/nickel-diagnostic.js';
import { relativeToRoot } from '../load/paths.js';
import { AdrCache } from './cache.js';
import { diagnostic, sortDiagnostics, type Diagnostic, type Position } from '../model/index.js';
import { explainErrors } from '../validate/messages.js';
import type { SchemaError } from '../validate/validators.js';
import type { Adr } from './model.js';

export const ADR_DIR = 'adr';
const ADR_FILE = /^(\d{4})-[a-z0-9][a-z0-9-]*\.ncl$/;
const PROGRAM = '<lamina adrs>';
const SCHEMA = 'adr.schema.json';

export interface AdrLoad {
  readonly adrs: readonly Adr[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface AdrLoadOptions {
  /** Where the JSON Schemas are (default `<root>/schemas`). */
  schemasDir?: string;
  /** Directory of the ADR cache; `false` disables it (default: the user's lamina cache). */
  cacheDir?: string | false;
}

export function loadAdrs(root: string, opts: AdrLoadOptions = {}): AdrLoad {
  const absRoot = resolvePath(root);
  const schemasDir = opts.schemasDir ?? join(absRoot, 'schemas');
  let names: string[];
  try {
    names = readdirSync(join(absRoot, ADR_DIR))
      .filter((f) => f.endsWith('.ncl'))
      .sort();
  } catch {
    return { adrs: [], diagnostics: [] };
  }
  const diagnostics: Diagnostic[] = [];
  for (const n of names.filter((n) => !ADR_FILE.test(n))) {
    diagnostics.push(
      diagnostic(
        'schema/violation',
        { file: `${ADR_DIR}/${n}`, line: 1, col: 1 },
        { field: '(file name)', reason: 'an ADR file is named `NNNN-title.ncl` (four digits, then lowercase words joined by dashes)' },
      ),
    );
  }
  const files = names.filter((n) => ADR_FILE.test(n));
  if (files.length === 0) return { adrs: [], diagnostics };
  const cache = diagnostics.length === 0 ? AdrCache.open(absRoot, opts.cacheDir) : undefined;
  const cached = cache?.reuse(files);
  if (cached) return { adrs: cached, diagnostics };

  const importer = new CatalogImporter(absRoot, []);
  const sources = new SourceRegistry();
  const program = `{\n${files.map((f) => `  "${f}" = import "${ADR_DIR}/${f}",\n`).join('')}}\n`;
  let evaluated: Evaluation | undefined;
  const evaluation = (): Evaluation => (evaluated ??= evaluateSource(program, { name: PROGRAM, importer, sources, eagerImports: false }));
  const validate = adrValidator(schemasDir);
  const adrs: Adr[] = [];
  for (const f of files) {
    const file = `${ADR_DIR}/${f}`;
    let value: Json;
    try {
      value = plainToJson(evaluation().toPlain([f]));
    } catch (e) {
      if (!(e instanceof NickelError)) throw e;
      diagnostics.push(nickelDiagnostic(e, { sources, importer, file, programName: PROGRAM }));
      continue;
    }
    const errors = validate.check(value);
    if (errors.length > 0) {
      for (const p of explainErrors(errors, value, validate.documents, { document: SCHEMA, pointer: '' })) {
        diagnostics.push(diagnostic('schema/violation', definitionOf(evaluation(), sources, f, file, p.path), { field: p.field, reason: p.reason }));
      }
      continue;
    }
    const adr = { ...(value as object), file } as Adr;
    const number = ADR_FILE.exec(f)![1];
    if (adr.id !== `ADR-${number}`) {
      diagnostics.push(
        diagnostic('schema/violation', definitionOf(evaluation(), sources, f, file, ['id']), {
          field: 'id',
          reason: `\`${adr.id}\` does not match the file name (expected \`ADR-${number}\`)`,
        }),
      );
      continue;
    }
    adrs.push(adr);
  }
  if (cache && diagnostics.length === 0) {
    const texts = new Map(importer.texts);
    for (const f of [SCHEMA, 'defs.schema.json']) texts.set(relativeToRoot(absRoot, join(schemasDir, f)), readFileSync(join(schemasDir, f), 'utf8'));
    cache.store(files, texts, adrs);
  }
  return { adrs, diagnostics: sortDiagnostics(diagnostics) };
}

/** The deepest definition of the value at `path` inside the ADR's own file, else its start. */
function definitionOf(evaluation: Evaluation, sources: SourceRegistry, key: string, file: string, path: readonly (string | number)[]): Position {
  const spans = definitionSpans(evaluation, [key, ...path]);
  for (let i = spans.length - 1; i >= 1; i--) {
    const span = spans[i];
    if (!span) continue;
    const name = sources.get(span.file).name;
    if (name !== file) continue;
    return { file, ...sources.lineCol(span.file, span.start) };
  }
  return { file, line: 1, col: 1 };
}

interface AdrValidator {
  check(value: Json): SchemaError[];
  readonly documents: ReadonlyMap<string, unknown>;
}

/** ajv over adr.schema.json and the documents it references; compiled only when first used. */
function adrValidator(schemasDir: string): AdrValidator {
  const texts = readdirSync(schemasDir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort();
  const documents = new Map<string, unknown>(texts.map((f) => [f, JSON.parse(readFileSync(join(schemasDir, f), 'utf8'))]));
  let fn: (((d: unknown) => boolean) & { errors?: unknown[] | null }) | undefined;
  return {
    documents,
    check(value) {
      if (!fn) {
        const require = createRequire(import.meta.url);
        const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
        const ajv = new Ajv2020({ strict: true, allErrors: true, useDefaults: true });
        for (const [name, doc] of documents) if (name === SCHEMA || name === 'defs.schema.json') ajv.addSchema(doc as object);
        const id = (documents.get(SCHEMA) as { $id?: string } | undefined)?.$id;
        if (!id) throw new Error(`schemas/${SCHEMA} is missing`);
        fn = ajv.getSchema(id) as typeof fn;
        if (!fn) throw new Error(`schemas/${SCHEMA} did not compile`);
      }
      return fn(value) ? [] : [...((fn.errors ?? []) as SchemaError[])];
    },
  };
}
