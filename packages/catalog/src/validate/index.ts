/**
 * Validate: every exported layer file against its JSON Schema (the contract other tools share),
 * each error reported at the `.ncl` file, line and column that defined the offending value.
 * Build directives are validated against the branch their `class` names, as the schema's `oneOf`
 * would report every branch's complaints at once.
 */
import { join } from 'node:path';
import type { Json, LayerFileKind, LoadResult, LoadedLayer } from '../load/index.js';
import { LAYER_CLASSES, diagnostic, type BuildDirectives, type Diagnostic, type LayerClass, type Workflow } from '../model/index.js';
import { repeatedPackages } from './debian.js';
import { explainErrors, fieldName, type SchemaEntry } from './messages.js';
import { CLASS_BRANCH, loadValidators, type SchemaError, type ValidatorOptions, type Validators } from './validators.js';

export { loadValidators, type Validators, type ValidatorOptions } from './validators.js';
export { fieldName } from './messages.js';

export interface ValidLayerFiles {
  readonly directives: BuildDirectives;
  readonly workflow: Workflow;
}

export interface ValidationResult {
  /** Layers whose two files are both valid, by folder name. */
  readonly valid: ReadonlyMap<string, ValidLayerFiles>;
  readonly diagnostics: readonly Diagnostic[];
}

export function validateLayers(load: LoadResult, opts: ValidatorOptions & { schemasDir?: string; validators?: Validators } = {}): ValidationResult {
  const validators = opts.validators ?? loadValidators(opts.schemasDir ?? join(load.root, 'schemas'), opts);
  const diagnostics: Diagnostic[] = [];
  const valid = new Map<string, ValidLayerFiles>();
  for (const layer of load.layers) {
    if (layer.build === undefined || layer.workflow === undefined) continue;
    const build = checkBuild(layer, load, validators, diagnostics);
    const workflow = check(
      layer,
      'workflow',
      layer.workflow,
      validators.workflow,
      { document: 'workflow.schema.json', pointer: '' },
      load,
      validators,
      diagnostics,
    );
    if (build && workflow) valid.set(layer.name, { directives: build, workflow: withWorkflowDefaults(layer.workflow as unknown as Workflow) });
  }
  return { valid, diagnostics };
}

function checkBuild(layer: LoadedLayer, load: LoadResult, validators: Validators, out: Diagnostic[]): BuildDirectives | undefined {
  const data = layer.build!;
  const cls = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, Json>).class : undefined;
  if (cls === undefined) {
    // No class to dispatch on: the whole schema's verdict (it starts with `required: class`).
    const errors = validators.buildDirectives(data);
    return check(
      layer,
      'build',
      data,
      () => errors.filter((e) => e.instancePath === '' && e.keyword === 'required'),
      { document: 'build-directives.schema.json', pointer: '' },
      load,
      validators,
      out,
    );
  }
  if (typeof cls !== 'string' || !(LAYER_CLASSES as readonly string[]).includes(cls)) {
    out.push(diagnostic('schema/class-mismatch', load.definitionOf(layer.name, 'build', ['class']), { class: String(cls) }));
    return undefined;
  }
  const build = check<BuildDirectives>(
    layer,
    'build',
    data,
    validators.byClass[cls as LayerClass],
    { document: 'build-directives.schema.json', pointer: `/$defs/${CLASS_BRANCH[cls as LayerClass]}` },
    load,
    validators,
    out,
  );
  return build !== undefined && onePinPerPackage(layer, build, load, out) ? build : undefined;
}

/** What the schema cannot state: each Debian package pinned once in `system_packages` (debian.ts). */
function onePinPerPackage(layer: LoadedLayer, build: BuildDirectives, load: LoadResult, out: Diagnostic[]): boolean {
  const repeated = repeatedPackages(build.system_packages);
  for (const r of repeated) {
    const path = ['system_packages', r.index];
    out.push(
      diagnostic('schema/violation', load.definitionOf(layer.name, 'build', path), {
        field: fieldName(path),
        reason: `the Debian package \`${r.name}\` is already pinned by system_packages[${r.first}]; apt installs one version of a package, so keep one pin`,
      }),
    );
  }
  return repeated.length === 0;
}

function check<T>(
  layer: LoadedLayer,
  kind: LayerFileKind,
  data: Json,
  validate: (d: Json) => SchemaError[],
  entry: SchemaEntry,
  load: LoadResult,
  validators: Validators,
  out: Diagnostic[],
): T | undefined {
  const errors = validate(data);
  if (errors.length === 0) return data as unknown as T;
  for (const problem of explainErrors(errors, data, validators.documents, entry)) {
    out.push(diagnostic('schema/violation', load.definitionOf(layer.name, kind, problem.path), { field: problem.field, reason: problem.reason }));
  }
  return undefined;
}

/**
 * Defaults the schema states in prose rather than as `default` (the cache reference depends on
 * the registry and name). Nickel's contract fills them in; hand-written or contract-less files
 * get the same values here.
 */
function withWorkflowDefaults(w: Workflow): Workflow {
  const cache = (w as { cache?: Partial<Workflow['cache']> }).cache ?? {};
  const rebuild = (w as { rebuild?: Partial<Workflow['rebuild']> }).rebuild ?? {};
  return {
    ...w,
    cache: {
      enabled: cache.enabled ?? true,
      ref: cache.ref ?? `${w.registry}/cache/${w.name}:buildcache`,
      mode: cache.mode ?? 'max',
    },
    rebuild: { schedule: rebuild.schedule ?? 'on_change' },
  };
}
