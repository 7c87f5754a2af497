/**
 * The reference Nickel (py-nickel 1.18, the official implementation's Python binding), driven in
 * ONE Python process through scripts/nickel_reference.py: requests and answers are JSON lines.
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'scripts', 'nickel_reference.py');

export type ReferenceAnswer =
  | { ok: true; output: string; path?: string; id?: string }
  | { ok: false; kind: string; message: string; path?: string; id?: string };

export type ReferenceRequest = { path: string } | { id: string; source: string };

/** Why the reference cannot run here, or undefined when `import nickel` works. */
export function referenceUnavailable(): string | undefined {
  const probe = spawnSync('python3', ['-c', 'import nickel'], { encoding: 'utf8' });
  if (probe.error) return `python3 not found (${probe.error.message})`;
  if (probe.status !== 0) return `python3 cannot import nickel: ${probe.stderr.trim().split('\n').pop()}`;
  return undefined;
}

export function runReference(requests: readonly ReferenceRequest[]): ReferenceAnswer[] {
  const input = requests.map((r) => JSON.stringify(r)).join('\n') + '\n';
  const run = spawnSync('python3', [SCRIPT], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`nickel_reference.py exited with ${run.status}:\n${run.stderr}`);
  const answers = run.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ReferenceAnswer);
  if (answers.length !== requests.length) {
    throw new Error(`the reference answered ${answers.length} of ${requests.length} requests:\n${run.stderr}`);
  }
  return answers;
}

/** Under CI the reference is required; elsewhere tests needing it are skipped with this reason. */
export function requireReferenceOrSkip(): { available: boolean; reason: string } {
  const reason = referenceUnavailable();
  if (reason !== undefined && process.env.CI === 'true') {
    throw new Error(`the reference Nickel is required under CI=true but ${reason}; install it with: python3 -m pip install py-nickel==1.18.0`);
  }
  return { available: reason === undefined, reason: reason ?? '' };
}
