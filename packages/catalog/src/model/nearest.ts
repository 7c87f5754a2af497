/** "Did you mean": the names a typo most likely meant, for layer, command, field and value names. */
import { distance } from 'fastest-levenshtein';

/** ` (did you mean `x`?)` for the closest of `known` to a mistyped `name`, or nothing. */
export function nearest(name: string, known: Iterable<string>): string {
  const near = closest(name, [...known]);
  return near.length ? ` (did you mean ${near.map((n) => `\`${n}\``).join(', ')}?)` : '';
}

/** The names a typo of `name` most likely meant: within a third of its length in edits, or containing it. */
export function closest(name: string, known: readonly string[]): string[] {
  const limit = Math.max(1, Math.floor(name.length / 3));
  const scored = known
    .filter((k) => k !== name)
    .map((k) => ({ k, d: distance(name.toLowerCase(), k.toLowerCase()) }))
    .filter(({ k, d }) => d <= limit || (name.length >= 3 && (k.includes(name) || name.includes(k))));
  const best = Math.min(...scored.map((s) => s.d));
  return [...new Set(scored.filter((s) => s.d === best).map((s) => s.k))].sort().slice(0, 3);
}
