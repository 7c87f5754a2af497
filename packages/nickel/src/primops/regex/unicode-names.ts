/**
 * Unicode class names as the reference spells them, resolved to JS property escapes. Rust's
 * `regex` matches names loosely (UAX44-LM3: any case, `_`/`-`/spaces ignored, an `is` prefix
 * allowed) and takes a script or category without `sc=`/`gc=`; JS wants exact canonical names.
 * The alias tables are ECMAScript's (the packages list what JS property escapes accept).
 */
/// <reference path="./unicode-aliases.d.ts" />
import binaryAliases from 'unicode-property-aliases-ecmascript';
import valueAliases from 'unicode-property-value-aliases-ecmascript';

/** UAX44-LM3 loose matching, as the reference normalizes symbolic names. */
export function normalizeName(name: string): string {
  let rest = name;
  const startsWithIs = /^is/i.test(rest);
  if (startsWithIs) rest = rest.slice(2);
  // eslint-disable-next-line no-control-regex
  let out = rest
    .replace(/[ _-]/g, '')
    .replace(/[^\x00-\x7f]/g, '')
    .toLowerCase();
  // `isc` is the abbreviation of the Other category, not an `is` prefix.
  if (startsWithIs && out === 'c') out = 'isc';
  return out;
}

interface Tables {
  binary: Map<string, string>;
  categories: Map<string, string>;
  scripts: Map<string, string>;
  scriptExtensions: Map<string, string>;
}

let tables: Tables | undefined;

function build(): Tables {
  const binary = new Map<string, string>();
  for (const [alias, canonical] of binaryAliases) {
    if (canonical === 'General_Category' || canonical === 'Script' || canonical === 'Script_Extensions') continue;
    binary.set(normalizeName(alias), canonical);
    binary.set(normalizeName(canonical), canonical);
  }
  const values = (property: string, extra: [string, string][] = []) => {
    const out = new Map<string, string>();
    for (const [alias, canonical] of [...(valueAliases.get(property) ?? []), ...extra]) {
      out.set(normalizeName(alias), canonical);
      out.set(normalizeName(canonical), canonical);
    }
    return out;
  };
  return {
    binary,
    categories: values('General_Category', [
      ['Any', 'Any'],
      ['Assigned', 'Assigned'],
      ['ASCII', 'ASCII'],
    ]),
    scripts: values('Script'),
    scriptExtensions: values('Script_Extensions'),
  };
}

function categoryEscape(canonical: string): string {
  return canonical === 'Any' || canonical === 'Assigned' || canonical === 'ASCII' ? canonical : `gc=${canonical}`;
}

export type NameLookup = { escape: string } | { error: 'Unicode property not found' | 'Unicode property value not found' };

/** The body of the JS `\p{…}` escape for `\p{name}` or `\p{name=value}`, or the reference's error. */
export function propertyEscape(name: string, value: string | undefined): NameLookup {
  const t = (tables ??= build());
  if (value === undefined) {
    const norm = normalizeName(name);
    // `cf`, `sc` and `lc` also abbreviate properties; the reference reads them as categories.
    if (norm !== 'cf' && norm !== 'sc' && norm !== 'lc') {
      const binary = t.binary.get(norm);
      if (binary) return { escape: binary };
    }
    const category = t.categories.get(norm);
    if (category) return { escape: categoryEscape(category) };
    const script = t.scripts.get(norm);
    if (script) return { escape: `sc=${script}` };
    return { error: 'Unicode property not found' };
  }
  const property = normalizeName(name);
  const v = normalizeName(value);
  const lookup = (table: Map<string, string>, render: (c: string) => string): NameLookup => {
    const canonical = table.get(v);
    return canonical ? { escape: render(canonical) } : { error: 'Unicode property value not found' };
  };
  if (property === 'gc' || property === 'generalcategory') return lookup(t.categories, categoryEscape);
  if (property === 'sc' || property === 'script') return lookup(t.scripts, (c) => `sc=${c}`);
  if (property === 'scx' || property === 'scriptextensions') return lookup(t.scriptExtensions, (c) => `scx=${c}`);
  return { error: 'Unicode property not found' };
}
