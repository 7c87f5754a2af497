/** `lamina explain LAYER`: one layer and its place in the catalog. */
import type { BaseRef, LoadedCatalog } from '../../index.js';
import { compiledPackages, cookManifestFile, isSourceDep, readCookManifest, type CookManifest } from '../../reuse/manifest.js';
import { isCompiled, isDependency } from '../../reuse/units.js';
import { dockerfilePath } from '../../generate/bake.js';
import { CatalogRequestError } from '../args.js';
import { EXIT_CATALOG_ERRORS, EXIT_OK, type CommandContext } from '../context.js';
import { loadOrReport, nameArgument, noSuchLayer } from './common.js';

export default async function explain(ctx: CommandContext): Promise<number> {
  const name = nameArgument(ctx);
  const catalog = await loadOrReport(ctx);
  if (!catalog) return EXIT_CATALOG_ERRORS;
  const layer = catalog.layer(name);
  if (!layer) throw new CatalogRequestError(noSuchLayer(catalog, name));
  const facts = explainFacts(catalog, name);
  if (ctx.json) {
    ctx.out.json(facts);
    return EXIT_OK;
  }
  const b = (s: string): string => ctx.out.paint('bold', s);
  const list = (xs: readonly string[]): string => (xs.length ? xs.join(', ') : '—');
  const lines = [
    `${b(layer.name)} (${layer.class}) — ${layer.directives.summary}`,
    '',
    `  build base     ${showBase(layer.buildBase)}`,
    `  runtime base   ${showBase(layer.runtimeBase)}`,
    `  donors         ${list(layer.workflow.donors)}`,
    `  image          ${layer.workflow.registry}/${layer.name}:${layer.workflow.tags[0]} (tags: ${layer.workflow.tags.join(', ')})`,
    `  platforms      ${layer.workflow.platforms.join(', ')}`,
    `  wave           ${facts.wave ?? '— (in a cycle)'} of ${catalog.buildWaves().length}`,
    `  fingerprint    ${layer.fingerprint.slice(0, 12)} (${layer.fingerprint})`,
    `  parents        ${list(facts.parents)}`,
    `  ancestors      ${list(facts.ancestors)}`,
    `  children       ${list(facts.children)}`,
    `  descendants    ${list(facts.descendants)}`,
    '',
    ...cookLines(facts.cook),
    `  build context  ${facts.build.context.length ? facts.build.context.join(', ') : '— (the Nickel files are not sent)'}`,
    `  secrets        ${list(facts.build.secretIds)}`,
    '',
    `  input files:`,
    ...layer.inputFiles.map((f) => `    ${f}`),
    `  templates:`,
    ...(layer.templateFiles.length ? layer.templateFiles.map((f) => `    ${f}`) : ['    —']),
  ];
  ctx.out.out(lines.join('\n'));
  return EXIT_OK;
}

/** What a source-dep cooked, from its cook manifest. */
function cookLines(cook: ReturnType<typeof explainFacts>['cook']): string[] {
  if (cook === null) return [];
  if (cook.state !== 'fresh' && cook.state !== 'stale') return [`  cooked         — (${cook.file}: ${cook.state}${cook.note ? `, ${cook.note}` : ''})`, ''];
  const m = cook.manifest!;
  const c = m.cook;
  const lines = [
    `  cooked         profile${c.profiles.length > 1 ? 's' : ''} ${c.profiles.join(', ')}, ${c.target ?? 'host target'}, Rust ${m.toolchain?.rust ?? '?'} (${m.toolchain?.layer ?? '?'}), in ${c.targetDir}${cook.state === 'stale' ? ' — STALE: run `lamina gen`' : ''}`,
    ...Object.entries(m.platforms).map(
      ([platform, g]) =>
        `                 ${platform}: ${g.units.filter((u) => isCompiled(u) && isDependency(u)).length} dependency units, ${compiledPackages(g).length} packages`,
    ),
    `  cook env       ${Object.entries(c.env)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
    '',
  ];
  return lines;
}

function showBase(base: BaseRef): string {
  if (base.kind === 'layer') return `${base.name} (catalog layer)`;
  if (base.kind === 'scratch') return 'scratch';
  return `${base.ref} (external${base.digest ? ', pinned by digest' : ', tag only'})`;
}

export function explainFacts(catalog: LoadedCatalog, name: string) {
  const layer = catalog.layer(name)!;
  const wave = catalog.graph.waveOf(name);
  return {
    name,
    class: layer.class,
    summary: layer.directives.summary,
    build_base: layer.workflow.build_base,
    runtime_base: layer.workflow.runtime_base,
    donors: layer.workflow.donors,
    tags: layer.workflow.tags,
    platforms: layer.workflow.platforms,
    registry: layer.workflow.registry,
    parents: catalog.parents(name),
    children: catalog.children(name),
    ancestors: catalog.ancestors(name),
    descendants: catalog.descendants(name),
    wave: wave ?? null,
    edges: catalog.edges.filter((e) => e.to === name || e.from === name),
    fingerprint: layer.fingerprint,
    shortFingerprint: layer.fingerprint.slice(0, 12),
    inputFiles: layer.inputFiles,
    templateFiles: layer.templateFiles,
    build: buildFacts(catalog, name),
    cook: cookFacts(catalog, name),
  };
}

/** What BuildKit is given for this layer: what its fingerprint hashes (besides its parents'). */
function buildFacts(catalog: LoadedCatalog, name: string) {
  const input = catalog.buildInput(name);
  return {
    dockerfile: dockerfilePath(name),
    dockerfileSha256: input.dockerfileDigest.sha256,
    context: input.context.map((f) => f.path),
    secretIds: input.secretIds,
    args: input.args,
  };
}

/** A source-dep's cook manifest as `explain --json` gives it (null for other classes). */
function cookFacts(catalog: LoadedCatalog, name: string): { file: string; state: string; note?: string; manifest?: CookManifest } | null {
  const layer = catalog.layer(name)!;
  if (!isSourceDep(layer)) return null;
  const file = cookManifestFile(layer);
  const state = readCookManifest(catalog, layer);
  if (state.state === 'missing') return { file, state: 'missing', note: 'run `lamina gen --cook-manifests`' };
  if (state.state === 'invalid') return { file, state: 'invalid', note: state.message };
  return { file, state: state.state, manifest: state.manifest };
}
