/**
 * The files git says changed since a reference — committed (`git diff --name-only REF`), staged,
 * unstaged and untracked — relative to the catalog root (which may be a subfolder of the
 * repository). Git failures are errors as data, never exceptions.
 */
import { execFileSync } from 'node:child_process';

export type ChangedFiles = { readonly ok: true; readonly paths: string[] } | { readonly ok: false; readonly message: string };

export function changedSince(root: string, ref: string): ChangedFiles {
  if (ref.startsWith('-')) return { ok: false, message: `--since ${ref}: not a git reference` };
  try {
    // --relative: paths relative to the catalog root, and only those under it.
    const committed = git(root, ['diff', '--name-only', '--no-renames', '--relative', ref, '--']);
    const tracked = git(root, ['diff', '--name-only', '--no-renames', '--relative', 'HEAD', '--']);
    const untracked = git(root, ['ls-files', '--others', '--exclude-standard', '--full-name', '--', '.']);
    const prefix = git(root, ['rev-parse', '--show-prefix'])[0] ?? '';
    const fromTop = untracked.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
    return { ok: true, paths: [...new Set([...committed, ...tracked, ...fromTop])].sort() };
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? (e as Error).message)
      .trim()
      .split('\n')[0];
    return { ok: false, message: `git: ${stderr}` };
  }
}

function git(cwd: string, args: string[]): string[] {
  const out = execFileSync('git', ['-c', 'core.quotepath=off', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out.split('\n').filter((l) => l !== '');
}
