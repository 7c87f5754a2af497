/**
 * The catalog as it was at a git revision, for `--since`: the catalog root's tree at that
 * revision is extracted (`git archive`) into a temporary folder, loaded there, and removed. Git
 * failures are errors as data.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Revision = { readonly ok: true; readonly dir: string; dispose(): void } | { readonly ok: false; readonly message: string };

export function checkoutRevision(root: string, ref: string): Revision {
  if (ref.startsWith('-')) return { ok: false, message: `--since ${ref}: not a git reference` };
  const dir = mkdtempSync(join(tmpdir(), 'lamina-since-'));
  const dispose = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    const git = (args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    const prefix = git(['rev-parse', '--show-prefix']);
    const top = git(['rev-parse', '--show-toplevel']);
    // `REF:sub/dir` archives that subtree, so the catalog root lands at `dir` itself (run from
    // the top: from a subfolder, git archive would also limit the tree to that folder).
    const tar = execFileSync('git', ['archive', '--format=tar', `${ref}:${prefix}`], { cwd: top, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
    execFileSync('tar', ['-x', '-C', dir], { input: tar, stdio: ['pipe', 'ignore', 'pipe'] });
    return { ok: true, dir, dispose };
  } catch (e) {
    dispose();
    const stderr = String((e as { stderr?: unknown }).stderr ?? (e as Error).message)
      .trim()
      .split('\n')[0];
    return { ok: false, message: `git: ${stderr}` };
  }
}
