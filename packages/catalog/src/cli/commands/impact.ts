/**
 * `lamina impact [LAYER|PATH]… [--since GIT_REF] [--format text|json|github-matrix|bake]`: what
 * must rebuild, in which waves, and why. The query is `impactOf` (impact/); this file turns the
 * command line into changes and the result into text.
 */
import { isAbsolute, normalize, relative, resolve, sep } from 'node:path';
import { loadCatalogAsync, type LoadedCatalog } from '../../index.js';
import { chainOf, impactOf, type ImpactChanges, type ImpactReason, type ImpactResult } from '../../impact/index.js';
import { changedSince } from '../../impact/git.js';
import { outputDifferences } from '../../impact/outputs.js';
import { checkoutRevision } from '../../impact/revision.js';
import { dockerfilePath } from '../../generate/bake.js';
import { canonicalRef, fingerprintRef, referencedLayers } from '../../generate/refs.js';
import { UsageError } from '../args.js';
import { EXIT_CATALOG_ERRORS, EXIT_OK, type CommandContext } from '../context.js';
import { catalogOptions, loadOrReport, noSuchLayer, plural } from './common.js';

const FORMATS = ['text', 'json', 'github-matrix', 'bake'] as const;
/** The `rebuild.schedule` values a scheduled run can ask for (`on_change` is every run). */
const SCHEDULES = ['weekly', 'monthly'];
type Format = (typeof FORMATS)[number];

export default async function impact(ctx: CommandContext): Promise<number> {
  const requested = ctx.invocation.values.format;
  const format: Format = ctx.json && requested === undefined ? 'json' : requested === undefined ? 'text' : (requested as Format);
  if (!FORMATS.includes(format)) throw new UsageError(`--format ${String(requested)}: expected one of ${FORMATS.join(', ')}`);
  if (ctx.json && format !== 'json' && format !== 'github-matrix') throw new UsageError(`--json and --format ${format} ask for two outputs: give one`);
  const since = ctx.invocation.values.since as string | undefined;
  const scheduled = ctx.invocation.values.scheduled as string | undefined;
  if (scheduled !== undefined && !SCHEDULES.includes(scheduled)) throw new UsageError(`--scheduled ${scheduled}: expected one of ${SCHEDULES.join(', ')}`);
  if (ctx.invocation.positionals.length === 0 && since === undefined && scheduled === undefined)
    throw new UsageError('nothing to look at: give layers, paths, --since GIT_REF or --scheduled weekly|monthly');
  const catalog = await loadOrReport(ctx);
  if (!catalog) return EXIT_CATALOG_ERRORS;
  const changes = await collectChanges(ctx, catalog, ctx.invocation.positionals, since);
  if (!changes) return EXIT_CATALOG_ERRORS;
  const result = impactOf(catalog, { ...changes, scheduled });
  if (format === 'json') ctx.out.json(impactJson(result));
  else if (format === 'github-matrix') ctx.out.json(githubMatrix(catalog, result));
  else if (format === 'bake') ctx.out.out(result.waves.flat().join(' '));
  else ctx.out.out(impactText(ctx, result));
  return EXIT_OK;
}

/**
 * Layer names and paths from the command line plus, with `since`, git's changed files. An
 * argument naming a layer is that layer; anything else is a path relative to the catalog root (or
 * absolute). Unknown names and paths outside the catalog are reported on stderr (undefined).
 * With `since`, the layers the paths reach are compared with their builds at that revision
 * (outputDifferences): one that renders identically is not rebuilt.
 */
export async function collectChanges(
  ctx: CommandContext,
  catalog: LoadedCatalog,
  args: readonly string[],
  since: string | undefined,
): Promise<ImpactChanges | undefined> {
  const layers: string[] = [];
  const paths: string[] = [];
  let bad = false;
  for (const arg of args) {
    if (catalog.layer(arg)) {
      layers.push(arg);
      continue;
    }
    if (!arg.includes('/') && !arg.includes('.')) {
      ctx.out.err(`lamina: ${noSuchLayer(catalog, arg)}`);
      bad = true;
      continue;
    }
    const abs = isAbsolute(arg) ? normalize(arg) : resolve(catalog.root, arg);
    const rel = relative(catalog.root, abs);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
      ctx.out.err(`lamina: ${arg}: outside the catalog (paths are relative to the catalog root)`);
      bad = true;
      continue;
    }
    paths.push(sep === '/' ? rel : rel.split(sep).join('/'));
  }
  if (since !== undefined) {
    const git = changedSince(catalog.root, since);
    if (!git.ok) {
      ctx.out.err(`lamina: --since ${since}: ${git.message}`);
      bad = true;
    } else paths.push(...git.paths);
  }
  if (bad) return undefined;
  if (since === undefined || paths.length === 0) return { layers, paths };
  const differences = await differencesSince(ctx, catalog, since, impactOf(catalog, { layers, paths }).changed);
  if (!differences) return undefined;
  return { layers, paths, outputDifferences: (name) => differences.get(name) ?? [] };
}

/** How each candidate's build differs from its build at `since` (the catalog there loaded aside). */
async function differencesSince(
  ctx: CommandContext,
  catalog: LoadedCatalog,
  since: string,
  candidates: readonly string[],
): Promise<Map<string, readonly string[]> | undefined> {
  const revision = checkoutRevision(catalog.root, since);
  if (!revision.ok) {
    ctx.out.err(`lamina: --since ${since}: ${revision.message}`);
    return undefined;
  }
  try {
    // A layer that did not load there (or did not exist) is new: it is rebuilt.
    const before = await loadCatalogAsync(revision.dir, catalogOptions(ctx));
    const out = new Map<string, readonly string[]>();
    for (const name of candidates) out.set(name, outputDifferences(catalog.buildInput(name), before.layer(name) ? before.buildInput(name) : undefined));
    return out;
  } finally {
    revision.dispose();
  }
}

export function impactJson(result: ImpactResult): unknown {
  return {
    changed: result.changed,
    affected: result.affected.map((a) => ({
      name: a.name,
      reasons: a.reasons.map((r) => (r.kind === 'parent' ? { ...r, chain: chainOf(result, r.parent).concat(a.name) } : r)),
    })),
    waves: result.waves,
    unmapped: result.unmapped,
    identical: result.identical,
  };
}

/**
 * One GitHub Actions matrix per wave: run wave n's job after wave n−1's (`needs`). A job builds
 * one layer; `bake` pins each parent to its content tag, so the job builds on the parent an
 * earlier wave pushed (or the published one, when not rebuilt), never on a moved tag and never
 * by rebuilding it through its `target:` context.
 */
export function githubMatrix(catalog: LoadedCatalog, result: ImpactResult): unknown {
  return {
    waves: result.waves.map((wave, i) => ({
      include: wave.map((name) => {
        const layer = catalog.layer(name)!;
        const pins = referencedLayers(layer).map((p) => {
          const parent = catalog.layer(p)!;
          return `--set ${name}.contexts.${canonicalRef(parent)}=docker-image://${fingerprintRef(parent)}`;
        });
        return {
          layer: name,
          wave: i,
          class: layer.class,
          context: layer.dir,
          dockerfile: dockerfilePath(name),
          image: `${layer.workflow.registry}/${name}:${layer.workflow.tags[0]}`,
          platforms: layer.workflow.platforms.join(','),
          bake: [...pins, name].join(' '),
        };
      }),
    })),
  };
}

export function describeReason(result: ImpactResult, layer: string, r: ImpactReason): string {
  switch (r.kind) {
    case 'named':
      return 'named on the command line';
    case 'scheduled':
      return `due on its ${r.schedule} schedule (rebuild.schedule: same inputs, fresh distro packages)`;
    case 'file-in-layer':
      return `${r.path} is in layers/${layer}/`;
    case 'imports':
      return `imports ${r.path} (${r.chain.join(' ← ')})`;
    case 'schema':
      return r.chain.length > 1 ? `contract ${r.path} (${r.chain.join(' ← ')})` : `schema ${r.path} validates every layer`;
    case 'template':
      return `Dockerfile rendered from ${r.path} (class ${r.class})`;
    case 'output':
      return `its build differs: ${r.differences.join(', ')}`;
    case 'parent':
      return `parent ${r.parent} rebuilds (${r.roles.join(', ')}; ${chainOf(result, r.parent).concat(layer).join(' → ')})`;
  }
}

function impactText(ctx: CommandContext, result: ImpactResult): string {
  const b = (s: string): string => ctx.out.paint('bold', s);
  const lines: string[] = [];
  if (result.affected.length === 0) lines.push('nothing to rebuild');
  else {
    lines.push(`changed: ${result.changed.join(', ')}`);
    lines.push(`rebuild ${plural(result.affected.length, 'layer')} in ${plural(result.waves.length, 'wave')}:`);
    result.waves.forEach((w, i) => lines.push(`  wave ${i}: ${w.join(' ')}`));
    lines.push('', 'why:');
    for (const a of result.affected) {
      lines.push(`  ${b(a.name)}`);
      for (const r of a.reasons) lines.push(`    - ${describeReason(result, a.name, r)}`);
    }
  }
  if (result.identical.length > 0) {
    lines.push('', 'not rebuilt, their builds render identically:');
    for (const a of result.identical) lines.push(`  ${b(a.name)} (${a.reasons.map((r) => ('path' in r ? r.path : r.kind)).join(', ')})`);
  }
  if (result.unmapped.length > 0) lines.push('', `no layer depends on: ${result.unmapped.join(', ')}`);
  return lines.join('\n');
}
