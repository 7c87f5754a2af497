/**
 * Cargo's version compatibility, on top of the `semver` package. Cargo reads a bare requirement
 * (`"1.2"`) as a caret requirement, and considers two versions interchangeable when they share
 * the leftmost non-zero component: same major for ≥ 1.0, same minor for 0.x, same patch for 0.0.x.
 * That is exactly when `cargo update` may move from one to the other, so a layer that cooked
 * `tokio 1.45.1` serves a project locked to `tokio 1.47.0` only in the sense that the registry
 * sources are there — we count it as covered, as cargo's resolver would accept either.
 */
import { semver } from '../lazy-deps.js';

/** The part of a version cargo keeps fixed under a caret requirement (`1`, `0.8`, `0.0.3`). */
export function compatKey(version: string): string | undefined {
  const v = semver().parse(version);
  if (!v) return undefined;
  if (v.major > 0) return `${v.major}`;
  if (v.minor > 0) return `0.${v.minor}`;
  return `0.0.${v.patch}`;
}

/** Whether cargo would consider `a` and `b` semver-compatible releases of one crate. */
export function cargoCompatible(a: string, b: string): boolean {
  const ka = compatKey(a);
  return ka !== undefined && ka === compatKey(b);
}

/** A cargo requirement (`"1.40"`, `">=1, <2"`, `"=4.8.0"`, `"~0.3"`) as a node-semver range. */
export function cargoRange(req: string): string | undefined {
  const parts = req
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => (/^\d/.test(p) ? `^${p}` : p));
  const range = parts.length ? parts.join(' ') : '*';
  return semver().validRange(range) ?? undefined;
}

/** Whether `version` satisfies the cargo requirement `req` (unparseable requirements never do). */
export function cargoSatisfies(version: string, req: string): boolean {
  const range = cargoRange(req);
  return range !== undefined && semver().satisfies(version, range);
}
