/**
 * `lamina cascade (--changed LAYER… | --since GIT_REF | --missing [--registry R]) [--build] [--engine bake|buildah] [--load|--push] [--dry-run]`:
 * the rebuild set of an impact, in build waves, and optionally its build. bake builds the whole
 * set in one invocation — one solve, in which each rebuilt parent reaches its children through
 * `target:` contexts, so no child is built on a stale published image — and pushes the results
 * (`--load` loads them into the local image store instead, for a single-platform builder).
 * buildah builds layer by layer, wave after wave, each wave only after the previous one
 * succeeded, children resolving their rebuilt parents from the local store. Parents outside the
 * rebuild set (the other sides of a diamond) are provided as their already-built images — the
 * canonical, pinned reference, listed with its fingerprint — never rebuilt and never skipped.
 * `--missing` asks the registry (`lamina status`) which layers' fingerprint tags are not published
 * and rebuilds exactly those and what depends on them, on the published parents by digest.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedCatalog } from '../../index.js';
import { impactOf, providedParents, type ImpactChanges, type ImpactResult } from '../../impact/index.js';
import { bakeEnvironment, dockerfilePath, dockerignorePath, resolveBakeValue } from '../../generate/bake.js';
import { canonicalRef } from '../../generate/refs.js';
import { shellQuoted } from '../../generate/quote.js';
import type { LayerStatus } from '../../registry/status.js';
import { UsageError } from '../args.js';
import { EXIT_CATALOG_ERRORS, EXIT_OK, type CommandContext } from '../context.js';
import { loadOrReport, plural } from './common.js';
import { collectChanges } from './impact.js';
import { statusOrReport } from './registry-status.js';

const ENGINES = ['bake', 'buildah'] as const;
type Engine = (typeof ENGINES)[number];
const BAKE_FILE = 'generated/docker-bake.json';

export default async function cascade(ctx: CommandContext): Promise<number> {
  const v = ctx.invocation.values;
  const changedArgs = ((v.changed as string[] | undefined) ?? []).flatMap((s) => s.split(',')).filter((s) => s !== '');
  const args = [...changedArgs, ...ctx.invocation.positionals];
  const since = v.since as string | undefined;
  const missingOnly = v.missing === true;
  if (missingOnly && (args.length > 0 || since !== undefined))
    throw new UsageError('--missing chooses the layers itself: give it without --changed or --since');
  if (!missingOnly && v.registry !== undefined && v.push !== true) throw new UsageError('--registry goes with --missing or --push');
  if (args.length === 0 && since === undefined && !missingOnly) throw new UsageError('nothing to rebuild: give --changed LAYER…, --since GIT_REF or --missing');
  const engine = (v.engine ?? 'bake') as Engine;
  if (!ENGINES.includes(engine)) throw new UsageError(`--engine ${String(v.engine)}: expected bake or buildah`);
  if ((v['dry-run'] === true || v.engine !== undefined || v.load === true) && v.build !== true)
    throw new UsageError('--engine, --load and --dry-run go with --build');
  if (v.load === true && engine !== 'bake') throw new UsageError('--load is for the bake engine (buildah keeps what it builds in its local store)');
  if (v.push === true && engine !== 'buildah') throw new UsageError('--push is for the buildah engine (bake always pushes, unless --load)');
  if (v.push === true && v.build !== true) throw new UsageError('--push goes with --build');

  const catalog = await loadOrReport(ctx);
  if (!catalog) return EXIT_CATALOG_ERRORS;
  // --missing: the layers whose fingerprint tag the registry does not hold, and what depends on them.
  let published: ReadonlyMap<string, LayerStatus> | undefined;
  let changes: ImpactChanges | undefined;
  if (missingOnly) {
    const status = await statusOrReport(ctx, catalog);
    if (!status) return EXIT_CATALOG_ERRORS;
    published = new Map(status.map((l) => [l.name, l]));
    changes = { layers: status.filter((l) => l.state === 'missing').map((l) => l.name), paths: [] };
  } else changes = await collectChanges(ctx, catalog, args, since);
  if (!changes) return EXIT_CATALOG_ERRORS;
  const result = impactOf(catalog, changes);
  const provided = providedImages(catalog, result, published);

  if (v.build !== true) {
    if (ctx.json) ctx.out.json({ changed: result.changed, waves: result.waves, provided, unmapped: result.unmapped });
    else ctx.out.out(planText(result, provided));
    return EXIT_OK;
  }

  let bake: BakeFile;
  try {
    bake = JSON.parse(readFileSync(join(catalog.root, BAKE_FILE), 'utf8')) as BakeFile;
  } catch {
    ctx.out.err(`lamina: ${BAKE_FILE}: missing or unreadable (run \`lamina gen\` first)`);
    return EXIT_CATALOG_ERRORS;
  }
  const push = v.push === true ? { registry: v.registry as string | undefined, rebuilt: new Set(result.waves.flat()) } : undefined;
  // Where `buildah push --digestfile` leaves each pushed layer's digest, for its children to pin.
  const digests = push && v['dry-run'] !== true && engine === 'buildah' ? mkdtempSync(join(tmpdir(), 'lamina-digests-')) : undefined;
  // bake: one step, the whole set in one solve; buildah: one step per wave.
  const steps: { label: string; layers: string[]; commands: string[][] }[] =
    engine === 'bake'
      ? result.waves.length
        ? [
            {
              label: `waves 0-${result.waves.length - 1} in one bake`,
              layers: result.waves.flat(),
              commands: [bakeCommand(result.waves.flat(), bake, v.load === true ? 'load' : 'push', provided)],
            },
          ]
        : []
      : result.waves.map((wave, i) => ({ label: `wave ${i}`, layers: [...wave], commands: wave.flatMap((l) => buildahCommands(catalog, l, bake, push)) }));

  if (v['dry-run'] === true) {
    const lines: string[] = [];
    if (push && engine === 'buildah') lines.push('DIGESTS=$(mktemp -d)');
    for (const p of provided) lines.push(`# provided: ${p.parent} as ${p.image} (fingerprint ${p.fingerprint}) for ${p.layers.join(', ')}`);
    result.waves.forEach((w, i) => lines.push(`# wave ${i}: ${w.join(' ')}`));
    for (const step of steps) for (const c of step.commands) lines.push(c.map(shellArg).join(' '));
    if (steps.length === 0) lines.push('# nothing to rebuild');
    ctx.out.out(lines.join('\n'));
    return EXIT_OK;
  }

  try {
    return runSteps(ctx, catalog, steps, result, digests);
  } finally {
    if (digests !== undefined) rmSync(digests, { recursive: true, force: true });
  }
}

function runSteps(
  ctx: CommandContext,
  catalog: LoadedCatalog,
  steps: readonly { label: string; layers: string[]; commands: string[][] }[],
  result: ImpactResult,
  digests: string | undefined,
): number {
  const built: string[] = [];
  for (const step of steps) {
    ctx.out.err(`lamina: ${step.label}: ${step.layers.join(' ')}`);
    for (const command of step.commands) {
      const c = digests === undefined ? command : command.map((arg) => withDigests(arg, digests));
      const [program, ...args] = c;
      if (program === undefined) continue; // an empty command runs nothing
      const r = spawnSync(program, args, { cwd: catalog.root, stdio: 'inherit', env: bakeEnvironment(process.env) });
      if (r.status !== 0) {
        ctx.out.err(`lamina: ${step.label} failed: ${c.map(shellQuoted).join(' ')} (${r.error ? r.error.message : `exit ${r.status}`})`);
        ctx.out.out(
          `built: ${built.join(' ') || '(nothing)'}\nnot built: ${result.waves
            .flat()
            .filter((n) => !built.includes(n))
            .join(' ')}`,
        );
        return EXIT_CATALOG_ERRORS;
      }
    }
    built.push(...step.layers);
  }
  ctx.out.out(`built ${plural(built.length, 'layer')} in ${plural(result.waves.length, 'wave')}: ${built.join(' ')}`);
  return EXIT_OK;
}

interface BakeFile {
  variable?: Record<string, { default: string }>;
  target?: Record<
    string,
    { contexts?: Record<string, string>; secret?: string[]; tags?: string[]; labels?: Record<string, string>; args?: Record<string, string> }
  >;
}

interface ProvidedImage {
  parent: string;
  image: string;
  fingerprint: string;
  /** The rebuilt layers that use it. */
  layers: string[];
}

/**
 * The parents outside the rebuild set, as the images to build on: the published build of their
 * exact fingerprint, by digest, when the registry was asked (`--missing`); else the canonical tag.
 */
function providedImages(catalog: LoadedCatalog, result: ImpactResult, published?: ReadonlyMap<string, LayerStatus>): ProvidedImage[] {
  const byParent = new Map<string, ProvidedImage>();
  for (const { layer, parent } of providedParents(catalog, result)) {
    const found = published?.get(parent.name);
    const image = found?.digest ? `${found.ref}@${found.digest}` : canonicalRef(parent);
    const p =
      byParent.get(parent.name) ??
      byParent.set(parent.name, { parent: parent.name, image, fingerprint: parent.fingerprint.slice(0, 12), layers: [] }).get(parent.name)!;
    p.layers.push(layer);
  }
  return [...byParent.values()].sort((a, b) => (a.parent < b.parent ? -1 : 1));
}

/**
 * One bake invocation for the whole rebuild set: a parent inside the set stays `target:<parent>`
 * (bake builds it in the same solve and hands it to its children); a parent outside it is pointed
 * at its published image, so bake builds exactly the set. The results are pushed (`--push`) or
 * loaded (`--load`): a build left in the builder's cache is not what the next build pulls.
 */
function bakeCommand(targets: readonly string[], bake: BakeFile, output: 'push' | 'load', provided: readonly ProvidedImage[]): string[] {
  const inSet = new Set(targets);
  // A parent the registry was asked about is pinned to its published build; else the reference stays.
  const image = new Map(provided.filter((p) => p.image.includes('@sha256:')).map((p) => [p.parent, p.image]));
  const sets: string[] = [];
  for (const t of targets) {
    for (const [ref, source] of Object.entries(bake.target?.[t]?.contexts ?? {}).sort()) {
      const parent = source.startsWith('target:') ? source.slice('target:'.length) : undefined;
      if (parent !== undefined && !inSet.has(parent)) sets.push('--set', `${t}.contexts.${ref}=docker-image://${image.get(parent) ?? ref}`);
    }
  }
  return ['docker', 'buildx', 'bake', '-f', BAKE_FILE, `--${output}`, ...sets, ...targets];
}

/**
 * buildah builds one layer per invocation; parents resolve by their reference from the local
 * store. With `push`, each built layer is pushed under all its tags (to `registry` instead of its
 * own when given), and a layer whose parent was rebuilt in this run takes it from the registry by
 * its content tag (`--build-context <ref>=docker-image://…:fp-…`): what a builder elsewhere would
 * pull, not a local leftover.
 */
function buildahCommands(
  catalog: LoadedCatalog,
  name: string,
  bake: BakeFile,
  push?: { registry: string | undefined; rebuilt: ReadonlySet<string> },
): string[][] {
  const layer = catalog.layer(name)!;
  // The bake file's tags, with its variables as this run sets them (REGISTRY=… in the environment).
  const env = bakeEnvironment(process.env);
  const resolve = (value: string): string => resolveBakeValue(value, { variable: bake.variable ?? {} }, env);
  const target = bake.target?.[name];
  const tagList = (target?.tags ?? layer.workflow.tags.map((t) => `${layer.workflow.registry}/${name}:${t}`)).map(resolve);
  // The catalog's own reference too: the Dockerfiles of its children name it in FROM.
  const tags = [...new Set([...tagList, canonicalRef(layer)])].flatMap((t) => ['-t', t]);
  const secrets = (target?.secret ?? []).flatMap((s) => ['--secret', s]);
  // What bake would set besides: the labels (an empty one is left out) and the build arguments.
  const labels = Object.entries(target?.labels ?? {})
    .map(([k, v]) => [k, resolve(v)] as const)
    .filter(([, v]) => v !== '')
    .sort()
    .flatMap(([k, v]) => ['--label', `${k}=${v}`]);
  const args = Object.entries(target?.args ?? {})
    .sort()
    .flatMap(([k, v]) => ['--build-arg', `${k}=${resolve(v)}`]);
  const plainHttp = push?.registry?.startsWith('http://') === true;
  const registryOf = (l: typeof layer): string => (push?.registry ?? l.workflow.registry).replace(/^https?:\/\//, '').replace(/\/+$/, '');
  const contexts: string[] = [];
  if (push) {
    for (const [ref, source] of Object.entries(bake.target?.[name]?.contexts ?? {}).sort()) {
      const parent = source.startsWith('target:') ? catalog.layer(source.slice('target:'.length)) : undefined;
      if (parent && push.rebuilt.has(parent.name)) {
        contexts.push('--build-context', `${ref}=docker-image://${registryOf(parent)}/${parent.name}:fp-${parent.fingerprint}@${DIGEST_OF(parent.name)}`);
      }
    }
  }
  const tls = plainHttp ? ['--tls-verify=false'] : [];
  const bud = [
    'buildah',
    'bud',
    '--format',
    'docker',
    ...(contexts.length ? tls : []),
    '-f',
    dockerfilePath(name),
    '--ignorefile',
    dockerignorePath(name),
    ...tags,
    ...labels,
    ...args,
    ...secrets,
    ...contexts,
    layer.dir,
  ];
  if (!push) return [bud];
  // The content tag goes first: its digest is the one the children pin.
  const content = tagList.filter((t) => t.endsWith(`:fp-${layer.fingerprint}`));
  const pushes = [...content, ...tagList.filter((t) => !content.includes(t))].map((t) => [
    'buildah',
    'push',
    ...tls,
    ...(content.includes(t) ? ['--digestfile', DIGEST_FILE(name)] : []),
    t,
    `docker://${registryOf(layer)}/${t.slice(t.lastIndexOf('/') + 1)}`,
  ]);
  return [bud, ...pushes];
}

// Placeholders in buildah commands: the digest file a push writes, and its content for the
// children. The run fills them in from its temporary folder; the dry-run prints shell that does.
const DIGEST_FILE = (layer: string): string => `\0file:${layer}\0`;
const DIGEST_OF = (layer: string): string => `\0digest:${layer}\0`;
const PLACEHOLDER = /\0(file|digest):([^\0]+)\0/g;

function withDigests(arg: string, dir: string): string {
  return arg.replace(PLACEHOLDER, (_, kind: string, layer: string) => (kind === 'file' ? join(dir, layer) : readFileSync(join(dir, layer), 'utf8').trim()));
}

/** One word of a printed command: quoted, with the placeholders as `$DIGESTS` shell expansions. */
function shellArg(arg: string): string {
  if (!arg.includes('\0')) return shellQuoted(arg);
  let out = '';
  let last = 0;
  for (const m of arg.matchAll(PLACEHOLDER)) {
    if (m.index > last) out += shellQuoted(arg.slice(last, m.index));
    out += m[1] === 'file' ? `"$DIGESTS/${m[2]}"` : `"$(cat "$DIGESTS/${m[2]}")"`;
    last = m.index + m[0].length;
  }
  return last < arg.length ? out + shellQuoted(arg.slice(last)) : out;
}

function planText(result: ImpactResult, provided: readonly ProvidedImage[]): string {
  if (result.waves.length === 0) return 'nothing to rebuild';
  const lines = [`rebuild ${plural(result.affected.length, 'layer')} in ${plural(result.waves.length, 'wave')} (changed: ${result.changed.join(', ')}):`];
  result.waves.forEach((w, i) => lines.push(`  wave ${i}: ${w.join(' ')}`));
  if (provided.length > 0) {
    lines.push('provided (already built, not rebuilt):');
    for (const p of provided) lines.push(`  ${p.parent} as ${p.image} (fingerprint ${p.fingerprint}) for ${p.layers.join(', ')}`);
  }
  return lines.join('\n');
}
