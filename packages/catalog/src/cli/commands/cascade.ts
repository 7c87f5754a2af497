/**
 * `lamina cascade (--changed LAYER… | --since GIT_REF) [--build] [--engine bake|buildah] [--dry-run]`:
 * the rebuild set of an impact, in build waves, and optionally its build. Each wave is one engine
 * invocation; a wave starts only after the previous one succeeded. Parents outside the rebuild
 * set (the other sides of a diamond) are provided as their already-built images — the canonical,
 * pinned reference, listed with its fingerprint — never rebuilt and never skipped.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedCatalog } from '../../index.js';
import { impactOf, providedParents, type ImpactResult } from '../../impact/index.js';
import { UsageError } from '../args.js';
import { EXIT_CATALOG_ERRORS, EXIT_OK, type CommandContext } from '../context.js';
import { loadOrReport, plural } from './common.js';
import { collectChanges } from './impact.js';

const ENGINES = ['bake', 'buildah'] as const;
type Engine = (typeof ENGINES)[number];
const BAKE_FILE = 'generated/docker-bake.json';

export default async function cascade(ctx: CommandContext): Promise<number> {
  const v = ctx.invocation.values;
  const changedArgs = ((v.changed as string[] | undefined) ?? []).flatMap((s) => s.split(',')).filter((s) => s !== '');
  const args = [...changedArgs, ...ctx.invocation.positionals];
  const since = v.since as string | undefined;
  if (args.length === 0 && since === undefined) throw new UsageError('nothing to rebuild: give --changed LAYER… or --since GIT_REF');
  const engine = (v.engine ?? 'bake') as Engine;
  if (!ENGINES.includes(engine)) throw new UsageError(`--engine ${String(v.engine)}: expected bake or buildah`);
  if ((v['dry-run'] === true || v.engine !== undefined) && v.build !== true) throw new UsageError('--engine and --dry-run go with --build');

  const catalog = await loadOrReport(ctx);
  if (!catalog) return EXIT_CATALOG_ERRORS;
  const changes = collectChanges(ctx, catalog, args, since);
  if (!changes) return EXIT_CATALOG_ERRORS;
  const result = impactOf(catalog, changes);
  const provided = providedImages(catalog, result);

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
  const waves = result.waves.map((wave) => (engine === 'bake' ? [bakeCommand(catalog, wave, bake)] : wave.map((l) => buildahCommand(catalog, l, bake))));

  if (v['dry-run'] === true) {
    const lines: string[] = [];
    for (const p of provided) lines.push(`# provided: ${p.parent} as ${p.image} (fingerprint ${p.fingerprint}) for ${p.layers.join(', ')}`);
    waves.forEach((cmds, i) => {
      lines.push(`# wave ${i}: ${result.waves[i]!.join(' ')}`);
      for (const c of cmds) lines.push(c.map(shellQuote).join(' '));
    });
    if (waves.length === 0) lines.push('# nothing to rebuild');
    ctx.out.out(lines.join('\n'));
    return EXIT_OK;
  }

  const built: string[] = [];
  for (const [i, cmds] of waves.entries()) {
    ctx.out.err(`lamina: wave ${i}: ${result.waves[i]!.join(' ')}`);
    for (const c of cmds) {
      const r = spawnSync(c[0]!, c.slice(1), { cwd: catalog.root, stdio: 'inherit' });
      if (r.status !== 0) {
        ctx.out.err(`lamina: wave ${i} failed: ${c.map(shellQuote).join(' ')} (${r.error ? r.error.message : `exit ${r.status}`})`);
        ctx.out.out(`built: ${built.join(' ') || '(nothing)'}\nnot built: ${result.waves.flat().filter((n) => !built.includes(n)).join(' ')}`);
        return EXIT_CATALOG_ERRORS;
      }
    }
    built.push(...result.waves[i]!);
  }
  ctx.out.out(`built ${plural(built.length, 'layer')} in ${plural(waves.length, 'wave')}: ${built.join(' ')}`);
  return EXIT_OK;
}

interface BakeFile {
  target?: Record<string, { contexts?: Record<string, string>; secret?: string[]; tags?: string[] }>;
}

interface ProvidedImage {
  parent: string;
  image: string;
  fingerprint: string;
  /** The rebuilt layers that use it. */
  layers: string[];
}

function providedImages(catalog: LoadedCatalog, result: ImpactResult): ProvidedImage[] {
  const byParent = new Map<string, ProvidedImage>();
  for (const { layer, parent } of providedParents(catalog, result)) {
    const p = byParent.get(parent.name) ?? byParent.set(parent.name, { parent: parent.name, image: canonical(catalog, parent.name), fingerprint: parent.fingerprint.slice(0, 12), layers: [] }).get(parent.name)!;
    p.layers.push(layer);
  }
  return [...byParent.values()].sort((a, b) => (a.parent < b.parent ? -1 : 1));
}

function canonical(catalog: LoadedCatalog, name: string): string {
  const l = catalog.layer(name)!;
  return `${l.workflow.registry}/${name}:${l.workflow.tags[0]}`;
}

/**
 * One bake invocation per wave. The bake file wires each parent as `target:<parent>`, which would
 * make bake rebuild it; a parent outside this wave (provided, or built by an earlier wave) is
 * pointed at its image instead, so bake builds exactly this wave's targets.
 */
function bakeCommand(catalog: LoadedCatalog, wave: readonly string[], bake: BakeFile): string[] {
  const inWave = new Set(wave);
  const sets: string[] = [];
  for (const t of wave) {
    for (const [ref, source] of Object.entries(bake.target?.[t]?.contexts ?? {}).sort()) {
      const parent = source.startsWith('target:') ? source.slice('target:'.length) : undefined;
      if (parent !== undefined && !inWave.has(parent)) sets.push('--set', `${t}.contexts.${ref}=docker-image://${ref}`);
    }
  }
  void catalog;
  return ['docker', 'buildx', 'bake', '-f', BAKE_FILE, ...sets, ...wave];
}

/** buildah builds one layer per invocation; parents resolve by their reference (local or pulled). */
function buildahCommand(catalog: LoadedCatalog, name: string, bake: BakeFile): string[] {
  const layer = catalog.layer(name)!;
  const tags = layer.workflow.tags.flatMap((t) => ['-t', `${layer.workflow.registry}/${name}:${t}`]);
  const secrets = (bake.target?.[name]?.secret ?? []).flatMap((s) => ['--secret', s]);
  return ['buildah', 'bud', '--format', 'docker', '-f', `generated/dockerfiles/${name}.Dockerfile`, ...tags, ...secrets, layer.dir];
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

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=,@+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
