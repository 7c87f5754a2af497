/**
 * The Nickel abstract syntax tree: data only. Every node has a `kind` tag and a `span`; the parser
 * builds these, later phases read them and never mutate them.
 *
 * Sugar is kept where diagnostics need it (field paths, let blocks, pattern arguments); the
 * evaluator lowers it. Types and terms share one syntax in Nickel: a type in term position (e.g.
 * `Number` passed to `std.contract.apply`) is an `Expr` of kind `Type`.
 */
import type { Plain } from '../export/plain.js';
import type { Span } from '../source/span.js';

export type Expr =
  | NullLit
  | BoolLit
  | NumLit
  | StrLit
  | Var
  | EnumLit
  | ArrayLit
  | RecordLit
  | DataLit
  | Let
  | Fun
  | App
  | UnaryOp
  | BinaryOp
  | PrimOpApp
  | If
  | Match
  | FieldAccess
  | Annotated
  | Import
  | TypeExpr;

export interface NullLit {
  kind: 'Null';
  span: Span;
}
export interface BoolLit {
  kind: 'Bool';
  value: boolean;
  span: Span;
}
/**
 * `text` is the literal in the decimal form number/num.ts `parseNumber` reads, which gives its exact
 * value: as written, except that the parser rewrites `0x1F`/`0o17`/`0b101` to decimal and `.5` to
 * `0.5`; a constant pattern or priority may start with `-`.
 */
export interface NumLit {
  kind: 'Num';
  text: string;
  span: Span;
}

/**
 * A string literal, single-line `"…"` or multiline `m%"…"%`. The parser has already decoded
 * escapes and stripped the common indentation of multiline strings.
 */
export interface StrLit {
  kind: 'Str';
  chunks: StrChunk[];
  multiline: boolean;
  span: Span;
}
export type StrChunk =
  | { kind: 'Lit'; value: string }
  /**
   * `%{expr}`. `indent` is the column of the interpolation inside a multiline string after
   * indentation stripping: when the value is itself a multi-line string, its lines after the first
   * are indented by that much (0 for single-line strings).
   */
  | { kind: 'Interp'; expr: Expr; indent: number };

export interface Var {
  kind: 'Var';
  name: string;
  span: Span;
}

/** `'Foo` (arg undefined) or the enum variant `'Foo arg`. `tag` is unquoted (`'"a b"` → `a b`). */
export interface EnumLit {
  kind: 'Enum';
  tag: string;
  arg: Expr | undefined;
  span: Span;
}

export interface ArrayLit {
  kind: 'Array';
  items: Expr[];
  span: Span;
}

export interface RecordLit {
  kind: 'Record';
  fields: FieldDef[];
  /** `include x` / `include [x, y]` entries (a field `x` bound to the variable `x`). */
  includes: Include[];
  /** `..` at the end: only meaningful when the record is used as a contract. */
  open: boolean;
  span: Span;
}

/**
 * A large record or array literal of plain data (no variables, interpolation, annotations or
 * operators), read straight into its exported value by lexer/data-literal.ts. Exporting it needs
 * nothing else; for anything more the evaluator parses the same source span into the ordinary
 * nodes (parser/data-literal.ts), so diagnostics still point inside it.
 */
export interface DataLit {
  kind: 'Data';
  value: Plain;
  span: Span;
}

/** One element of a field path: `a`, `"a b"` or `"%{expr}"`. */
export type FieldName = { kind: 'Static'; name: string; span: Span } | { kind: 'Dynamic'; expr: StrLit; span: Span };

/** `a.b."c" | Contract = value`. A field without `value` is a declaration (contract/metadata only). */
export interface FieldDef {
  /** Never empty: the parser reads at least one name. */
  path: [FieldName, ...FieldName[]];
  value: Expr | undefined;
  meta: FieldMeta;
  span: Span;
}

export interface Include {
  name: string;
  meta: FieldMeta;
  span: Span;
}

/** Annotations of a field or let binding: `| doc`, `| default`, `: T`, `| C`, `| optional`, … */
export interface FieldMeta {
  doc: string | undefined;
  /** `: T` — at most one. Checked at run time as a contract. */
  type: TypeAnnot | undefined;
  /** `| C` in source order. */
  contracts: TypeAnnot[];
  /** undefined = normal priority; `default`, `force` or a numeric `priority N`. */
  priority: Priority | undefined;
  optional: boolean;
  notExported: boolean;
}

export type Priority =
  | { kind: 'Default' }
  | { kind: 'Force' }
  /** `priority N`: `text` is the (possibly negative) number literal. */
  | { kind: 'Numeral'; text: string };

/** A type or contract in annotation position, with the span of the annotation itself. */
export interface TypeAnnot {
  type: Type;
  span: Span;
}

export interface Let {
  kind: 'Let';
  rec: boolean;
  /** One or more bindings (`let a = 1, b = 2 in …` is a let block). */
  bindings: LetBinding[];
  body: Expr;
  span: Span;
}
export interface LetBinding {
  pattern: Pattern;
  value: Expr;
  meta: FieldMeta;
  span: Span;
}

/** `fun p1 p2 => body`: one node per whole function, params in order. */
export interface Fun {
  kind: 'Fun';
  params: Pattern[];
  body: Expr;
  span: Span;
}

export interface App {
  kind: 'App';
  fn: Expr;
  arg: Expr;
  span: Span;
}

export type UnaryOperator = 'Not' | 'Neg';
export interface UnaryOp {
  kind: 'Unary';
  op: UnaryOperator;
  operand: Expr;
  span: Span;
}

export type BinaryOperator =
  | 'Add'
  | 'Sub'
  | 'Mul'
  | 'Div'
  | 'Mod'
  | 'StrConcat' // ++
  | 'ArrayConcat' // @
  | 'Eq'
  | 'Neq'
  | 'Lt'
  | 'Le'
  | 'Gt'
  | 'Ge'
  | 'And'
  | 'Or' // lazy in their right operand
  | 'Merge' // &
  | 'Pipe'; // |>  (x |> f  ==  f x)
export interface BinaryOp {
  kind: 'Binary';
  op: BinaryOperator;
  left: Expr;
  right: Expr;
  span: Span;
}

/** `%name% a b …` — the reference's primitive operations, applied to all their arguments. */
export interface PrimOpApp {
  kind: 'PrimOp';
  name: string;
  args: Expr[];
  span: Span;
}

export interface If {
  kind: 'If';
  cond: Expr;
  then: Expr;
  else: Expr;
  span: Span;
}

/** `match { p1 if g => e1, … }` — a function of one argument. */
export interface Match {
  kind: 'Match';
  branches: MatchBranch[];
  span: Span;
}
export interface MatchBranch {
  pattern: Pattern;
  guard: Expr | undefined;
  body: Expr;
  span: Span;
}

/** `e.a`, `e."a b"`, `e."%{x}"`. */
export interface FieldAccess {
  kind: 'FieldAccess';
  record: Expr;
  field: FieldName;
  span: Span;
}

/** `e : T`, `e | C1 | C2`, or both (`e : T | C`). */
export interface Annotated {
  kind: 'Annotated';
  expr: Expr;
  type: TypeAnnot | undefined;
  contracts: TypeAnnot[];
  span: Span;
}

export type ImportFormat = 'Nickel' | 'Json' | 'Yaml' | 'Toml' | 'Text';
/**
 * `import "path"` (format from the extension, undefined here) or `import "path" as 'Json`.
 * `path` is the decoded string as written; resolution is the importer's job.
 */
export interface Import {
  kind: 'Import';
  path: string;
  format: ImportFormat | undefined;
  /**
   * `import pkg` (added by the parser work): an import from a package, resolved through a
   * package manifest. `path` is then empty; we have no package manager, so evaluating it is an
   * import error, as in the reference run without a manifest.
   */
  package?: string;
  span: Span;
}

/** A type used as a term (e.g. `Number`, `{a : String}`, `Array Dyn`) — evaluates to a contract. */
export interface TypeExpr {
  kind: 'Type';
  type: Type;
  span: Span;
}

// ---------------------------------------------------------------------------------------------
// Types

export type Type =
  | { kind: 'Dyn'; span: Span }
  | { kind: 'Number'; span: Span }
  | { kind: 'Bool'; span: Span }
  | { kind: 'String'; span: Span }
  | { kind: 'Symbol'; span: Span }
  | { kind: 'ForeignId'; span: Span }
  | { kind: 'Array'; elem: Type; span: Span }
  | { kind: 'Arrow'; domain: Type; codomain: Type; span: Span }
  /** `forall a b. T` */
  | { kind: 'Forall'; vars: string[]; body: Type; span: Span }
  /** A bound type variable (resolved by the parser, which knows the enclosing foralls). */
  | { kind: 'TypeVar'; name: string; span: Span }
  /** `{ a : T, b : U; tail }` — a record *type* (every field typed, no definitions). */
  | { kind: 'RecordType'; fields: RecordTypeField[]; tail: RowTail; span: Span }
  /** `[| 'a, 'b T; tail |]` */
  | { kind: 'EnumType'; rows: EnumRow[]; tail: RowTail; span: Span }
  /** `{ _ : T }` (typed) or `{ _ | T }` (contract) dictionary. */
  | { kind: 'Dict'; elem: Type; contract: boolean; span: Span }
  /** `_` in a type annotation: inferred by the typechecker, `Dyn` at run time. */
  | { kind: 'Wildcard'; span: Span }
  /** Any other term in type position (`std.string.NonEmpty`, a record contract literal, …). */
  | { kind: 'Contract'; expr: Expr; span: Span };

export interface RecordTypeField {
  name: string;
  type: Type;
  span: Span;
}
export interface EnumRow {
  tag: string;
  arg: Type | undefined;
  span: Span;
}
/** Closed (`{a : T}`), a row variable (`{a : T; r}`) or the dynamic tail (`{a : T; Dyn}`). */
export type RowTail = { kind: 'Closed' } | { kind: 'Var'; name: string; span: Span } | { kind: 'Dyn' };

// ---------------------------------------------------------------------------------------------
// Patterns

export type Pattern =
  /** `x` — binds the value. */
  | { kind: 'Bind'; name: string; span: Span }
  /** `_` */
  | { kind: 'Wildcard'; span: Span }
  /** `x @ p` — binds the whole value and matches p. */
  | { kind: 'Alias'; name: string; pattern: Pattern; span: Span }
  /** Constant patterns: `1`, `"a"`, `true`, `null`. */
  | { kind: 'Const'; value: NullLit | BoolLit | NumLit | StrLit; span: Span }
  /** `'Foo` or `'Foo p`. */
  | { kind: 'Enum'; tag: string; arg: Pattern | undefined; span: Span }
  /** `{ a, b = p, c ? d, e | C, ..rest }` */
  | { kind: 'Record'; fields: RecordPatternField[]; tail: PatternTail; span: Span }
  /** `[p1, p2, ..rest]` */
  | { kind: 'Array'; items: Pattern[]; tail: PatternTail; span: Span }
  /** `p1 or p2 or …` (match branches only). */
  | { kind: 'Or'; alternatives: Pattern[]; span: Span };

/** `field` bound to `pattern` (`{a}` is `{a = a}`), with optional default and annotations. */
export interface RecordPatternField {
  field: string;
  pattern: Pattern;
  default: Expr | undefined;
  type: TypeAnnot | undefined;
  contracts: TypeAnnot[];
  span: Span;
}

/** None (closed), `..` (open, ignored) or `..rest` (open, bound). */
export type PatternTail = { kind: 'Closed' } | { kind: 'Open' } | { kind: 'Capture'; name: string; span: Span };

export function emptyMeta(): FieldMeta {
  return { doc: undefined, type: undefined, contracts: [], priority: undefined, optional: false, notExported: false };
}
