/** Canonical JSON: keys sorted, no whitespace — the same value always hashes the same. */
export function canonicalJson(v: unknown): string {
  // One string grown by concatenation (V8 joins the pieces once, when the string is read).
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(v[i]);
    return out + ']';
  }
  const keys = Object.keys(v).sort();
  let out = '{';
  for (const [i, key] of keys.entries()) {
    out += `${i > 0 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson((v as Record<string, unknown>)[key])}`;
  }
  return out + '}';
}
