/** `lamina suggest --project PATH`: the layers a downstream Cargo project should build on. */
import { relative, resolve } from 'node:path';
import { suggestFor, type Suggestion } from '../../suggest/index.js';
import { UsageError } from '../args.js';
import { EXIT_CATALOG_ERRORS, EXIT_OK, type CommandContext } from '../context.js';
import { loadOrReport } from './common.js';

export default async function suggest(ctx: CommandContext): Promise<number> {
  const project = ctx.invocation.values.project;
  if (typeof project !== 'string' || project === '') throw new UsageError('--project PATH is required (the root of the Cargo package or workspace)');
  const catalog = await loadOrReport(ctx);
  if (!catalog) return EXIT_CATALOG_ERRORS;
  // Paths in messages are relative to where the command runs, so output never holds absolute paths.
  const display = (file: string): string => relative(process.cwd(), file) || '.';
  const result = suggestFor(catalog, resolve(project), { display });
  if (!result.ok) {
    const e = result.error;
    ctx.out.err(`${e.file}:${e.line}:${e.col}: ${e.message} [${e.code}]`);
    return EXIT_CATALOG_ERRORS;
  }
  if (ctx.json) ctx.out.json(result.suggestion);
  else ctx.out.out(renderText(ctx, result.suggestion));
  return EXIT_OK;
}

function renderText(ctx: CommandContext, s: Suggestion): string {
  const b = (t: string): string => ctx.out.paint('bold', t);
  const basis = s.basis === 'Cargo.lock' ? `${s.dependencies} locked packages (Cargo.lock)` : `${s.dependencies} requirements (Cargo.toml, no Cargo.lock)`;
  const lines = [`${b('project')}     ${s.members.join(', ')} — ${basis}`, ''];
  const tc = s.toolchain;
  lines.push(`${b('toolchain')}   ${tc.layer ?? '—'}${tc.image ? ` (${tc.image})` : ''}${tc.matches ? '' : ' — MISMATCH'}`, `            ${tc.reason}`, '');
  lines.push(b('source-dep layers') + ' (covered / dependencies, best first)');
  for (const d of s.sourceDeps) {
    lines.push(`  ${d.name.padEnd(14)} ${String(d.score).padStart(4)} / ${d.total}${d.score ? '' : '  (nothing in common)'}`);
  }
  const best = s.sourceDeps.find((d) => d.score > 0);
  if (best) {
    const show = (xs: readonly string[]): string => (xs.length > 12 ? `${xs.slice(0, 12).join(', ')}, … (+${xs.length - 12})` : xs.join(', ') || '—');
    lines.push('', `  ${best.name} covers: ${show(best.covered)}`, `  ${best.name} misses: ${show(best.missing)}`);
  }
  lines.push('', b('native-dep layers'));
  if (!s.nativeDeps.length) lines.push('  — (no crate of the project needs one)');
  for (const n of s.nativeDeps) lines.push(`  ${n.name.padEnd(14)} serves ${n.crates.join(', ')}`);
  if (s.unservedNative.length) lines.push(`  no layer serves: ${s.unservedNative.join(', ')} (they build from source)`);
  lines.push('', b('Dockerfile'), s.snippet.trimEnd());
  return lines.join('\n');
}
