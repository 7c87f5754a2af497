/**
 * Whether a layer's build changed, judged on what BuildKit is given (fingerprint/build-input.ts)
 * rather than on which files changed: the differences between two builds of one layer, in words.
 * None means it renders identically and its image need not be rebuilt.
 */
import type { BuildInput } from '../fingerprint/build-input.js';

export function outputDifferences(now: BuildInput, before: BuildInput | undefined): string[] {
  if (before === undefined) return ['new layer'];
  const out: string[] = [];
  if (now.unrenderable !== before.unrenderable || now.dockerfile !== before.dockerfile) {
    const line = firstDifferentLine(now.dockerfile, before.dockerfile);
    out.push(now.unrenderable || before.unrenderable ? 'Dockerfile (not renderable)' : `Dockerfile from line ${line}`);
  }
  if (now.ignoreFile !== before.ignoreFile) out.push('ignore file');
  const was = new Map(before.context.map((f) => [f.path, f.sha256]));
  const is = new Map(now.context.map((f) => [f.path, f.sha256]));
  for (const [path, sha] of is) {
    if (!was.has(path)) out.push(`context file ${path} added`);
    else if (was.get(path) !== sha) out.push(`context file ${path} changed`);
  }
  for (const path of was.keys()) if (!is.has(path)) out.push(`context file ${path} removed`);
  if (JSON.stringify([...now.secretIds].sort()) !== JSON.stringify([...before.secretIds].sort())) out.push('secret ids');
  if (JSON.stringify(sortedEntries(now.args)) !== JSON.stringify(sortedEntries(before.args))) out.push('build arguments');
  if (JSON.stringify(now.platforms) !== JSON.stringify(before.platforms)) out.push('platforms');
  return out;
}

function firstDifferentLine(a: string, b: string): number {
  const x = a.split('\n');
  const y = b.split('\n');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i + 1;
}

function sortedEntries(r: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(r).sort((p, q) => (p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : 0));
}
