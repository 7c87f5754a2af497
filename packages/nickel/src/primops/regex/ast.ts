/** The syntax tree of a pattern in the reference's regex dialect, and positions in the pattern. */

/** A position in the pattern: code point offset, 1-based line and column (in code points). */
export interface Pos {
  offset: number;
  line: number;
  column: number;
}

export interface PatternSpan {
  start: Pos;
  end: Pos;
}

/** Flags a group or a `(?flags)` item turns on (true) or off (false). */
export type FlagChange = Partial<Record<'i' | 'm' | 's' | 'U' | 'u' | 'R' | 'x', boolean>>;

export type AsciiClassName =
  | 'alnum'
  | 'alpha'
  | 'ascii'
  | 'blank'
  | 'cntrl'
  | 'digit'
  | 'graph'
  | 'lower'
  | 'print'
  | 'punct'
  | 'space'
  | 'upper'
  | 'word'
  | 'xdigit';

export type AssertionKind =
  | 'start-line'
  | 'end-line'
  | 'start-text'
  | 'end-text'
  | 'word'
  | 'not-word'
  | 'word-start'
  | 'word-end'
  | 'word-start-half'
  | 'word-end-half';

/** A Unicode class as written: `\pL`, `\p{Greek}`, `\p{sc=Greek}`, `\P{…}` (negated). */
export interface UnicodeClass {
  kind: 'unicode';
  negated: boolean;
  name: string;
  value?: string;
  /** `\p{name!=value}` */
  notEqual: boolean;
  span: PatternSpan;
}

export interface PerlClass {
  kind: 'perl';
  which: 'd' | 's' | 'w';
  negated: boolean;
  span: PatternSpan;
}

export type ClassItem =
  | { kind: 'char'; cp: number; byteEscape: boolean; span: PatternSpan }
  | { kind: 'range'; from: number; to: number; span: PatternSpan }
  | { kind: 'ascii'; name: AsciiClassName; negated: boolean }
  | PerlClass
  | UnicodeClass
  | Bracketed;

export type ClassSet = { kind: 'union'; items: ClassItem[] } | { kind: 'op'; op: '&&' | '--' | '~~'; lhs: ClassSet; rhs: ClassSet };

export interface Bracketed {
  kind: 'bracketed';
  negated: boolean;
  set: ClassSet;
  span: PatternSpan;
}

export type Node =
  | { kind: 'empty' }
  | { kind: 'literal'; cp: number; byteEscape: boolean; span: PatternSpan }
  | { kind: 'dot'; span: PatternSpan }
  | { kind: 'assertion'; which: AssertionKind }
  | { kind: 'class'; cls: Bracketed | UnicodeClass | PerlClass }
  | { kind: 'repeat'; min: number; max: number; greedy: boolean; sub: Node }
  | { kind: 'group'; capture: boolean; flags?: FlagChange; sub: Node }
  | { kind: 'flags'; flags: FlagChange }
  | { kind: 'concat'; items: Node[] }
  | { kind: 'alternation'; branches: Node[] };

export interface ParsedPattern {
  ast: Node;
  captures: number;
}
