export { evaluateFile, evaluateSource, type EvalOptions, type Evaluation, type FieldInfo } from './pipeline.js';
export { NickelError, type Label } from './diagnostics/error.js';
export type { ErrorKind } from './diagnostics/kinds.js';
export { SourceRegistry, type Source } from './source/registry.js';
export type { Importer, ResolvedFile } from './import/importer.js';
export { PlainRecord, type Plain } from './export/plain.js';
export type { Num } from './number/num.js';
export { definitionSpans, type Span } from './api-extra/definition-span.js';
