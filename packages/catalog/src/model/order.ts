/**
 * The one order for names, paths and keys everywhere lamina sorts: by UTF-16 code units, as
 * JavaScript's default sort — the same on every machine and locale, so outputs are byte-stable.
 */
export function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Entries `[key, value]` by key. */
export function byKey(a: readonly [string, unknown], b: readonly [string, unknown]): number {
  return byName(a[0], b[0]);
}

/** A record's entries `[key, value]`, by key. */
export function sortedEntries<T>(record: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(record).sort(byKey);
}
