/**
 * A parsed Rust-syntax pattern as a JS RegExp (`v` flag) with the reference's meaning: `.` and
 * multi-line anchors know only `\n`, `\w`/`\d`/`\s`/`\b` are Unicode's, flags can be scoped,
 * and Unicode class names are resolved loosely. Rejects what the crate's translation rejects.
 */
import { caseOrbit, casedCodePoints } from './case-fold.js';
import { RegexSyntaxError } from './errors.js';
import type { AsciiClassName, Bracketed, ClassItem, ClassSet, FlagChange, Node, ParsedPattern, PatternSpan, PerlClass, UnicodeClass } from './ast.js';
import { propertyEscape } from './unicode-names.js';

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
  u: boolean;
  R: boolean;
}

const UNICODE_WORD = '[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}]';
const ASCII_WORD = '[0-9A-Za-z_]';

const ASCII_CLASS_RANGES: Record<AsciiClassName, [number, number][]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

/** A code point written so that it means itself anywhere in a `v`-mode pattern. */
function esc(cp: number): string {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) ? String.fromCharCode(cp) : `\\u{${cp.toString(16)}}`;
}

/** Whether case-insensitivity can change what `cp` matches (every character with a case variant does). */
function mightBeCased(cp: number): boolean {
  const s = String.fromCodePoint(cp);
  return s.toLowerCase() !== s.toUpperCase();
}

export interface Translation {
  source: string;
  flags: string;
}

export function translatePattern(parsed: ParsedPattern): Translation {
  // Where the whole pattern is case-insensitive (or case never matters), JS's `i` flag does it;
  // a pattern mixing both spells the insensitive parts out.
  const probe = new Translator(true);
  const source = probe.node(parsed.ast, defaultFlags());
  if (!probe.sawSensitive) return { source, flags: probe.sawInsensitive ? 'iv' : 'v' };
  if (!probe.sawInsensitive) return { source, flags: 'v' };
  return { source: new Translator(false).node(parsed.ast, defaultFlags()), flags: 'v' };
}

function defaultFlags(): Flags {
  return { i: false, m: false, s: false, U: false, u: true, R: false };
}

function apply(flags: Flags, change: FlagChange): void {
  for (const [k, v] of Object.entries(change)) if (k !== 'x') flags[k as keyof Flags] = v;
}

class Translator {
  sawSensitive = false;
  sawInsensitive = false;

  /** jsCase: case-insensitive parts rely on the JS `i` flag rather than being spelled out. */
  constructor(private readonly jsCase: boolean) {}

  private noteCase(flags: Flags): void {
    if (flags.i && flags.u) this.sawInsensitive = true;
    else if (flags.i) {
      // ASCII-only folding (`(?i-u)`) has no JS flag: spell it out.
      this.sawInsensitive = true;
      this.sawSensitive = true;
    } else this.sawSensitive = true;
  }

  node(n: Node, flags: Flags): string {
    switch (n.kind) {
      case 'empty':
        return '(?:)';
      case 'literal':
        return this.literal(n.cp, n.byteEscape, n.span, flags);
      case 'dot':
        if (!flags.u) throw new RegexSyntaxError('pattern can match invalid UTF-8', n.span);
        if (flags.s) return '[\\u{0}-\\u{10ffff}]';
        return flags.R ? '[^\\n\\r]' : '[^\\n]';
      case 'assertion':
        return this.assertion(n.which, flags);
      case 'class':
        return this.cls(n.cls, flags);
      case 'repeat': {
        const q =
          n.min === 0 && n.max === Infinity
            ? '*'
            : n.min === 1 && n.max === Infinity
              ? '+'
              : n.min === 0 && n.max === 1
                ? '?'
                : n.max === Infinity
                  ? `{${n.min},}`
                  : n.min === n.max
                    ? `{${n.min}}`
                    : `{${n.min},${n.max}}`;
        const greedy = n.greedy !== flags.U;
        return `(?:${this.node(n.sub, flags)})${q}${greedy ? '' : '?'}`;
      }
      case 'group': {
        const inner = { ...flags };
        if (n.flags) apply(inner, n.flags);
        const body = this.node(n.sub, inner);
        return n.capture ? `(${body})` : `(?:${body})`;
      }
      case 'flags':
        apply(flags, n.flags);
        return '';
      case 'concat':
        return n.items.map((item) => this.node(item, flags)).join('');
      case 'alternation':
        return `(?:${n.branches.map((b) => this.node(b, flags)).join('|')})`;
    }
  }

  private literal(cp: number, byteEscape: boolean, span: PatternSpan, flags: Flags): string {
    if (byteEscape && cp > 0x7f && !flags.u) throw new RegexSyntaxError('pattern can match invalid UTF-8', span);
    if (!mightBeCased(cp)) return esc(cp);
    this.noteCase(flags);
    if (!flags.i || this.jsCase) return esc(cp);
    const variants = flags.u ? caseOrbit(cp) : asciiCaseVariants(cp);
    return variants.length === 1 ? esc(cp) : `[${variants.map(esc).join('')}]`;
  }

  private assertion(which: string, flags: Flags): string {
    const w = flags.u ? UNICODE_WORD : ASCII_WORD;
    switch (which) {
      case 'start-line':
        if (!flags.m) return '^';
        return flags.R ? '(?<![^\\n\\r])(?<!\\r(?=\\n))' : '(?<![^\\n])';
      case 'end-line':
        if (!flags.m) return '$';
        return flags.R ? '(?![^\\n\\r])(?!(?<=\\r)\\n)' : '(?![^\\n])';
      case 'start-text':
        return '^';
      case 'end-text':
        return '$';
      case 'word':
        return `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))`;
      case 'not-word':
        return `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w}))`;
      case 'word-start':
        return `(?<!${w})(?=${w})`;
      case 'word-end':
        return `(?<=${w})(?!${w})`;
      case 'word-start-half':
        return `(?<!${w})`;
      default:
        return `(?!${w})`;
    }
  }

  /** A class as a bracketed `v`-mode class (usable alone or nested in another class). */
  private cls(c: Bracketed | UnicodeClass | PerlClass, flags: Flags): string {
    if (c.kind === 'perl') return perlClass(c, flags);
    if (c.kind === 'unicode') {
      if (!flags.u) throw new RegexSyntaxError('Unicode not allowed here', c.span);
      const found = propertyEscape(c.name, c.value);
      if ('error' in found) throw new RegexSyntaxError(found.error, c.span);
      this.noteCase(flags);
      return this.foldThenNegate(`[\\p{${found.escape}}]`, c.negated !== c.notEqual, flags);
    }
    this.noteCase(flags);
    if (c.negated && !flags.u) throw new RegexSyntaxError('pattern can match invalid UTF-8', c.span);
    return this.foldThenNegate(`[${this.set(c.set, flags)}]`, c.negated, flags);
  }

  /** Folds a class (where case-insensitivity is spelled out), then negates it, as the reference does. */
  private foldThenNegate(cls: string, negated: boolean, flags: Flags): string {
    let out = cls;
    if (flags.i && !this.jsCase) {
      const member = new RegExp(`^${cls}$`, 'v');
      const extra = new Set<number>();
      for (const cp of flags.u ? casedCodePoints() : asciiLetters()) {
        if (!member.test(String.fromCodePoint(cp))) continue;
        for (const v of flags.u ? caseOrbit(cp) : asciiCaseVariants(cp)) if (!member.test(String.fromCodePoint(v))) extra.add(v);
      }
      if (extra.size > 0) out = `[${cls}${[...extra].map(esc).join('')}]`;
    }
    return negated ? `[^${out}]` : out;
  }

  /** The contents of a bracketed class. */
  private set(s: ClassSet, flags: Flags): string {
    if (s.kind === 'union') return s.items.map((item) => this.item(item, flags)).join('');
    const lhs = `[${this.set(s.lhs, flags)}]`;
    const rhs = `[${this.set(s.rhs, flags)}]`;
    if (s.op === '~~') return `[${lhs}--${rhs}][${rhs}--${lhs}]`;
    return `${lhs}${s.op}${rhs}`;
  }

  private item(item: ClassItem, flags: Flags): string {
    switch (item.kind) {
      case 'char':
        if (!flags.u && item.cp > 0x7f) throw new RegexSyntaxError(item.byteEscape ? 'pattern can match invalid UTF-8' : 'Unicode not allowed here', item.span);
        return esc(item.cp);
      case 'range':
        if (!flags.u && item.to > 0x7f) throw new RegexSyntaxError('Unicode not allowed here', item.span);
        return `${esc(item.from)}-${esc(item.to)}`;
      case 'ascii': {
        const ranges = ASCII_CLASS_RANGES[item.name].map(([a, b]) => (a === b ? esc(a) : `${esc(a)}-${esc(b)}`)).join('');
        return item.negated ? `[^${ranges}]` : `[${ranges}]`;
      }
      default:
        return this.cls(item, flags);
    }
  }
}

function perlClass(c: PerlClass, flags: Flags): string {
  if (!flags.u) {
    if (c.negated) throw new RegexSyntaxError('pattern can match invalid UTF-8', c.span);
    return c.which === 'd' ? '[0-9]' : c.which === 's' ? '[\\t\\n\\v\\f\\r\\u{20}]' : ASCII_WORD;
  }
  const positive = c.which === 'd' ? '\\p{Nd}' : c.which === 's' ? '\\p{White_Space}' : UNICODE_WORD.slice(1, -1);
  return c.negated ? `[^${positive}]` : `[${positive}]`;
}

function asciiCaseVariants(cp: number): number[] {
  if (cp >= 0x41 && cp <= 0x5a) return [cp, cp + 0x20];
  if (cp >= 0x61 && cp <= 0x7a) return [cp, cp - 0x20];
  return [cp];
}

function asciiLetters(): number[] {
  const out: number[] = [];
  for (let cp = 0x41; cp <= 0x7a; cp++) if (cp <= 0x5a || cp >= 0x61) out.push(cp);
  return out;
}
