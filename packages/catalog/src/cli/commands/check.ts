/**
 * `lamina check`: the ADRs' constraints over the catalog. A Hard violation fails (exit 1), a Soft
 * one is a warning; each is printed `file:line:col: ADR-000N (title): message [constraint]`.
 */
import { loadCatalogAsync } from '../../index.js';
import { checkInvariants, formatViolation } from '../../adr/index.js';
import { EXIT_CATALOG_ERRORS, EXIT_OK, type CommandContext } from '../context.js';
import { catalogOptions, plural } from './common.js';

export default async function check(ctx: CommandContext): Promise<number> {
  const catalog = await loadCatalogAsync(ctx.root, catalogOptions(ctx));
  const result = await checkInvariants(catalog, { cacheDir: ctx.invocation.values['no-cache'] === true ? false : undefined });
  const hard = result.violations.filter((v) => v.severity === 'Hard').length;
  const soft = result.violations.length - hard;
  const code = result.ok ? EXIT_OK : EXIT_CATALOG_ERRORS;
  if (ctx.json) {
    ctx.out.json({
      ok: result.ok,
      adrs: result.adrs.map((a) => ({ id: a.id, title: a.title, file: a.file, constraints: a.constraints.length })),
      violations: result.violations,
      diagnostics: result.diagnostics,
    });
    return code;
  }
  ctx.out.diagnostics(result.diagnostics);
  for (const v of result.violations) {
    const text = formatViolation(v);
    ctx.out.err(v.severity === 'Hard' ? text : text.replace(/^((?:[^:]+:\d+:\d+: )?)/, '$1warning: '));
  }
  const constraints = result.adrs.reduce((n, a) => n + a.constraints.length, 0);
  if (!result.ok) {
    ctx.out.err(
      `${plural(hard, 'violation')} of Hard constraints${soft ? `, ${plural(soft, 'warning')}` : ''}${result.diagnostics.length ? `, ${plural(result.diagnostics.length, 'error')}` : ''}`,
    );
    return code;
  }
  ctx.out.out(
    `${ctx.out.paint('green', 'ok')}: ${plural(result.adrs.length, 'ADR')}, ${plural(constraints, 'constraint')} hold${soft ? `, ${plural(soft, 'warning')}` : ''}`,
  );
  return code;
}
