/**
 * Running a generated cook step and a printed consumer snippet on the host, with real cargo.
 *
 * Nothing is retyped: the cook's ENV, WORKDIR, cache mount and RUN command are read from the
 * generated Dockerfile, and the consumer's COPY, ENV and RUN from the snippet, with dockerfile-ast.
 * The image's absolute paths (`/lamina/…`, `/usr/local/cargo`, `/var/cache/lamina`, `/opt/lamina`)
 * are moved under one temporary root — the same root for the cook and every consumer, so cooked
 * units keep the absolute paths they were compiled at, exactly as in the images.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as DockerfileAst from 'dockerfile-ast';

const REPO_CATALOG = join(import.meta.dirname, '../../packages/catalog/package.json');
const { DockerfileParser } = createRequire(REPO_CATALOG)('dockerfile-ast') as typeof DockerfileAst;

/** The absolute paths an image uses that the host run moves under its root. */
const IMAGE_PATHS = /(?<![\w./-])\/(?:lamina|usr\/local\/cargo|var\/cache\/lamina|opt\/lamina)(?=[/\s"']|$)/g;

export function reroot(root: string, text: string): string {
  return text.replace(IMAGE_PATHS, (p) => `${root}${p}`);
}

export interface Stage {
  readonly name: string;
  readonly env: Record<string, string>;
  readonly workdir: string | undefined;
  readonly runs: { readonly command: string; readonly mounts: Record<string, string>[] }[];
  readonly copies: { readonly from: string | undefined; readonly args: string[] }[];
}

/** The stages of a Dockerfile: ENV (accumulated), last WORKDIR, RUN commands with their mounts, COPYs. */
export function stages(text: string): Stage[] {
  const out: Stage[] = [];
  let current:
    | { name: string; env: Record<string, string>; workdir: string | undefined; runs: Stage['runs'][number][]; copies: Stage['copies'][number][] }
    | undefined;
  for (const i of DockerfileParser.parse(text).getInstructions()) {
    const keyword = i.getKeyword();
    if (keyword === 'FROM') {
      current = { name: (i as DockerfileAst.From).getBuildStage() ?? '', env: {}, workdir: undefined, runs: [], copies: [] };
      out.push(current);
    } else if (!current) continue;
    else if (keyword === 'ENV') for (const p of (i as DockerfileAst.Env).getProperties()) current.env[p.getName()] = p.getValue() ?? '';
    else if (keyword === 'WORKDIR') current.workdir = i.getArgumentsContent() ?? undefined;
    else if (keyword === 'RUN') {
      const mounts = (i as DockerfileAst.Run)
        .getFlags()
        .filter((f) => f.getName() === 'mount')
        .map((f) => Object.fromEntries((f.getValue() ?? '').split(',').map((kv) => kv.split('=') as [string, string])));
      current.runs.push({ command: i.getArgumentsContent() ?? '', mounts });
    } else if (keyword === 'COPY') {
      current.copies.push({ from: (i as DockerfileAst.Copy).getFromFlag()?.getValue(), args: i.getArguments().map((a) => a.getValue()) });
    }
  }
  return out;
}

/** The environment of a host run: the caller's, without cargo settings of its own, plus `env`. */
export function hostEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(CARGO_(?!HOME$)|RUSTFLAGS$|RUSTC_WRAPPER$|PKG_CONFIG)/.test(k)) out[k] = v;
  // rustup's proxies find their toolchains in RUSTUP_HOME, whatever CARGO_HOME the build uses.
  out.RUSTUP_HOME ??= join(process.env.HOME ?? '/root', '.rustup');
  const tools = join(process.env.CARGO_HOME ?? join(process.env.HOME ?? '/root', '.cargo'), 'bin');
  out.PATH = `${tools}:${process.env.PATH ?? ''}`;
  return { ...out, ...env };
}

export function bash(command: string, cwd: string, env: NodeJS.ProcessEnv): { ok: boolean; output: string; stdout: string } {
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', command], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.slice(-4000), stdout: r.stdout ?? '' };
}

export interface Measured {
  /** Dependency units (compiler-artifact of non-path packages). */
  readonly total: number;
  readonly fresh: number;
  /** The units cargo compiled again, `name@version (kind)`. */
  readonly dirty: string[];
}

/** Counts what `cargo build --message-format=json` reports for the packages that are not the project's own. */
export function countFresh(stdout: string): Measured {
  let total = 0;
  let fresh = 0;
  const dirty: string[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const m = JSON.parse(line) as { reason: string; package_id?: string; fresh?: boolean; target?: { kind: string[] } };
    if (m.reason !== 'compiler-artifact' || !m.package_id || m.package_id.startsWith('path+')) continue;
    total++;
    if (m.fresh) fresh++;
    else dirty.push(`${m.package_id.slice(m.package_id.lastIndexOf('#') + 1)} (${m.target?.kind.join(',')})`);
  }
  return { total, fresh, dirty: dirty.sort() };
}

export interface HostCook {
  /** The cook step's environment (the base layer's CARGO_HOME plus the stage's ENV), moved under the root. */
  readonly env: Record<string, string>;
  /** The cooked target directory (CARGO_TARGET_DIR), under the root. */
  readonly targetDir: string;
  /** Wall time of the cook step, in seconds. */
  readonly seconds: number;
}

export interface HostCookRequest {
  /** The catalog root whose generated Dockerfile is run. */
  readonly catalogRoot: string;
  readonly layer: string;
  /** Where the image's absolute paths are moved to. */
  readonly imageRoot: string;
  /** The cache mount's folder, kept between runs (downloads). */
  readonly downloads: string;
  /** CARGO_HOME of the build base (the toolchain image's ENV). */
  readonly baseCargoHome: string;
  /** Makes a stand-in for a donor's prefix (the folder a `COPY --from` fills), given the layer's image reference. */
  readonly standIn: (prefix: string, image: string) => void;
  /** Where `cargo chef prepare` runs (a scratch folder). */
  readonly planDir: string;
  /** Folders put first on PATH (stand-ins for the toolchain image's tools). */
  readonly path?: readonly string[];
}

/** Runs a source-dep's generated planner and cook steps on the host, as its Dockerfile says. */
export function cookOnHost(req: HostCookRequest): HostCook {
  const dockerfile = readFileSync(join(req.catalogRoot, `generated/dockerfiles/${req.layer}.Dockerfile`), 'utf8');
  const all = stages(dockerfile);
  const planner = all.find((s) => s.name === 'planner');
  const build = all.find((s) => s.name === 'build');
  if (!planner || !build) throw new Error(`${req.layer}.Dockerfile has no planner and build stages`);
  const env = Object.fromEntries(Object.entries({ CARGO_HOME: req.baseCargoHome, ...build.env }).map(([k, v]) => [k, reroot(req.imageRoot, v)]));
  const targetDir = env.CARGO_TARGET_DIR;
  if (!targetDir) throw new Error(`${req.layer}: the cook step sets no CARGO_TARGET_DIR`);
  for (const c of build.copies.filter((c) => c.from && c.from !== 'planner')) req.standIn(reroot(req.imageRoot, c.args[c.args.length - 1]!), c.from!);

  const recipeDir = join(req.catalogRoot, 'layers', req.layer, planner.copies[0]!.args[0]!);
  cpSync(recipeDir, req.planDir, { recursive: true });
  const prepare = bash(planner.runs[0]!.command, req.planDir, hostEnv({}));
  if (!prepare.ok) throw new Error(`cargo chef prepare: ${prepare.output}`);

  const workdir = reroot(req.imageRoot, build.workdir!);
  mkdirSync(workdir, { recursive: true });
  cpSync(join(req.planDir, 'recipe.json'), join(workdir, 'recipe.json'));
  const cook = build.runs.find((r) => r.command.includes('cargo chef cook'));
  if (!cook) throw new Error(`${req.layer}.Dockerfile has no cook step`);
  // Cache mounts become folders under the root (cargo's downloads: one kept between runs); a
  // secret mount is left out, as when the build is given no secret.
  for (const m of cook.mounts) {
    if (m.type !== 'cache' || m.target === undefined) continue;
    const target = reroot(req.imageRoot, m.target);
    mkdirSync(dirname(target), { recursive: true });
    if (m.id === 'lamina-cargo') {
      mkdirSync(req.downloads, { recursive: true });
      if (!existsSync(target)) symlinkSync(req.downloads, target);
    } else mkdirSync(target, { recursive: true });
  }
  const started = process.hrtime.bigint();
  const path = req.path?.length ? { PATH: `${req.path.join(':')}:${hostEnv({}).PATH}` } : {};
  const cooked = bash(reroot(req.imageRoot, cook.command), workdir, hostEnv({ ...env, ...path }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!cooked.ok) throw new Error(`cook step: ${cooked.output}`);
  return { env, targetDir, seconds };
}
