/**
 * What a downstream Cargo project asks for: its dependencies (direct requirements of every
 * workspace member, and the resolved packages of Cargo.lock when there is one) and its Rust
 * toolchain. Reading never throws for a mistake in the project: a missing Cargo.toml or a
 * malformed TOML file is a `ProjectError` carrying `file:line:col`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { picomatch } from '../lazy-deps.js';
import { parse, TomlError } from 'smol-toml';
import { byName } from '../model/order.js';

type Table = Record<string, unknown>;

/** A direct dependency as written in a manifest (after `workspace = true` inheritance). */
export interface Requirement {
  /** The crate's registry name (`package = …` when renamed). */
  readonly name: string;
  /** The cargo requirement; `*` when the manifest gives none. */
  readonly req: string;
  /** The member (package name) that declares it. */
  readonly member: string;
  /** `normal`, `dev` or `build`. */
  readonly kind: 'normal' | 'dev' | 'build';
  /** Features asked for, and whether the crate's default features stay on. */
  readonly features: readonly string[];
  readonly defaultFeatures: boolean;
  /** `cfg(windows)` or a triple when the dependency is platform-specific. */
  readonly platform?: string;
}

/** A registry package pinned in Cargo.lock. */
export interface Locked {
  readonly name: string;
  readonly version: string;
}

export interface ToolchainRequest {
  /** `rust-toolchain.toml`, `rust-toolchain` or `rust-version` (Cargo.toml). */
  readonly source: 'rust-toolchain.toml' | 'rust-toolchain' | 'rust-version';
  /** The channel (`1.88.0`, `1.88`, `stable`, `nightly-2025-06-01`) or the rust-version. */
  readonly value: string;
  /** Extra targets the project builds for (rust-toolchain.toml `targets`). */
  readonly targets: readonly string[];
}

export interface Project {
  /** Package names of the workspace members (or the single package). */
  readonly members: readonly string[];
  readonly requirements: readonly Requirement[];
  /** Registry packages of Cargo.lock, sorted; undefined without a lockfile. */
  readonly locked?: readonly Locked[];
  readonly toolchain?: ToolchainRequest;
  /** `build.rustflags` / `target.*.rustflags` of the project's `.cargo/config.toml`, when set. */
  readonly rustflags?: string;
}

export interface ProjectError {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly message: string;
  /** `project-manifest` (no Cargo.toml) or `project-toml` (a file that is not TOML). */
  readonly code: 'project-manifest' | 'project-toml';
}

export type ProjectResult = { ok: true; project: Project } | { ok: false; error: ProjectError };

class Failure extends Error {
  constructor(readonly detail: ProjectError) {
    super(detail.message);
  }
}

/** Reads the project rooted at `dir`; `display` turns a file path into the form errors show. */
export function readProject(dir: string, display: (file: string) => string = (f) => f): ProjectResult {
  try {
    return { ok: true, project: read(dir, display) };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, error: e.detail };
    throw e;
  }
}

function read(dir: string, display: (file: string) => string): Project {
  const rootManifest = join(dir, 'Cargo.toml');
  if (!existsSync(rootManifest)) {
    throw new Failure({
      file: display(rootManifest),
      line: 1,
      col: 1,
      message: 'no Cargo.toml here: `--project` must name the root of a Cargo package or workspace',
      code: 'project-manifest',
    });
  }
  const root = parseToml(rootManifest, display);
  const workspace = table(root.workspace);
  const inherited = table(workspace?.dependencies) ?? {};

  const manifests: { file: string; doc: Table }[] = [];
  if (table(root.package)) manifests.push({ file: rootManifest, doc: root });
  if (workspace) {
    for (const memberDir of workspaceMembers(dir, workspace)) {
      const file = join(memberDir, 'Cargo.toml');
      if (file === rootManifest) continue;
      manifests.push({ file, doc: parseToml(file, display) });
    }
  }

  const members = manifests.map((m) => String(table(m.doc.package)?.name ?? '?')).sort();
  const requirements: Requirement[] = [];
  for (const { doc } of manifests) {
    const member = String(table(doc.package)?.name ?? '?');
    for (const { deps, kind, platform } of dependencyTables(doc)) {
      for (const [key, spec] of Object.entries(deps)) {
        const r = requirementOf(key, spec, inherited);
        if (r && !members.includes(r.name)) requirements.push({ ...r, member, kind, ...(platform !== undefined ? { platform } : {}) });
      }
    }
  }
  requirements.sort((a, b) => cmp(a.name, b.name) || cmp(a.member, b.member) || cmp(a.req, b.req));

  const lockFile = join(dir, 'Cargo.lock');
  let locked: Locked[] | undefined;
  if (existsSync(lockFile)) locked = lockedPackages(parseToml(lockFile, display));

  const rootPackage = table(root.package);
  const rustVersion = rootPackage?.['rust-version'] ?? table(workspace?.package)?.['rust-version'];
  const rustflags = configuredRustflags(dir, display);
  return { members, requirements, ...(locked ? { locked } : {}), ...toolchainOf(dir, rustVersion, display), ...(rustflags !== undefined ? { rustflags } : {}) };
}

/** The registry packages of a parsed Cargo.lock (path and git packages are the project's own or not cookable by name). */
export function lockedPackages(lock: Table): Locked[] {
  const packages = Array.isArray(lock.package) ? (lock.package as Table[]) : [];
  const seen = new Map<string, Locked>();
  for (const p of packages) {
    if (typeof p.name !== 'string' || typeof p.version !== 'string') continue;
    if (typeof p.source !== 'string' || (!p.source.startsWith('registry+') && !p.source.startsWith('sparse+'))) continue;
    seen.set(`${p.name}@${p.version}`, { name: p.name, version: p.version });
  }
  return [...seen.values()].sort((a, b) => cmp(a.name, b.name) || cmp(a.version, b.version));
}

function toolchainOf(dir: string, rustVersion: unknown, display: (f: string) => string): { toolchain?: ToolchainRequest } {
  const tomlFile = join(dir, 'rust-toolchain.toml');
  const legacy = join(dir, 'rust-toolchain');
  if (existsSync(tomlFile)) {
    const tc = table(parseToml(tomlFile, display).toolchain);
    if (tc && typeof tc.channel === 'string') {
      const targets = Array.isArray(tc.targets) ? tc.targets.filter((t): t is string => typeof t === 'string') : [];
      return { toolchain: { source: 'rust-toolchain.toml', value: tc.channel, targets } };
    }
  } else if (existsSync(legacy) && statSync(legacy).isFile()) {
    const text = readFileSync(legacy, 'utf8');
    // The legacy file is either a bare channel name or TOML like rust-toolchain.toml.
    if (text.includes('[toolchain]')) {
      const tc = table(parseToml(legacy, display).toolchain);
      if (tc && typeof tc.channel === 'string') {
        const targets = Array.isArray(tc.targets) ? tc.targets.filter((t): t is string => typeof t === 'string') : [];
        return { toolchain: { source: 'rust-toolchain', value: tc.channel, targets } };
      }
    } else if (text.trim() !== '') {
      return { toolchain: { source: 'rust-toolchain', value: text.trim(), targets: [] } };
    }
  }
  if (typeof rustVersion === 'string') return { toolchain: { source: 'rust-version', value: rustVersion, targets: [] } };
  return {};
}

/** Directories of `[workspace] members`, globs expanded (picomatch), `exclude` honoured, sorted. */
function workspaceMembers(dir: string, workspace: Table): string[] {
  const patterns = strings(workspace.members);
  const exclude = strings(workspace.exclude).map(normalise);
  const found = new Set<string>();
  for (const pattern of patterns.map(normalise)) {
    if (!picomatch().scan(pattern).isGlob) {
      if (existsSync(join(dir, pattern, 'Cargo.toml'))) found.add(pattern);
      continue;
    }
    const isMatch = picomatch()(pattern);
    const base = picomatch().scan(pattern).base;
    for (const candidate of subdirectories(join(dir, base), 4)) {
      const rel = relative(dir, candidate).split(sep).join('/');
      if (isMatch(rel) && existsSync(join(candidate, 'Cargo.toml'))) found.add(rel);
    }
  }
  return [...found]
    .filter((m) => !exclude.some((e) => m === e || m.startsWith(`${e}/`)))
    .sort()
    .map((m) => join(dir, m));
}

function subdirectories(dir: string, depth: number): string[] {
  if (depth === 0 || !existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'target' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    out.push(path, ...subdirectories(path, depth - 1));
  }
  return out;
}

/** `[dependencies]`, `[dev-dependencies]`, `[build-dependencies]` and their `[target.'cfg'.…]` forms. */
type DependencyTable = { deps: Table; kind: Requirement['kind']; platform?: string };

function dependencyTables(doc: Table): DependencyTable[] {
  const kinds: [string, Requirement['kind']][] = [
    ['dependencies', 'normal'],
    ['dev-dependencies', 'dev'],
    ['build-dependencies', 'build'],
    ['dev_dependencies', 'dev'],
    ['build_dependencies', 'build'],
  ];
  const out: DependencyTable[] = [];
  for (const [k, kind] of kinds) if (table(doc[k])) out.push({ deps: table(doc[k])!, kind });
  for (const [platform, target] of Object.entries(table(doc.target) ?? {})) {
    for (const [k, kind] of kinds) {
      const t = table(table(target)?.[k]);
      if (t) out.push({ deps: t, kind, platform });
    }
  }
  return out;
}

type Written = Omit<Requirement, 'member' | 'kind' | 'platform'>;

function requirementOf(key: string, spec: unknown, inherited: Table): Written | undefined {
  if (typeof spec === 'string') return { name: key, req: spec, features: [], defaultFeatures: true };
  const t = table(spec);
  if (!t) return undefined;
  if (t.workspace === true) {
    const base = inherited[key];
    if (base === undefined) return undefined;
    const r = requirementOf(key, base, {});
    // A member adds features to the inherited ones (cargo unions them).
    return r && { ...r, features: [...new Set([...r.features, ...strings(t.features)])].sort() };
  }
  // Path and git dependencies are not on the registry, so no layer can have cooked them.
  if (t.path !== undefined || t.git !== undefined) return undefined;
  const name = typeof t.package === 'string' ? t.package : key;
  const defaultFeatures = t['default-features'] !== false && t.default_features !== false;
  return { name, req: typeof t.version === 'string' ? t.version : '*', features: strings(t.features).sort(), defaultFeatures };
}

/** RUSTFLAGS a project's own `.cargo/config.toml` (or `.cargo/config`) sets for every build. */
function configuredRustflags(dir: string, display: (f: string) => string): string | undefined {
  for (const name of ['config.toml', 'config']) {
    const file = join(dir, '.cargo', name);
    if (!existsSync(file)) continue;
    const doc = parseToml(file, display);
    const flags: string[] = [];
    const take = (v: unknown): void => {
      if (typeof v === 'string' && v.trim()) flags.push(v.trim());
      else flags.push(...strings(v));
    };
    take(table(doc.build)?.rustflags);
    for (const t of Object.values(table(doc.target) ?? {})) take(table(t)?.rustflags);
    return flags.length ? flags.join(' ') : undefined;
  }
  return undefined;
}

function parseToml(file: string, display: (f: string) => string): Table {
  const text = readFileSync(file, 'utf8');
  try {
    return parse(text) as Table;
  } catch (e) {
    if (e instanceof TomlError) {
      // smol-toml's message repeats the offending lines after a blank line; keep the first line.
      const message = (e.message.split('\n', 1)[0] ?? '').replace(/^Invalid TOML document: /, 'invalid TOML: ');
      throw new Failure({ file: display(file), line: e.line, col: e.column, message, code: 'project-toml' });
    }
    throw e;
  }
}

function table(v: unknown): Table | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? (v as Table) : undefined;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function normalise(p: string): string {
  return p.replace(/^\.\//, '').replace(/\/+$/, '');
}

const cmp = byName;
