/**
 * Regular expressions in the reference's dialect (Rust's `regex` crate), compiled once per
 * pattern to a JS RegExp, and searched the way that crate iterates over matches.
 */
import { describeSyntaxError, RegexSyntaxError } from './errors.js';
import { parsePattern } from './syntax.js';
import { translatePattern } from './translate.js';

export interface CompiledRegex {
  /** Global, for `exec` from a chosen `lastIndex`. */
  readonly global: RegExp;
  /** The same with `d`: capture group offsets, needed only to check grapheme alignment. */
  withIndices(): RegExp;
}

/** A pattern the reference rejects; `message` is the crate's own diagnostic. */
export class InvalidRegex {
  constructor(readonly message: string) {}
}

const cache = new Map<string, CompiledRegex | InvalidRegex>();

export function compileRegex(pattern: string): CompiledRegex | InvalidRegex {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    compiled = compile(pattern);
    cache.set(pattern, compiled);
  }
  return compiled;
}

function compile(pattern: string): CompiledRegex | InvalidRegex {
  try {
    const { source, flags } = translatePattern(parsePattern(pattern));
    const global = new RegExp(source, 'g' + flags);
    let indexed: RegExp | undefined;
    return { global, withIndices: () => (indexed ??= new RegExp(source, 'gd' + flags)) };
  } catch (e) {
    if (e instanceof RegexSyntaxError) return new InvalidRegex(describeSyntaxError(pattern, e));
    // A property name the alias tables know but this Node's Unicode data does not.
    if (e instanceof SyntaxError) return new InvalidRegex(`regex parse error:\n    ${pattern}\nerror: ${e.message}`);
    throw e;
  }
}

/**
 * Successive non-overlapping matches, as the crate finds them: leftmost-first, the next search
 * starting where the last match ended, and an empty match right where the previous one ended
 * skipped (searching again one character further).
 */
export function* regexMatches(re: RegExp, s: string): Generator<RegExpExecArray> {
  let at = 0;
  let lastEnd = -1;
  while (at <= s.length) {
    re.lastIndex = at;
    const m = re.exec(s);
    if (!m) return;
    const end = m.index + m[0].length;
    if (m[0].length === 0 && end === lastEnd) {
      if (m.index >= s.length) return;
      at = m.index + (s.codePointAt(m.index)! > 0xffff ? 2 : 1);
      continue;
    }
    yield m;
    lastEnd = end;
    at = end;
  }
}
