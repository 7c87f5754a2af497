/**
 * The catalogue of error kinds. Names are the reference implementation's (`Phase::Variant`), so a
 * diagnostic can be compared with the reference's and tools can match on a stable code. Every kind
 * has one headline; its message, labels and notes are made by its one constructor, in the file of
 * its phase (parse-errors.ts, import-errors.ts, eval-errors.ts, export-errors.ts; typecheck.ts for
 * `TypecheckError`). Only kinds something raises are listed: the reference's other kinds are added
 * with the code that raises them. Each kind has a golden program raising it (tests/nickel/golden),
 * except those of KINDS_WITHOUT_GOLDEN.
 */
export const ERROR_HEADLINES = {
  ParseError: 'parse error',
  'ParseError::UnexpectedToken': 'unexpected token',
  'ParseError::UnexpectedEOF': 'unexpected end of file',
  'ParseError::UnmatchedCloseBrace': 'unmatched closing brace',
  'ParseError::InvalidEscapeSequence': 'invalid escape sequence',
  'ParseError::InvalidAsciiEscapeCode': 'invalid ascii escape code',
  'ParseError::StringDelimiterMismatch': 'string delimiter mismatch',
  'ParseError::InvalidRecordType': 'invalid record type',
  'ParseError::TypeVariableKindMismatch': 'type variable kind mismatch',
  'ParseError::TypedFieldWithoutDefinition': 'type annotation without a definition',
  'ParseError::DuplicateIdentInRecordPattern': 'duplicated binding in record pattern',
  'ParseError::DuplicateIdentInLetBlock': 'duplicated binding in let block',
  'ParseError::DisabledFeature': 'interpreter compiled without required features',
  'ParseError::InvalidContract': 'invalid contract',
  'ParseError::InvalidImportFormat': 'unknown import format tag',
  'ParseError::MultipleFieldDecls': 'multiple declarations for the same field',
  'ImportError::IoError': 'import of a file failed',
  'ImportError::ParseError': 'parse error in an imported file',
  'ImportError::EscapesRoot': 'import escapes the allowed directories',
  'EvalError::BlameError': 'contract broken by a value',
  'EvalError::MissingFieldDef': 'missing definition for a field',
  'EvalError::FieldMissing': 'missing field',
  'EvalError::NotAFunc': 'not a function',
  'EvalError::TypeError': 'dynamic type error',
  'EvalError::NAryPrimopTypeError': 'dynamic type error',
  'EvalError::UnboundIdentifier': 'unbound identifier',
  'EvalError::InfiniteRecursion': 'infinite recursion',
  'EvalError::MergeIncompatibleArgs': 'non mergeable terms',
  'EvalError::NonExhaustiveMatch': 'unmatched pattern',
  'EvalError::NonExhaustiveEnumMatch': 'unmatched pattern',
  'EvalError::FailedDestructuring': 'destructuring failed',
  'EvalError::IllegalPolymorphicTailAccess': 'illegal polymorphic tail access',
  'EvalError::IncomparableValues': 'cannot compare values for equality',
  'EvalError::DeserializationError': 'deserialization error',
  'EvalError::UnaryPrimopTypeError': 'dynamic type error',
  'EvalError::Other': 'evaluation error',
  'EvalError::StackOverflow': 'evaluation nested too deeply',
  'ExportError::NotAString': 'raw export requires a `String`',
  'ExportError::NonSerializable': 'non serializable term',
  'ExportError::NumberOutOfRange': 'number out of range',
  'ExportError::Other': 'serialization error',
  'ExportError::UnsupportedNull': 'null is not supported by the format',
  'ExportError::ExpectedArray': 'expected an array',
  // typecheck.ts raises these, one constructor per kind
  'TypecheckError::TypeMismatch': 'incompatible types',
  'TypecheckError::UnboundIdentifier': 'unbound identifier',
  'TypecheckError::MissingRow': 'type error: missing row',
  'TypecheckError::ExtraRow': 'type error: extra row',
  'TypecheckError::MissingDynTail': 'type error: missing dynamic tail `; Dyn`',
  'TypecheckError::ExtraDynTail': 'type error: extra dynamic tail `; Dyn`',
  'TypecheckError::UnboundTypeVariable': 'unbound type variable',
  'TypecheckError::RecordRowMismatch': 'incompatible record rows declaration',
  'TypecheckError::EnumRowMismatch': 'incompatible enum rows declaration',
  'TypecheckError::RecordRowConflict': 'multiple record row declarations',
  'TypecheckError::EnumRowConflict': 'multiple enum row declarations',
  'TypecheckError::ArrowTypeMismatch': 'function types mismatch',
  'TypecheckError::ForallParametricityViolation': 'values are not guaranteed to be compatible with a polymorphic type',
  'TypecheckError::CtrTypeInTermPos': 'types containing user-defined contracts cannot be converted into contracts',
  'TypecheckError::VarLevelMismatch': 'invalid polymorphic generalization',
  'TypecheckError::InhomogeneousRecord': 'incompatible types',
  'TypecheckError::OrPatternVarsMismatch': 'or-pattern variable mismatch',
  InternalError: 'internal error',
  // parser work
  'ParseError::InvalidUnicodeEscapeCode': 'invalid unicode escape code',
  // kinds the golden corpus expects (tests/nickel/golden)
  'ImportError::NoPackageMap': 'tried to import from a package, but no package manifest found',
} as const;

export type ErrorKind = keyof typeof ERROR_HEADLINES;

/**
 * Kinds no golden program can show, and why: the golden expectations come from the reference
 * and are JSON exports of files. Unit tests cover these instead.
 */
export const KINDS_WITHOUT_GOLDEN: { readonly [K in ErrorKind]?: string } = {
  ParseError: "our parser's nesting limit; the reference overflows its stack on such programs",
  'EvalError::StackOverflow': "our evaluator's stack limit; the reference overflows its stack on such programs",
  'EvalError::UnboundIdentifier': 'a defence: scope resolution rejects every unbound name (TypecheckError::UnboundIdentifier) before evaluation',
  'ImportError::EscapesRoot': 'raised only by the in-memory importer; the golden programs are files',
  'ExportError::NotAString': 'raised only by `export --format raw` (or text); the goldens export JSON',
  'ExportError::ExpectedArray': 'raised only by `export --format yaml-documents`; the goldens export JSON',
  InternalError: "the CLI's report of a bug of lamina-nickel (internal-error.ts), never the error of a program",
};
