/**
 * Diagnostics: every mistake the catalog tooling can find, as data. A diagnostic has a stable
 * code (the key of MESSAGES, never renamed once shipped), a severity and a position; `message`
 * is made from the code's template so the wording lives in one table. Functions that check the
 * catalog return diagnostics; only the CLI prints them.
 */
import { byName } from './order.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly severity: Severity;
  /** Stable code, e.g. `graph/unknown-reference`. */
  readonly code: DiagnosticCode;
  /** One line (Nickel errors may add indented detail lines after the first). */
  readonly message: string;
  /** Path relative to the catalog root, `/`-separated; `''` when the mistake has no file. */
  readonly file: string;
  /** 1-based; 0 when unknown. */
  readonly line: number;
  /** 1-based, in Unicode code points; 0 when unknown. */
  readonly col: number;
  /** The layer the mistake belongs to, when it belongs to one (also when `file` is a shared contract). */
  readonly layer?: string;
}

/** Message templates; `{name}` is replaced by the argument of that name. */
export const MESSAGES = {
  // load
  'load/no-layers': 'no `layers/` folder under the catalog root',
  'load/bad-folder-name': 'layer folder `{folder}` is not a valid layer name (lowercase letters, digits and single dashes)',
  'load/missing-file': 'layer `{layer}` has no `{file}`',
  'load/unreadable': 'cannot read `{file}`: {reason}',
  'load/import-escapes': 'import of `{path}` escapes the catalog root (resolved to `{resolved}`); layers may only import files inside the catalog',
  'load/import-symlink-escapes': 'import of `{path}` is a symbolic link leading outside the catalog root (`{resolved}`)',
  'load/import-absolute': 'import of `{path}` uses an absolute path; import catalog files by a relative path',
  'load/import-missing': 'import of `{path}` not found',
  'load/nickel': '{message}',
  'load/not-exportable': 'the value of `{file}` cannot be exported: {reason}',
  // validate
  'schema/violation': '{field}: {reason}',
  'schema/class-mismatch': 'build directives class `{class}` is not one of toolchain, source-dep, native-dep',
  // graph
  'graph/name-mismatch': '{what} `name` is `{name}` but the layer folder is `{folder}`',
  'graph/duplicate-name': 'layer name `{name}` is also used by `{other}`',
  'graph/unknown-reference': '{role} `{ref}` is neither a catalog layer nor a pinned external image',
  'graph/unpinned-base': '{role} `{ref}` is an external image without a tag or pinned to `latest`; pin `registry/repository:tag[@sha256:…]`',
  'graph/self-reference': '{role} of `{layer}` is the layer itself',
  'graph/cycle': 'dependency cycle: {path}',
  'graph/build-base-class': 'build_base `{parent}` is a {parentClass} layer; a layer builds on an external image or a toolchain layer',
  'graph/donor-class': 'donor `{parent}` is a {parentClass} layer; donors must be source-dep or native-dep layers',
  'graph/donor-external': 'donor `{ref}` is not a catalog layer; donors must be source-dep or native-dep layers of the catalog',
  'graph/platforms-not-subset': 'platforms {missing} of `{layer}` are not built by its {role} `{parent}` ({parentPlatforms})',
  'graph/unpinned-digest': '{role} `{ref}` is pinned by tag only; add `@sha256:<digest>` so rebuilds are reproducible',
  // generate
  'generate/unsafe-value': '{field}: {reason}',
  'generate/template': 'template error: {reason}',
  // reuse
  'reuse/manifest-stale': 'the cook manifest of `{layer}` does not match its recipe or cook settings: run `lamina gen --cook-manifests`',
  'reuse/manifest-invalid': 'the cook manifest of `{layer}` cannot be read: {reason}',
  'reuse/cargo-failed': 'cannot record what `{layer}` cooks: {reason}',
  // internal
  'internal/error': 'internal error: {message}',
} as const;

export type DiagnosticCode = keyof typeof MESSAGES;

export interface Position {
  file: string;
  line?: number;
  col?: number;
}

/** Builds a diagnostic from its code's template; unknown placeholders stay visible (`{x}`). */
export function diagnostic(code: DiagnosticCode, at: Position, args: Readonly<Record<string, string | number>> = {}, severity: Severity = 'error'): Diagnostic {
  const message = MESSAGES[code].replace(/\{(\w+)\}/g, (all, key: string) => (key in args ? String(args[key]) : all));
  const layer = /^layers\/([^/]+)\//.exec(at.file)?.[1] ?? (typeof args['layer'] === 'string' ? args['layer'] : undefined);
  const d = { severity, code, message, file: at.file, line: at.line ?? 0, col: at.col ?? 0 };
  return layer === undefined ? d : { ...d, layer };
}

/** `file:line:col: message` (what a terminal and an editor's problem matcher understand). */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file === '' ? '' : d.line > 0 ? `${d.file}:${d.line}:${d.col}: ` : `${d.file}: `;
  const sev = d.severity === 'warning' ? 'warning: ' : '';
  return `${where}${sev}${d.message} [${d.code}]`;
}

/** Sorted by file, line, column, code, message: output is byte-identical across runs. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.col - b.col || cmp(a.code, b.code) || cmp(a.message, b.message));
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

const cmp = byName;
