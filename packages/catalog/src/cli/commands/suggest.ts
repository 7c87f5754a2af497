/**
 * `lamina suggest --project PATH`: the layers a downstream Cargo project should build on, ranked
 * by the dependency units cargo would find Fresh in each source-dep layer (asked of cargo: the
 * project's unit graph against the layer's cook manifest). A toolchain mismatch is an error
 * (exit 1) unless `--allow-mismatch`: cooked units are only reusable by the rustc that made them.
 */
import { relative, resolve } from 'node:path';
import { suggestFor, type SourceDepSuggestion, type Suggestion } from '../../suggest/index.js';
import { tripleOf } from '../../reuse/units.js';
import { UsageError } from '../args.js';
import { EXIT_CATALOG_ERRORS, EXIT_OK, type CommandContext } from '../context.js';
import { loadOrReport } from './common.js';

export default async function suggest(ctx: CommandContext): Promise<number> {
  const v = ctx.invocation.values;
  const project = v.project;
  if (typeof project !== 'string' || project === '') throw new UsageError('--project PATH is required (the root of the Cargo package or workspace)');
  const platform = typeof v.platform === 'string' ? v.platform : undefined;
  if (platform !== undefined && tripleOf(platform) === undefined)
    throw new UsageError(`--platform \`${platform}\` is not a Linux platform lamina knows (linux/amd64, linux/arm64, …)`);
  const profile = typeof v.profile === 'string' ? v.profile : undefined;
  if (profile !== undefined && !/^[a-z][a-z0-9_-]*$/.test(profile)) throw new UsageError(`--profile \`${profile}\` is not a cargo profile name`);
  const catalog = await loadOrReport(ctx);
  if (!catalog) return EXIT_CATALOG_ERRORS;
  // Paths in messages are relative to where the command runs, so output never holds absolute paths.
  const display = (file: string): string => relative(process.cwd(), file) || '.';
  const result = suggestFor(catalog, resolve(project), { display, ...(profile ? { profile } : {}), ...(platform ? { platform } : {}), dev: v.dev === true });
  if (!result.ok) {
    const e = result.error;
    ctx.out.err(`${e.file}:${e.line}:${e.col}: ${e.message} [${e.code}]`);
    return EXIT_CATALOG_ERRORS;
  }
  const s = result.suggestion;
  if (ctx.json) ctx.out.json(s);
  else ctx.out.out(renderText(ctx, s));
  if (!s.toolchain.matches && s.toolchain.requested && v['allow-mismatch'] !== true) {
    ctx.out.err(
      `error: toolchain mismatch: ${s.toolchain.reason} (cooked units are reusable only with the rustc that compiled them; --allow-mismatch to accept)`,
    );
    return EXIT_CATALOG_ERRORS;
  }
  return EXIT_OK;
}

function renderText(ctx: CommandContext, s: Suggestion): string {
  const b = (t: string): string => ctx.out.paint('bold', t);
  const basis = s.basis === 'Cargo.lock' ? `${s.dependencies} locked packages (Cargo.lock)` : `${s.dependencies} requirements (Cargo.toml, no Cargo.lock)`;
  const lines = [`${b('project')}     ${s.members.join(', ')} — ${basis}`];
  const build = `profile ${s.build.profile}, ${s.build.platform}${s.build.target ? `, --target ${s.build.target}` : ''}${s.build.dev ? ', with dev-dependencies' : ''}`;
  lines.push(`${b('build')}       ${build}: ${s.units === null ? 'units unknown' : `${s.units} dependency units`}`);
  if (s.reuseNote) lines.push(`            ${s.reuseNote}`);
  lines.push('');
  const tc = s.toolchain;
  lines.push(`${b('toolchain')}   ${tc.layer ?? '—'}${tc.image ? ` (${tc.image})` : ''}${tc.matches ? '' : ' — MISMATCH'}`, `            ${tc.reason}`, '');
  lines.push(
    b('source-dep layers') +
      (s.units === null ? ' (locked packages cooked at the same version; reuse not predicted)' : ' (dependency units cargo would find Fresh, best first)'),
  );
  for (const d of s.sourceDeps) lines.push(`  ${d.name.padEnd(14)} ${scoreText(d, s.reuseNote !== undefined)}`);
  const best = s.sourceDeps.find((d) => d.score > 0);
  if (best?.reuse) {
    const r = best.reuse;
    lines.push('', `  ${best.name}: ${r.units} of ${r.total} units reusable`);
    const kinds = Object.entries(r.summary).sort((a, b) => b[1] - a[1]);
    for (const [kind, n] of kinds) {
      const example = r.blockers.find((x) => x.kind === kind)!;
      lines.push(
        `    ${String(n).padStart(4)} ${kind}${kind === 'profile-differs' ? ` (${r.profileKeys.join(', ')})` : ''}: e.g. ${example.unit}: ${example.detail}`,
      );
    }
  }
  lines.push('', b('native-dep layers'));
  if (!s.nativeDeps.length) lines.push('  — (no crate of the build links a library a layer provides)');
  for (const n of s.nativeDeps) lines.push(`  ${n.name.padEnd(14)} for ${n.crates.join(', ')}`);
  if (s.unservedNative.length) lines.push(`  no layer serves: ${s.unservedNative.join(', ')} (they build or find their library themselves)`);
  lines.push('', b('Dockerfile'), s.snippet.trimEnd());
  return lines.join('\n');
}

function scoreText(d: SourceDepSuggestion, noted: boolean): string {
  if (!d.reuse) return `${String(d.covered.length).padStart(4)} / ${d.total}${noted ? '' : `  (${d.reuseNote ?? 'not predicted'})`}`;
  const top = Object.entries(d.reuse.summary).sort((a, b) => b[1] - a[1])[0];
  return `${String(d.reuse.units).padStart(4)} / ${d.reuse.total}${top ? `  (mostly ${top[0]}${top[0] === 'profile-differs' ? `: ${d.reuse.profileKeys.join(', ')}` : ''})` : ''}`;
}
