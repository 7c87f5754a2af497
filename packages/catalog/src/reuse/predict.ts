/**
 * Reuse, predicted the way cargo decides it. A consumer's compiled dependency unit is `Fresh` from
 * a cooked layer exactly when the layer compiled a unit with the same identity (package id,
 * target, mode, features, resolved profile, platform, and dependencies that are the same units:
 * units.ts) — provided the build around it is the cook's too: same rustc, same RUSTFLAGS, same
 * environment for build scripts, same absolute target directory. The snippets lamina prints make
 * the last two true; the first two are checked here and block every unit when they differ.
 *
 * Counted units are what cargo reports as `compiler-artifact` (libraries, proc-macros, build
 * scripts' compilations) of packages that are not local to the project; build-script runs are
 * part of the graph but not counted, as cargo reports no freshness for them.
 */
import {
  identities,
  isCompiled,
  isDependency,
  ownKey,
  PROFILE_KEYS,
  profileAt,
  profileDifferences,
  unitAt,
  type Unit,
  type UnitGraph,
  type UnitProfile,
} from './units.js';

export type BlockerKind =
  | 'rustc-differs'
  | 'rustflags-differ'
  | 'not-cooked'
  | 'version-differs'
  | 'source-differs'
  | 'target-differs'
  | 'profile-differs'
  | 'features-differ'
  | 'env-differs'
  | 'dependency-not-reusable';

export interface Blocker {
  /** `serde_json@1.0.145 (lib)`. */
  readonly unit: string;
  readonly kind: BlockerKind;
  /** One sentence with the specifics: the cooked version, the profile keys, the features, the dependency. */
  readonly detail: string;
  /** For `profile-differs`: the settings, as written in `[profile.*]`. */
  readonly keys?: readonly string[];
}

export interface Reuse {
  /** Dependency units cargo would find Fresh. */
  readonly units: number;
  /** Dependency units the consumer's build compiles. */
  readonly total: number;
  /** Why each other unit is not reusable, sorted by unit. */
  readonly blockers: readonly Blocker[];
  /** How many units each kind of blocker accounts for. */
  readonly summary: Readonly<Partial<Record<BlockerKind, number>>>;
  /** For `profile-differs`: every setting that differs somewhere, cargo's spelling. */
  readonly profileKeys: readonly string[];
}

export interface BuildConditions {
  /** Set when the consumer's rustc is not the cook's: `1.90.0 (project) vs 1.88.0 (layer)`. */
  readonly rustcDiffers?: string;
  /** Set when the consumer's RUSTFLAGS (or build.rustflags) differ from the cook's. */
  readonly rustflagsDiffer?: string;
  /**
   * Why a build-script run of the consumer would run again although cooked (a variable it
   * declares with `rerun-if-env-changed` has another value), or undefined: see env.ts.
   */
  readonly rerunsBuildScript?: (graph: UnitGraph, unit: number) => string | undefined;
}

export function predictReuse(consumer: UnitGraph, cooked: UnitGraph, conditions: BuildConditions = {}): Reuse {
  const counted = consumer.units.map((u, i) => [u, i] as const).filter(([u]) => isCompiled(u) && isDependency(u));
  const label = (u: Unit): string => `${u.pkg} (${u.target.slice(0, u.target.indexOf(':'))})`;
  const blockers: Blocker[] = [];
  const finish = (): Reuse => {
    blockers.sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
    const summary: Partial<Record<BlockerKind, number>> = {};
    for (const b of blockers) summary[b.kind] = (summary[b.kind] ?? 0) + 1;
    const profileKeys = [...new Set(blockers.flatMap((b) => b.keys ?? []))].sort();
    return { units: counted.length - blockers.length, total: counted.length, blockers, summary, profileKeys };
  };
  const global =
    conditions.rustcDiffers !== undefined
      ? (['rustc-differs', `rustc differs: ${conditions.rustcDiffers}`] as const)
      : conditions.rustflagsDiffer !== undefined
        ? (['rustflags-differ', `RUSTFLAGS differ: ${conditions.rustflagsDiffer}`] as const)
        : undefined;
  if (global) {
    for (const [u] of counted) blockers.push({ unit: label(u), kind: global[0], detail: global[1] });
    return finish();
  }

  const cookedIds: ReadonlySet<string | undefined> = new Set(identities(cooked));
  const consumerIds = identities(consumer);
  const cookedOwn = new Set(cooked.units.map((u) => ownKey(cooked, u)));
  const byName = new Map<string, Unit[]>();
  for (const u of cooked.units) {
    const name = u.pkg.slice(0, u.pkg.lastIndexOf('@'));
    (byName.get(name) ?? byName.set(name, []).get(name)!).push(u);
  }
  const memo = new Map<number, boolean>();
  const envReason = (i: number): string | undefined =>
    unitAt(consumer, i).mode === 'run-custom-build' ? conditions.rerunsBuildScript?.(consumer, i) : undefined;
  // Cooked with the same identity, not run again for its environment, and so is everything below it.
  const reusable = (i: number): boolean => {
    let r = memo.get(i);
    if (r === undefined) {
      memo.set(i, false);
      r = cookedIds.has(consumerIds[i]) && envReason(i) === undefined && unitAt(consumer, i).deps.every((d) => reusable(d.unit));
      memo.set(i, r);
    }
    return r;
  };

  for (const [u, i] of counted) {
    if (reusable(i)) continue;
    blockers.push(explain(u, i));
  }
  return finish();

  function explain(u: Unit, i: number): Blocker {
    const unit = label(u);
    // Its own settings match a cooked unit: what differs is below it.
    if (cookedOwn.has(ownKey(consumer, u))) {
      const dep = firstUnreusableDep(i, new Set());
      if (dep?.env !== undefined) return { unit, kind: 'env-differs', detail: `${dep.name} runs again: ${dep.env}` };
      return {
        unit,
        kind: 'dependency-not-reusable',
        detail: dep ? `depends on ${dep.name}, which is not reusable` : 'its dependencies differ from the cooked ones',
      };
    }
    const name = u.pkg.slice(0, u.pkg.lastIndexOf('@'));
    const version = u.pkg.slice(u.pkg.lastIndexOf('@') + 1);
    const same = byName.get(name) ?? [];
    const [first] = same;
    if (first === undefined) return { unit, kind: 'not-cooked', detail: `the layer does not build ${name}` };
    const samePkg = same.filter((c) => c.pkg === u.pkg && c.source === u.source);
    if (!samePkg.length) {
      const versions = [...new Set(same.filter((c) => c.source === u.source).map((c) => c.pkg.slice(c.pkg.lastIndexOf('@') + 1)))].sort();
      if (!versions.length) return { unit, kind: 'source-differs', detail: `${name} comes from ${u.source}; the layer built it from ${first.source}` };
      return { unit, kind: 'version-differs', detail: `the project locks ${name} ${version}; the layer cooked ${versions.join(', ')}` };
    }
    const sameTarget = samePkg.filter((c) => c.target === u.target && c.mode === u.mode);
    const candidates = sameTarget.length ? sameTarget : samePkg;
    const samePlatform = candidates.filter((c) => c.platform === u.platform);
    if (!samePlatform.length) {
      return {
        unit,
        kind: 'target-differs',
        detail: `built for ${u.platform ?? 'the host'}; the layer cooked it for ${candidates[0]?.platform ?? 'the host'}`,
      };
    }
    const myProfile = profileAt(consumer, u.profile);
    const sameFeatures = samePlatform.filter((c) => c.features.join(',') === u.features.join(','));
    // Where features agree, the profile is what differs: name the fewest differing settings.
    const [fewest] = sameFeatures
      .map((c) => [profileDifferences(myProfile, profileAt(cooked, c.profile)), profileAt(cooked, c.profile)] as const)
      .sort((a, b) => a[0].length - b[0].length);
    if (fewest !== undefined) {
      const [diffs, theirs] = fewest;
      const shown = diffs.map((k) => `${k} ${profileValue(myProfile, k)} here, ${profileValue(theirs, k)} cooked`).join('; ');
      return {
        unit,
        kind: 'profile-differs',
        detail: `profile differs: ${shown} (the project's \`${myProfile.name}\` profile${u.target.startsWith('custom-build') || u.target.startsWith('proc-macro') ? ', build-override' : ''})`,
        keys: diffs,
      };
    }
    const [closest] = samePlatform
      .map((c) => ({ c, plus: u.features.filter((f) => !c.features.includes(f)), minus: c.features.filter((f) => !u.features.includes(f)) }))
      .sort((a, b) => a.plus.length + a.minus.length - (b.plus.length + b.minus.length));
    const parts = closest === undefined ? [] : [...closest.plus.map((f) => `+${f}`), ...closest.minus.map((f) => `-${f}`)];
    return { unit, kind: 'features-differ', detail: `features differ from the cooked unit: ${parts.join(' ')}` };
  }

  function firstUnreusableDep(i: number, seen: Set<number>): { name: string; env?: string } | undefined {
    for (const d of unitAt(consumer, i).deps) {
      if (seen.has(d.unit)) continue;
      seen.add(d.unit);
      if (!reusable(d.unit)) {
        const u = unitAt(consumer, d.unit);
        const name = `${u.pkg} (${u.mode === 'build' ? u.target.slice(0, u.target.indexOf(':')) : 'build script'})`;
        const env = envReason(d.unit);
        if (env !== undefined && cookedIds.has(consumerIds[d.unit])) return { name, env };
        // A unit whose own settings match is dirty because of something below it: name the cause.
        const deeper = u.mode !== 'build' || cookedOwn.has(ownKey(consumer, u)) ? firstUnreusableDep(d.unit, seen) : undefined;
        return deeper ?? { name };
      }
    }
    return undefined;
  }
}

/** A resolved profile setting as `[profile]` would write it (`3`, `"thin"`, `false`). */
function profileValue(p: UnitProfile, key: string): string {
  if (key === 'profile') return p.name;
  const field = PROFILE_KEYS.find(([, k]) => k === key)?.[0];
  return field === undefined ? '?' : JSON.stringify(p[field]);
}
