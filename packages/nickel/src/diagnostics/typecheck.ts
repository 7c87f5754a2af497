/**
 * The static type errors, one constructor per TypecheckError kind: each owns its message, labels
 * and notes (the reference's wording), and the printed types the reference's error carries as
 * fields. Types arrive already printed (analysis/typecheck/print.ts).
 */
import type { Span } from '../source/span.js';
import { NickelError, primary, secondary, type ErrorFields, type Label } from './error.js';

const expectedMsg = (t: string): string => `Expected an expression of type \`${t}\``;
const inferredMsg = (t: string): string => `Found an expression of type \`${t}\``;
const exprLabel = (span: Span | undefined, message = 'this expression'): Label[] => primary(span, message);

export function typeMismatch(span: Span | undefined, expected: string, inferred: string, contract: { expected: boolean; inferred: boolean }): NickelError {
  return new NickelError('TypecheckError::TypeMismatch', 'incompatible types', {
    labels: exprLabel(span),
    notes: [
      expectedMsg(expected) + (contract.expected ? ' (a contract)' : ''),
      inferredMsg(inferred) + (contract.inferred ? ' (a contract)' : ''),
      contract.expected !== contract.inferred ? 'Static types and contracts are not compatible' : 'These types are not compatible',
    ],
    fields: { expected, inferred },
  });
}

export function missingRow(span: Span | undefined, id: string, row: 'Record' | 'Enum', expected: string, inferred: string): NickelError {
  if (row === 'Record') {
    return new NickelError('TypecheckError::MissingRow', `type error: missing field \`${id}\``, {
      labels: exprLabel(span, `this record lacks \`${id}\``),
      notes: [`Attempted to access field \`${id}\` on an expression of type \`${inferred}\``],
      fields: { ident: id },
    });
  }
  return new NickelError('TypecheckError::MissingRow', `type error: missing row \`${id}\``, {
    labels: exprLabel(span),
    notes: [`${expectedMsg(expected)}, which contains the field \`${id}\``, `${inferredMsg(inferred)}, which does not contain the field \`${id}\``],
    fields: { ident: id },
  });
}

export function extraRow(span: Span | undefined, id: string, expected: string, inferred: string): NickelError {
  return new NickelError('TypecheckError::ExtraRow', `type error: extra row \`${id}\``, {
    labels: exprLabel(span),
    notes: [`${expectedMsg(expected)}, which does not contain the field \`${id}\``, `${inferredMsg(inferred)}, which contains the extra field \`${id}\``],
    fields: { ident: id },
  });
}

export function missingDynTail(span: Span | undefined, expected: string, inferred: string): NickelError {
  return new NickelError('TypecheckError::MissingDynTail', 'type error: missing dynamic tail `; Dyn`', {
    labels: exprLabel(span),
    notes: [`${expectedMsg(expected)}, which contains the tail \`; Dyn\``, `${inferredMsg(inferred)}, which does not contain the tail \`; Dyn\``],
  });
}

export function extraDynTail(span: Span | undefined, expected: string, inferred: string): NickelError {
  return new NickelError('TypecheckError::ExtraDynTail', 'type error: extra dynamic tail `; Dyn`', {
    labels: exprLabel(span),
    notes: [`${expectedMsg(expected)}, which does not contain the tail \`; Dyn\``, `${inferredMsg(inferred)}, which contains the extra tail \`; Dyn\``],
  });
}

export function unboundTypeVariable(span: Span | undefined, name: string): NickelError {
  return new NickelError('TypecheckError::UnboundTypeVariable', `unbound type variable \`${name}\``, {
    labels: primary(span, 'this type variable is unbound'),
    notes: [`Did you forget to put a \`forall ${name}.\` somewhere in the enclosing type?`],
    fields: { identifier: name },
  });
}

export function unboundIdentifier(span: Span | undefined, name: string): NickelError {
  return new NickelError('TypecheckError::UnboundIdentifier', `unbound identifier \`${name}\``, {
    labels: primary(span, 'this identifier is unbound'),
    fields: { identifier: name },
  });
}

/** `path`: the nested fields down to the one whose types differ; `cause` why they differ. */
export function recordRowMismatch(span: Span | undefined, path: string[], expectedRow: string, inferredRow: string, cause: NickelError): NickelError {
  const field = path.join('.');
  return new NickelError('TypecheckError::RecordRowMismatch', 'incompatible record rows declaration', {
    labels: exprLabel(span),
    notes: [
      `Expected an expression of a record type with the row \`${field}: ${expectedRow}\``,
      `Found an expression of a record type with the row \`${field}: ${inferredRow}\``,
      `Could not match the two declarations of \`${field}\``,
      `while typing field \`${field}\`: ${cause.message}`,
      ...cause.notes,
    ],
  });
}

export function enumRowMismatch(span: Span | undefined, id: string, expected: string, inferred: string, cause: NickelError | undefined): NickelError {
  return new NickelError('TypecheckError::EnumRowMismatch', 'incompatible enum rows declaration', {
    labels: exprLabel(span),
    notes: [
      expectedMsg(expected),
      inferredMsg(inferred),
      `Could not match the two declarations of \`${id}\``,
      ...(cause ? [`while typing enum row \`${id}\`: ${cause.message}`, ...cause.notes] : []),
    ],
  });
}

export function rowConflict(span: Span | undefined, of: 'record' | 'enum', id: string, row: string, expected: string, inferred: string): NickelError {
  const kind = of === 'record' ? 'TypecheckError::RecordRowConflict' : 'TypecheckError::EnumRowConflict';
  return new NickelError(kind, `multiple ${of} row declarations`, {
    labels: exprLabel(span),
    notes: [
      `Found an expression with the row \`${row}\``,
      `But this row appears inside another ${of} type, which already has a different declaration for the ${of === 'record' ? 'field' : 'tag'} \`${id}\``,
      'A type cannot have two conflicting declarations for the same row',
      `while matching types: expected type ${expected}, with inferred type ${inferred}`,
    ],
    fields: { row: id },
  });
}

export function arrowTypeMismatch(span: Span | undefined, expected: string, inferred: string, cause: NickelError): NickelError {
  const { cause: _nested, ...causeFields } = cause.fields;
  return new NickelError('TypecheckError::ArrowTypeMismatch', 'function types mismatch', {
    labels: exprLabel(span),
    notes: [
      expectedMsg(expected),
      inferredMsg(inferred),
      'Could not match the two function types',
      ...(cause.kind === 'TypecheckError::TypeMismatch' ? [] : [`while matching function types: ${cause.message}`, ...cause.notes]),
    ],
    fields: { expected, inferred, cause: { kind: cause.kind, ...causeFields } },
  });
}

export function forallParametricityViolation(span: Span | undefined, kind: 'type' | 'enum tail' | 'record tail', tail: string, violating: string): NickelError {
  return new NickelError(
    'TypecheckError::ForallParametricityViolation',
    `values of type \`${violating}\` are not guaranteed to be compatible with polymorphic ${kind} \`${tail}\``,
    {
      labels: exprLabel(span),
      notes: ['Type variables introduced in a `forall` range over all possible types.'],
      fields: { tail, violating_type: violating },
    },
  );
}

export function ctrTypeInTermPos(typeSpan: Span | undefined, contractSpan: Span | undefined): NickelError {
  return new NickelError('TypecheckError::CtrTypeInTermPos', 'types containing user-defined contracts cannot be converted into contracts', {
    labels: [...primary(typeSpan, 'This type (in contract position)'), ...secondary(contractSpan, 'contains this user-defined contract')],
  });
}

export function varLevelMismatch(span: Span | undefined, typeVar: string): NickelError {
  return new NickelError('TypecheckError::VarLevelMismatch', 'invalid polymorphic generalization', {
    labels: exprLabel(span),
    notes: [
      'While the type of this expression is still undetermined, it appears indirectly in the type of another expression introduced before the `forall` block.',
      `The type of this expression escapes the scope of the corresponding \`forall\` and can't be generalized to the polymorphic type variable \`${typeVar}\``,
    ],
    fields: { type_var: typeVar },
  });
}

export function inhomogeneousRecord(span: Span | undefined, rowA: string, rowB: string): NickelError {
  return new NickelError('TypecheckError::InhomogeneousRecord', 'incompatible types', {
    labels: exprLabel(span),
    notes: [
      'Expected a dictionary type',
      `Found a record with a field of type ${rowA} and a field of type ${rowB}`,
      'Records are compatible with dicts only if all their fields have the same type',
    ],
    fields: { row_a: rowA, row_b: rowB },
  });
}

export function orPatternVarsMismatch(varSpan: Span | undefined, name: string, patternSpan: Span | undefined): NickelError {
  return new NickelError('TypecheckError::OrPatternVarsMismatch', 'or-pattern variable mismatch', {
    labels: [...primary(varSpan, 'this variable must occur in all branches'), ...secondary(patternSpan, 'in this or-pattern')],
    notes: ['All branches of an or-pattern must bind exactly the same set of variables'],
    fields: { var: name },
  });
}

export type { ErrorFields };
