/**
 * The parser's diagnostics, one constructor per `ParseError` kind: each takes what its message
 * needs (spans, names, what was expected) and owns the wording. Wording follows the reference
 * where it has one ("unexpected token", "statically typed field without a definition", …) and
 * always names what was expected.
 */
import type { Span } from '../source/span.js';
import { NickelError, primary, secondary } from './error.js';

/**
 * Our own limit (the reference has no such kind: it overflows its stack): `limit` when the
 * parser's nesting guard stopped, none when the JS stack ran out first.
 */
export function nestingTooDeep(at: Span, limit?: number): NickelError {
  const message = limit === undefined ? 'the program is nested too deeply to parse' : `expressions are nested too deeply (more than ${limit} levels)`;
  return new NickelError('ParseError', message, { labels: primary(at, 'nesting limit reached here') });
}

/** The input ended where `expected` (said in words) should have come. */
export function unexpectedEof(at: Span, expected: string | undefined): NickelError {
  return new NickelError('ParseError::UnexpectedEOF', `unexpected end of file${expected ? `; expected ${expected}` : ''}`, {
    labels: primary(at, expected ? `expected ${expected}` : 'the input ends here'),
  });
}

/** Why a token is unexpected beyond "something else was expected here". */
export type UnexpectedTokenCause =
  /** `found` (a token described in words) where `expected` should have come. */
  | { readonly kind: 'found'; readonly found: string; readonly expected: string | undefined }
  /** Text the lexer cannot make a token of. */
  | { readonly kind: 'unlexable' }
  /** A primop the reference's grammar no longer accepts. */
  | { readonly kind: 'unusablePrimop'; readonly primop: string }
  /** Parentheses around a pattern that is neither an enum variant nor an or-pattern. */
  | { readonly kind: 'parenthesizedPattern' };

export function unexpectedToken(at: Span, cause: UnexpectedTokenCause): NickelError {
  switch (cause.kind) {
    case 'found': {
      const { found, expected } = cause;
      return new NickelError('ParseError::UnexpectedToken', `unexpected token: ${found}${expected ? `; expected ${expected}` : ''}`, {
        labels: primary(at, expected ? `expected ${expected}` : 'unexpected token'),
      });
    }
    case 'unlexable':
      return new NickelError('ParseError::UnexpectedToken', 'unexpected token', { labels: primary(at, 'cannot lex this') });
    case 'unusablePrimop':
      return new NickelError('ParseError::UnexpectedToken', `unexpected token: \`%${cause.primop}%\` is not usable in this version`, {
        labels: primary(at, 'unexpected token'),
      });
    case 'parenthesizedPattern':
      return new NickelError('ParseError::UnexpectedToken', 'unexpected token: only enum variant patterns and or-patterns can be parenthesized', {
        labels: primary(at, 'expected an enum variant or an or-pattern inside the parentheses'),
      });
  }
}

export function unmatchedCloseBrace(at: Span): NickelError {
  return new NickelError('ParseError::UnmatchedCloseBrace', 'unmatched closing brace `}`', { labels: primary(at, 'no `{` opens this brace') });
}

export function invalidEscapeSequence(at: Span): NickelError {
  return new NickelError('ParseError::InvalidEscapeSequence', 'invalid escape sequence', {
    labels: primary(at, 'this escape sequence is not valid'),
    notes: ['Valid escapes are \\n, \\r, \\t, \\", \\\', \\\\, \\%, \\xHH (ASCII) and \\u{H…} (Unicode).'],
  });
}

export function invalidAsciiEscapeCode(at: Span): NickelError {
  return new NickelError('ParseError::InvalidAsciiEscapeCode', 'invalid ascii escape code', {
    labels: primary(at, 'this code is above 0x7F'),
    notes: ['An ASCII escape \\xHH must be at most \\x7F; use \\u{…} for other characters.'],
  });
}

export function invalidUnicodeEscapeCode(at: Span): NickelError {
  return new NickelError('ParseError::InvalidUnicodeEscapeCode', 'invalid unicode escape code', {
    labels: primary(at, 'this is not a Unicode scalar value'),
  });
}

/** A multiline string closed by more `%` than it was opened with. */
export function stringDelimiterMismatch(close: Span, open: Span): NickelError {
  return new NickelError('ParseError::StringDelimiterMismatch', 'string closing delimiter has too many `%`', {
    labels: [...primary(close, 'the closing delimiter'), ...secondary(open, 'the opening delimiter')],
    notes: ['A multiline string must be closed by `"` followed by as many `%` as it was opened with.'],
  });
}

/** What a type variable is used as: a type, a record row tail or an enum row tail. */
export type TypeVarUse = 'Type' | 'RecordRows' | 'EnumRows';

/** A type variable bound by `forall` and used as two different things inside `type`. */
export function typeVariableKindMismatch(name: string, first: TypeVarUse, second: TypeVarUse, type: Span): NickelError {
  const describe = (k: TypeVarUse): string => (k === 'Type' ? 'a type' : k === 'RecordRows' ? 'a record tail' : 'an enum tail');
  return new NickelError('ParseError::TypeVariableKindMismatch', `the type variable \`${name}\` is used in conflicting ways`, {
    labels: primary(type, `\`${name}\` is used as ${describe(first)} and as ${describe(second)} here`),
    notes: ['Type variables may be used either as types, as record row tails or as enum row tails, but only one of these in a given type.'],
  });
}

/** Why a `{ … }` that must be a record type (it has a row tail) cannot be one; the reference's cases. */
export type RecordTypeProblem =
  | { readonly kind: 'IsOpen'; readonly at: Span }
  | { readonly kind: 'HasInclude'; readonly at: Span }
  | { readonly kind: 'InvalidField'; readonly at: Span }
  | { readonly kind: 'InterpolatedField'; readonly at: Span }
  | { readonly kind: 'RepeatedField'; readonly at: Span; readonly again: Span };

const RECORD_TYPE_FIELD_NOTE = 'Value assignments such as `<field> = <expr>`, and metadata annotation (annotation, documentation, etc.) are forbidden.';

export function invalidRecordType(record: Span, problem: RecordTypeProblem, tail: Span | undefined): NickelError {
  const explain = (): { label: string; note?: string; more: Array<{ span: Span; message: string }> } => {
    switch (problem.kind) {
      case 'IsOpen':
        return { label: 'cannot have ellipsis in a record type literal', more: [] };
      case 'HasInclude':
        return { label: 'cannot have `include` statements in a record type', more: [] };
      case 'InvalidField':
        return { label: 'invalid field for a record type literal', note: RECORD_TYPE_FIELD_NOTE, more: [] };
      case 'InterpolatedField':
        return { label: 'this field uses interpolation', note: 'String interpolation in field names is forbidden in record types', more: [] };
      case 'RepeatedField':
        return { label: 'first occurrence', note: 'Repeated field names are forbidden', more: [{ span: problem.again, message: 'second occurrence' }] };
    }
  };
  const { label, note, more } = explain();
  // Why the literal was read as a record type, as the reference explains it.
  const readAsType = tail
    ? 'This literal was interpreted as a record type because it has a polymorphic tail; record values cannot have tails.'
    : 'This literal was interpreted as a record type because it has fields with type annotations but no value definitions; to make this a record value, assign values to its fields.';
  return new NickelError('ParseError::InvalidRecordType', 'invalid record literal', {
    labels: [...primary(record, ''), ...secondary(problem.at, label), ...more.flatMap((m) => secondary(m.span, m.message)), ...secondary(tail, 'tail')],
    notes: ['A record type is a literal composed only of type annotations, of the form `<field>: <type>`.', ...(note ? [note] : []), readAsType],
  });
}

/** `{ a : Number }` in a record literal where nothing defines `a`. */
export function typedFieldWithoutDefinition(field: Span, annotation: Span): NickelError {
  return new NickelError('ParseError::TypedFieldWithoutDefinition', 'statically typed field without a definition', {
    labels: [...primary(field, "this field doesn't have a definition"), ...secondary(annotation, 'but it has a type annotation')],
    notes: [
      'A `:` annotation is a static type, which needs a value to check; this field has none.',
      'To declare a field that a later merge must define, annotate it with a contract (`|`) instead of a type (`:`).',
      'A record made only of `name : Type` declarations is read as a record type; this one is not, because of its other fields or metadata.',
    ],
  });
}

export function duplicateIdentInRecordPattern(name: string, again: Span, first: Span): NickelError {
  return new NickelError('ParseError::DuplicateIdentInRecordPattern', `duplicated binding \`${name}\` in record pattern`, {
    labels: [...primary(again, 'duplicated binding here'), ...secondary(first, 'previous binding here')],
  });
}

export function duplicateIdentInLetBlock(name: string, again: Span, first: Span): NickelError {
  return new NickelError('ParseError::DuplicateIdentInLetBlock', `duplicated binding \`${name}\` in let block`, {
    labels: [...primary(again, 'duplicated binding here'), ...secondary(first, 'previous binding here')],
  });
}

/** Syntax of a feature the reference builds only on request (`%eval_nix%`: `nix-experimental`). */
export function disabledFeature(at: Span, feature: string): NickelError {
  return new NickelError('ParseError::DisabledFeature', 'interpreter compiled without required features', {
    labels: primary(at, `this requires the \`${feature}\` feature`),
  });
}

/** A literal (number, string, array, …) used as a contract. */
export function invalidContract(at: Span): NickelError {
  return new NickelError('ParseError::InvalidContract', 'invalid contract expression', {
    labels: primary(at, "this can't be used as a contract"),
    notes: ['Only functions, records, types and custom contracts (built with `std.contract.custom` and friends) can be used as contracts.'],
  });
}

export function invalidImportFormat(at: Span): NickelError {
  return new NickelError('ParseError::InvalidImportFormat', 'unknown import format tag', {
    labels: primary(at, 'unknown format'),
    notes: ["The supported formats are `'Nickel`, `'Json`, `'Yaml`, `'Toml` and `'Text`."],
  });
}

/** A field brought in by `include` and declared again (by another `include` or a definition). */
export function multipleFieldDecls(name: string, included: Span, again: Span): NickelError {
  return new NickelError('ParseError::MultipleFieldDecls', `multiple declarations for included field \`${name}\``, {
    labels: [...primary(again, 'other declaration here'), ...secondary(included, 'included here')],
    notes: ["An included field can't be declared again: not by another `include`, nor by a field definition."],
  });
}
