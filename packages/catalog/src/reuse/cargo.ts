/**
 * Asking cargo itself which units a build compiles: `cargo build --unit-graph` resolves features
 * (resolver 2, platform-specific and optional dependencies), profiles and build-overrides exactly
 * as the real build will, without compiling anything. The flag is unstable; RUSTC_BOOTSTRAP=1
 * lets a stable cargo print it (the graph's format is versioned: `parseUnitGraph` checks it).
 * Cargo downloads the packages whose manifests it needs (or reads them from CARGO_HOME).
 */
import { spawnSync } from 'node:child_process';
import { parseUnitGraph, type UnitGraph } from './units.js';

export interface UnitGraphRequest {
  /** The folder holding the Cargo.toml (package or workspace root). */
  readonly dir: string;
  /** `release`, `dev` or a custom profile. */
  readonly profile: string;
  /** The triple that stands for the building machine (its units become host units). */
  readonly hostTriple: string;
  /** A real cross target (`--target` in the consumer's build), when there is one. */
  readonly crossTarget?: string;
  readonly features?: readonly string[];
  readonly noDefaultFeatures?: boolean;
  /** Tests, benches and examples too (their dev-dependencies). */
  readonly allTargets?: boolean;
  /** Environment the build runs with (the cook environment); cargo's own settings in it apply. */
  readonly env?: Readonly<Record<string, string>>;
  readonly cargo?: string;
}

export type UnitGraphResult = { ok: true; graph: UnitGraph; cargoVersion: string } | { ok: false; message: string };

/** Variables of the caller's shell that would change the build's units; the build's own environment is what counts. */
const CALLER_BUILD_VARS =
  /^(CARGO_PROFILE_|CARGO_BUILD_|CARGO_TARGET_|CARGO_ENCODED_RUSTFLAGS$|RUSTFLAGS$|CARGO_INCREMENTAL$|RUSTC_WRAPPER$|RUSTC_WORKSPACE_WRAPPER$)/;

export function cargoUnitGraph(req: UnitGraphRequest): UnitGraphResult {
  const cargo = req.cargo ?? process.env.CARGO ?? 'cargo';
  const args = ['build', '--unit-graph', '-Z', 'unstable-options', '--locked', '--quiet'];
  args.push(...(req.profile === 'release' ? ['--release'] : ['--profile', req.profile]));
  args.push('--target', req.crossTarget ?? req.hostTriple);
  if (req.noDefaultFeatures) args.push('--no-default-features');
  if (req.features?.length) args.push('--features', req.features.join(','));
  if (req.allTargets) args.push('--all-targets');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !CALLER_BUILD_VARS.test(k)) env[k] = v;
  Object.assign(env, req.env ?? {}, { RUSTC_BOOTSTRAP: '1' });
  // A project's rust-toolchain.toml must not make rustup download its pin: the units do not depend
  // on the compiler's version (the rustc the build will use is compared separately).
  const pinned = rustupDefault();
  if (pinned !== undefined && env.RUSTUP_TOOLCHAIN === undefined) env.RUSTUP_TOOLCHAIN = pinned;
  const run = spawnSync(cargo, args, { cwd: req.dir, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (run.error)
    return {
      ok: false,
      message: `cannot run \`${cargo}\`: ${(run.error as NodeJS.ErrnoException).code ?? run.error.message} (lamina asks cargo which units the build compiles; install Rust or set CARGO)`,
    };
  if (run.status !== 0) return { ok: false, message: `\`cargo ${args.join(' ')}\` failed: ${cargoError(run.stderr)}` };
  try {
    const hostTriple = req.crossTarget ? undefined : req.hostTriple;
    return { ok: true, graph: parseUnitGraph(run.stdout, hostTriple), cargoVersion: cargoVersion(cargo, env) };
  } catch (e) {
    return { ok: false, message: `cargo's unit graph could not be read: ${(e as Error).message}` };
  }
}

/** The first `error:` of cargo's output and what follows it, in one line. */
function cargoError(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const end = lines.findIndex((l) => /^(Stack backtrace|Caused by)/.test(l));
  const useful = end >= 0 ? lines.slice(0, end) : lines;
  const at = useful.findIndex((l) => l.startsWith('error'));
  return (at >= 0 ? useful.slice(at, at + 4) : useful.slice(-3)).join(' ').slice(0, 400) || 'no message';
}

const versions = new Map<string, string>();

/** `cargo --version`, asked once per cargo (a manifest asks for a graph per platform and profile). */
function cargoVersion(cargo: string, env: Record<string, string>): string {
  let v = versions.get(cargo);
  if (v === undefined) {
    v = (spawnSync(cargo, ['--version'], { env, encoding: 'utf8' }).stdout ?? '').trim() || 'cargo (unknown version)';
    versions.set(cargo, v);
  }
  return v;
}

let defaultToolchain: string | null | undefined;

/** rustup's default toolchain (`stable-x86_64-unknown-linux-gnu`), or undefined without rustup. */
function rustupDefault(): string | undefined {
  if (defaultToolchain === undefined) {
    const env = { ...process.env };
    delete env.RUSTUP_TOOLCHAIN;
    const r = spawnSync('rustup', ['default'], { encoding: 'utf8', env });
    defaultToolchain = r.status === 0 ? (/^(\S+)/.exec(r.stdout)?.[1] ?? null) : null;
  }
  return defaultToolchain ?? undefined;
}
