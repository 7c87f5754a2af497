/**
 * Quoting, the one place where a value from a layer becomes text of a generated file. Every value
 * that reaches a Dockerfile line goes through exactly one of these, chosen by who reads it:
 *
 * - `shellWord`: a word of a RUN command, read by bash (`SHELL ["/bin/bash", "-o", "pipefail", "-c"]`).
 *   Plain words stay as they are; anything else is single-quoted, where bash expands nothing.
 * - `dockerValue`: the value of ENV, LABEL or ARG, read by the Dockerfile parser itself, which
 *   expands `$VAR` and treats quotes and backslashes: a double-quoted string with those escaped,
 *   so the image holds exactly the string the layer wrote.
 * - `hclString`: a string of the HCL bake file (also escaping HCL's `${` and `%{` templates).
 *
 * None of them can make a line break harmless: a Dockerfile instruction ends at the end of the
 * line whatever the quoting, so a value with a control character is refused before rendering
 * (`unsafeCharacter`, reported as a diagnostic by safety.ts) — the quoting functions throw if one
 * slips through, so a hostile value can never be rendered.
 */

/** Characters bash reads literally in an unquoted word, and that cannot start a Dockerfile comment or heredoc. */
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** The first control character (C0, DEL, C1, line/paragraph separators) in `value`, if any. */
export function unsafeCharacter(value: string): string | undefined {
  const m = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.exec(value);
  return m ? m[0] : undefined;
}

/** `U+000A` for a character, as messages name it. */
export function describeCharacter(ch: string): string {
  const names: Record<string, string> = { '\n': 'a line feed', '\r': 'a carriage return', '\t': 'a tab' };
  return names[ch] ?? `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function assertRenderable(value: string): void {
  const ch = unsafeCharacter(value);
  if (ch !== undefined) throw new Error(`refusing to render a value containing ${describeCharacter(ch)}: ${JSON.stringify(value)}`);
}

/** One bash word whose value is exactly `value`. */
export function shellWord(value: string): string {
  assertRenderable(value);
  return shellQuoted(value);
}

/** One bash word for a command lamina prints (any value: it is not written into a Dockerfile line). */
export function shellQuoted(value: string): string {
  if (PLAIN_WORD.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Several words, space-separated. */
export function shellWords(values: readonly string[]): string {
  return values.map(shellWord).join(' ');
}

/** A double-quoted Dockerfile value (ENV, LABEL, ARG) that the parser reads back as `value`. */
export function dockerValue(value: string): string {
  assertRenderable(value);
  return `"${value.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
}

/** A Dockerfile value as short as it can be: bare when it is a plain word, else `dockerValue`. */
export function dockerWord(value: string): string {
  return PLAIN_WORD.test(value) ? value : dockerValue(value);
}

/** `key=value` for ENV, LABEL or ARG, the key quoted too when it is not a plain word. */
export function dockerPair(key: string, value: string): string {
  return `${PLAIN_WORD.test(key) && !key.includes('=') ? key : dockerValue(key)}=${dockerValue(value)}`;
}

/** An HCL quoted string whose value is `value`. */
export function hclString(value: string): string {
  // JSON's escapes are a subset of HCL's; HCL additionally reads `${` and `%{` as templates.
  return JSON.stringify(value).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}
