/**
 * The tokens of Nickel's surface syntax. The lexer is modal (normal code, `"…"` strings, `m%"…"%`
 * strings), so string pieces are tokens of their own; see lexer.ts.
 */

export type TokenKind =
  | 'ident'
  | 'num' // `value` is a decimal literal number/num.ts `parseNumber` accepts
  | 'enumTag' // `'foo`: value is `foo`
  | 'strEnumTagBegin' // `'"`: a quoted enum tag follows as string tokens
  | 'keyword' // value is the keyword (`let`, `Number`, `doc`, …)
  | 'punct' // value is the punctuation (`{`, `->`, `..`, …)
  | 'primop' // `%name%`: value is `name`
  | 'strStart' // `"`
  | 'mstrStart' // `m%"`, `m%%"`, …
  | 'symStrStart' // `nix-s%"`: value is the prefix (`nix`)
  | 'strLit' // literal text inside a string (escapes decoded)
  | 'interp' // `%{` inside a string
  | 'strEnd' // `"` closing a standard string
  | 'mstrEnd' // `"%`… closing a multiline or symbolic string
  | 'error' // a lexical error, raised when the parser reaches it
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  readonly value: string;
  /** UTF-16 offsets into the source text. */
  readonly start: number;
  readonly end: number;
  /** For `error` tokens: the diagnostic to raise. */
  readonly error?: LexicalError;
}

export type LexicalErrorKind =
  | 'UnmatchedCloseBrace'
  | 'InvalidEscapeSequence'
  | 'InvalidAsciiEscapeCode'
  | 'InvalidUnicodeEscapeCode'
  | 'StringDelimiterMismatch'
  | 'Generic';

export interface LexicalError {
  readonly kind: LexicalErrorKind;
  readonly start: number;
  readonly end: number;
  /** StringDelimiterMismatch: the opening delimiter. */
  readonly openStart?: number;
  readonly openEnd?: number;
}

/** Words the lexer never returns as identifiers. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'Dyn',
  'Number',
  'Bool',
  'String',
  'Array',
  'if',
  'then',
  'else',
  'forall',
  'in',
  'let',
  'rec',
  'match',
  'null',
  'true',
  'false',
  'fun',
  'import',
  // contextual: still identifiers in most positions (see parser/identifiers.ts)
  'or',
  'as',
  'include',
  // metadata keywords: identifiers only as field names
  'default',
  'doc',
  'optional',
  'priority',
  'force',
  'not_exported',
]);

/** Keywords that are still identifiers outside their own constructs. */
export const CONTEXTUAL_KEYWORDS: ReadonlySet<string> = new Set(['or', 'as', 'include']);
/** Keywords that are identifiers as field names. */
export const METADATA_KEYWORDS: ReadonlySet<string> = new Set(['doc', 'default', 'force', 'priority', 'optional', 'not_exported']);

/**
 * The primitive operations the grammar accepts, with how many atoms each takes right after it.
 * Arity is syntactic: `%array/map% xs f` is the unary `%array/map% xs` applied to `f`, exactly as
 * the reference's grammar groups it. `enum/embed` also takes an identifier before its argument.
 */
export const PRIMOP_ARITY: ReadonlyMap<string, number> = new Map<string, number>([
  // unary
  ...[
    'typeof',
    'cast',
    'blame',
    'label/flip_polarity',
    'label/polarity',
    'label/go_dom',
    'label/go_codom',
    'label/go_array',
    'label/go_dict',
    'enum/embed',
    'array/map',
    'array/generate',
    'record/map',
    'seq',
    'deep_seq',
    'force',
    'array/length',
    'record/fields',
    'record/fields_with_opts',
    'record/values',
    'string/trim',
    'string/chars',
    'string/uppercase',
    'string/lowercase',
    'string/length',
    'to_string',
    'number/from_string',
    'enum/from_string',
    'string/is_match',
    'string/find',
    'string/find_all',
    'record/empty_with_tail',
    'record/freeze',
    'trace',
    'label/push_diag',
    'eval_nix',
    'enum/get_arg',
    'enum/make_variant',
    'enum/is_variant',
    'enum/get_tag',
    'contract/custom',
    'number/arccos',
    'number/arcsin',
    'number/arctan',
    'number/cos',
    'number/sin',
    'number/tan',
  ].map((n) => [n, 1] as [string, number]),
  // binary
  ...[
    'contract/apply',
    'contract/check',
    'contract/array_lazy_apply',
    'contract/record_lazy_apply',
    'seal',
    'unseal',
    'label/go_field',
    'record/has_field',
    'record/has_field_with_opts',
    'record/field_is_defined',
    'record/field_is_defined_with_opts',
    'array/at',
    'hash',
    'serialize',
    'deserialize',
    'number/arctan2',
    'number/log',
    'pow',
    'string/split',
    'string/contains',
    'string/compare',
    'string/base64_encode',
    'string/base64_decode',
    'record/insert',
    'record/insert_with_opts',
    'record/remove',
    'record/remove_with_opts',
    'record/split_pair',
    'record/disjoint_merge',
    'label/with_message',
    'label/with_notes',
    'label/append_note',
    'label/lookup_type_variable',
  ].map((n) => [n, 2] as [string, number]),
  // n-ary
  ['string/replace', 3],
  ['string/replace_regex', 3],
  ['string/substr', 3],
  ['record/seal_tail', 4],
  ['record/unseal_tail', 3],
  ['label/insert_type_variable', 3],
  ['array/slice', 3],
  ['record/merge_contract', 3],
]);

/**
 * Primops the reference lexer knows but its grammar accepts nowhere: they lex as one token and
 * are then rejected by the parser (not lexed as `%` followed by an identifier).
 */
export const UNUSABLE_PRIMOPS: ReadonlySet<string> = new Set(['rec_force', 'rec_default']);

/** Punctuation, longest first so that the lexer can take the first match. */
export const PUNCTUATION: readonly string[] = [
  '!=',
  '++',
  '==',
  '&&',
  '||',
  '..',
  '|>',
  '->',
  '=>',
  '<=',
  '>=',
  '[|',
  '|]',
  '?',
  ',',
  ';',
  ':',
  '$',
  '=',
  '&',
  '.',
  '+',
  '-',
  '*',
  '/',
  '%',
  '@',
  '!',
  '|',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '_',
];

/** Punctuation grouped by first character, longest first. */
export const PUNCTUATION_BY_CHAR: ReadonlyMap<string, readonly string[]> = (() => {
  const m = new Map<string, string[]>();
  for (const p of PUNCTUATION) {
    const list = m.get(p.charAt(0)) ?? [];
    list.push(p);
    m.set(p.charAt(0), list);
  }
  for (const list of m.values()) list.sort((a, b) => b.length - a.length);
  return m;
})();
