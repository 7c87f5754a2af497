/**
 * The evaluator's diagnostics, one constructor per `EvalError` kind: each takes what its message
 * needs (names, type names, spans) and owns the wording, so "expected a Number, got a String"
 * is written here only. Values are described by the caller (eval/errors.ts turns a value into its
 * type name); nothing here depends on the evaluator.
 */
import type { Span } from '../source/span.js';
import { NickelError, primary, secondary } from './error.js';

function article(type: string): string {
  return /^[AEIOU]/.test(type) ? `an ${type}` : `a ${type}`;
}

function ordinal(n: number): string {
  return n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}

/** A contract that failed, as its label describes it (contracts/apply.ts reads the label). */
export interface LabelledBreach {
  readonly kind: 'label';
  /** Who broke it: the caller of a function (a parameter's contract), the function (its result) or the value. */
  readonly party: 'caller' | 'function' | 'value';
  /** The field whose contract this is, when it is one. */
  readonly field: string | undefined;
  /** The contract's own message (`std.contract.blame_with_message`, a custom contract's `'Error`). */
  readonly message: string | undefined;
  /** The contract's notes, outermost first. */
  readonly notes: readonly string[];
  /** The part of a function or container contract that failed, described in words. */
  readonly failingPart: string | undefined;
  /** The contract's annotation. */
  readonly contract: Span | undefined;
  readonly applied: Span | undefined;
  readonly evaluated: Span | undefined;
  /** An explicit location the contract chose to blame (a custom contract's `blame_location`). */
  readonly blameLocation: Span | undefined;
}

/**
 * The message of a closed record contract given fields it does not list, worded as the reference
 * words it: a record contract (`{ a | C }`) names them in the value's order, each in backticks;
 * a record type (`{ a : T }`) sorted, in one pair of backticks.
 */
export function extraFieldsMessage(names: readonly string[], of: 'contract' | 'type'): string {
  if (names.length === 1) return `extra field \`${names[0]}\``;
  return of === 'contract' ? `extra fields ${names.map((n) => `\`${n}\``).join(', ')}` : `extra fields \`${[...names].sort().join(', ')}\``;
}

/** The reference's notes for a record contract given extra fields. */
export const EXTRA_FIELDS_NOTES: readonly string[] = [
  'Have you misspelled a field?',
  'The record contract might also be too strict. By default, record contracts exclude any field which is not listed.\nAppend `, ..` at the end of the record contract, as in `{some_field | SomeContract, ..}`, to make it accept extra fields.',
];

/** Two arrays merged, which the reference checks with an equality contract. */
export interface ArrayMergeBreach {
  readonly kind: 'unequalArrays';
  /** The two lengths when they differ; none when an element differs. */
  readonly lengths: readonly [number, number] | undefined;
  readonly at: Span | undefined;
}

/** `EvalError::BlameError`, worded like the reference's. */
export function contractBroken(breach: LabelledBreach | ArrayMergeBreach): NickelError {
  if (breach.kind === 'unequalArrays') {
    const what = breach.lengths ? `array length mismatch (expected \`${breach.lengths[0]}\`, got \`${breach.lengths[1]}\`)` : 'cannot merge unequal arrays';
    return new NickelError('EvalError::BlameError', `contract broken by a value: ${what}`, {
      labels: primary(breach.at, 'evaluated to this expression'),
      notes: ['This equality contract was auto-generated from a merge operation on two arrays. Arrays can only be merged if they are equal.'],
    });
  }
  const { party, field, applied, blameLocation } = breach;
  const ofField = field ? ` of \`${field}\`` : '';
  const who = party === 'caller' ? 'the caller' : party === 'function' ? 'a function' : field ? 'the value' : 'a value';
  const head = `contract broken by ${who}${ofField}`;
  const message = breach.message ? `${head}: ${breach.message}` : head;
  const notes = [...breach.notes];
  if (breach.failingPart !== undefined) notes.push(`the failing part of the contract: ${breach.failingPart}`);
  if (party === 'caller') notes.push('the blame is on the caller: the function was given an argument that breaks the contract of its parameter');
  const evaluated = blameLocation ?? breach.evaluated;
  if (blameLocation) {
    // An explicit location is the heart of the report.
    return new NickelError('EvalError::BlameError', message, {
      labels: [
        ...primary(blameLocation, 'evaluated to this expression'),
        ...secondary(breach.contract, 'expected type'),
        ...(applied && applied !== blameLocation ? secondary(applied, 'applied to this expression') : []),
      ],
      notes,
    });
  }
  return new NickelError('EvalError::BlameError', message, {
    labels: [
      ...primary(applied ?? evaluated ?? breach.contract, 'applied to this expression'),
      ...secondary(breach.contract, 'expected type'),
      ...(evaluated && evaluated !== applied ? secondary(evaluated, 'evaluated to this value') : []),
    ],
    notes,
  });
}

/**
 * A field declared without a value (`{ a | Number }`) was needed: declared at `fieldSpan`, in the
 * record written at `recordSpan`, accessed at `accessSpan` (none when export or `%force%` needed it).
 */
export function missingFieldDef(name: string, fieldSpan: Span | undefined, accessSpan: Span | undefined, recordSpan?: Span): NickelError {
  return new NickelError('EvalError::MissingFieldDef', `missing definition for \`${name}\``, {
    labels: [
      ...primary(fieldSpan ?? accessSpan, 'required here'),
      ...secondary(recordSpan, 'in this record'),
      ...(fieldSpan ? secondary(accessSpan, 'accessed here') : []),
    ],
    fields: { field: name },
  });
}

/** Where a missing field was asked for: a field access, or a primop removing it. */
export type MissingFieldSite =
  | { readonly record: Span | undefined; readonly access: Span | undefined }
  | { readonly removedBy: string; readonly at: Span | undefined };

export function fieldMissing(name: string, site: MissingFieldSite): NickelError {
  if ('removedBy' in site) {
    return new NickelError('EvalError::FieldMissing', `${site.removedBy}: can't remove the field \`${name}\`, it doesn't exist`, {
      labels: primary(site.at, 'here'),
      fields: { field: name },
    });
  }
  return new NickelError('EvalError::FieldMissing', `missing field \`${name}\``, {
    labels: [...primary(site.access, `this requires the field \`${name}\` to exist`), ...secondary(site.record, `this record lacks the field \`${name}\``)],
    fields: { field: name },
  });
}

/** A value that is not a function (`fn`) applied (at `app`). */
export function notAFunction(fn: Span | undefined, app: Span | undefined): NickelError {
  return new NickelError('EvalError::NotAFunc', 'this expression is not a function', {
    labels: [...primary(fn ?? app, `this evaluated to a value that is not a function`), ...secondary(app, 'applied here')],
  });
}

/** Why a construct (not a primop) got a value of the wrong type. */
export type DynamicTypeProblem =
  /** `expected` was needed and `got` came; `why` says which construct needs it. */
  | { readonly kind: 'expected'; readonly expected: string; readonly why: string }
  /** A value that cannot be used as a contract. */
  | { readonly kind: 'notAContract' }
  /** A custom contract returned something other than `'Ok value` or `'Error {..}`. */
  | { readonly kind: 'customContractResult' };

/** `EvalError::TypeError`: `got` is the type name of the value at `at`. */
export function dynamicTypeError(problem: DynamicTypeProblem, got: string, at: Span | undefined): NickelError {
  switch (problem.kind) {
    case 'expected':
      return new NickelError('EvalError::TypeError', `dynamic type error: expected ${article(problem.expected)}, got ${article(got)}`, {
        labels: primary(at, `this expression has type ${got}, but ${problem.expected} was expected`),
        notes: [problem.why],
      });
    case 'notAContract':
      return new NickelError('EvalError::TypeError', `expected a contract, got a ${got}`, {
        labels: primary(at, 'this is not a contract'),
        notes: ['Contracts are types, records, functions or values built with std.contract.custom.'],
      });
    case 'customContractResult':
      return new NickelError('EvalError::TypeError', `a custom contract must return 'Ok value or 'Error {..}, got a ${got}`, {
        labels: primary(at, 'this contract returned an unexpected value'),
      });
  }
}

/** A primop's argument of the wrong type: what the primop wanted and the type name it got. */
export interface PrimopArgument {
  readonly primop: string;
  readonly expected: string;
  readonly got: string;
  readonly at: Span | undefined;
  /** The whole application, shown beside the argument when it is elsewhere. */
  readonly op?: Span | undefined;
}

function primopTypeLabels(a: PrimopArgument): ReturnType<typeof primary> {
  return [
    ...primary(a.at, `this expression has type ${a.got}, but ${a.expected} was expected`),
    ...(a.op && a.op !== a.at ? secondary(a.op, `in this ${a.primop} application`) : []),
  ];
}

/** `EvalError::UnaryPrimopTypeError`: a one-argument primop got the wrong type. */
export function unaryPrimopTypeError(a: PrimopArgument): NickelError {
  return new NickelError('EvalError::UnaryPrimopTypeError', `dynamic type error: expected ${article(a.expected)}, got ${article(a.got)}`, {
    labels: primopTypeLabels(a),
    notes: [`${a.primop} expects its argument to be ${article(a.expected)}`],
  });
}

/** `EvalError::NAryPrimopTypeError`: argument number `arg` (1-based) of a primop got the wrong type. */
export function naryPrimopTypeError(a: PrimopArgument & { readonly arg: number }): NickelError {
  // A match on a value that is not an enum is the reference's `match` primop, worded as it words it.
  const expected = a.primop === 'match' ? `a ${a.expected}` : article(a.expected);
  return new NickelError('EvalError::NAryPrimopTypeError', `dynamic type error: expected ${article(a.expected)}, got ${article(a.got)}`, {
    labels: primopTypeLabels(a),
    notes: [`${a.primop} expects its ${ordinal(a.arg)} argument to be ${expected}`],
  });
}

/** A name no scope binds, met while evaluating (scope resolution rejects those it sees first). */
export function unboundIdentifier(name: string, at: Span | undefined): NickelError {
  return new NickelError('EvalError::UnboundIdentifier', `unbound identifier \`${name}\``, {
    labels: primary(at, 'this identifier is unbound'),
    fields: { identifier: name },
  });
}

/** A value that needs itself to be computed. */
export function infiniteRecursion(at: Span | undefined): NickelError {
  return new NickelError('EvalError::InfiniteRecursion', 'infinite recursion', { labels: primary(at, 'this expression refers to its own value') });
}

/** Two values of the same priority that cannot be merged; `inData` for a field defined twice in a data file. */
export type MergeConflict = { readonly kind: 'values'; readonly left: Span | undefined; readonly right: Span | undefined } | { readonly kind: 'inData' };

export function mergeIncompatibleArgs(conflict: MergeConflict): NickelError {
  if (conflict.kind === 'inData') {
    return new NickelError('EvalError::MergeIncompatibleArgs', 'non mergeable terms', {
      notes: ['The same field is defined twice in the data, with values that cannot be merged.'],
    });
  }
  return new NickelError('EvalError::MergeIncompatibleArgs', 'non mergeable terms', {
    labels: [...primary(conflict.left, 'cannot merge this expression'), ...secondary(conflict.right, 'with this expression')],
    notes: [
      `Both values have the same merge priority but they can't be combined.`,
      `Primitive values (Number, String, and Bool) or arrays can be merged only if they are equal.`,
      `Functions can never be merged.`,
    ],
  });
}

/** No branch of a general match (patterns, guards) matched the value. */
export function nonExhaustiveMatch(match: Span | undefined, value: Span | undefined): NickelError {
  return new NickelError('EvalError::NonExhaustiveMatch', 'unmatched pattern', {
    labels: [...primary(match, 'in this match expression'), ...secondary(value, "this value doesn't match any branch")],
  });
}

/** No branch of a match on bare enum tags (`tags`, printed as written) named the value's tag. */
export function nonExhaustiveEnumMatch(tags: readonly string[], match: Span | undefined, value: Span | undefined): NickelError {
  return new NickelError('EvalError::NonExhaustiveEnumMatch', 'unmatched pattern', {
    labels: [...primary(match, 'in this match expression'), ...secondary(value, "this value doesn't match any branch")],
    notes: [
      `This match expression isn't exhaustive, matching only the following pattern(s): \`${tags.join(', ')}\``,
      "But it has been applied to an argument which doesn't match any of those patterns",
    ],
  });
}

/** A destructuring `let` or function parameter whose pattern the value does not match. */
export function failedDestructuring(pattern: Span | undefined, value: Span | undefined): NickelError {
  return new NickelError('EvalError::FailedDestructuring', 'destructuring failed', {
    labels: [...primary(pattern, 'this pattern'), ...secondary(value, 'this value failed to match')],
  });
}

/** The field `name` (or, without a name, the whole record) hidden by a polymorphic record contract was used. */
export function illegalPolymorphicTailAccess(name: string | undefined, at: Span | undefined): NickelError {
  return new NickelError(
    'EvalError::IllegalPolymorphicTailAccess',
    name === undefined
      ? 'cannot use a record whose tail is sealed by a polymorphic contract'
      : `cannot access field \`${name}\` sealed by a polymorphic contract`,
    { labels: primary(at, 'this record has a tail hidden by a polymorphic contract'), ...(name ? { fields: { field: name } } : {}) },
  );
}

/** Two values of type `type` (functions, labels, …), which equality cannot compare. */
export function incomparableValues(type: string, at: Span | undefined): NickelError {
  return new NickelError('EvalError::IncomparableValues', 'cannot compare values for equality', {
    labels: primary(at, `${type} values cannot be compared`),
    notes: ['Functions, labels and contracts cannot be compared for equality.'],
  });
}

/** `std.deserialize` given text that is not valid `format` (`json`, `yaml`, `toml`). */
export function deserializationError(format: string, detail: string, at: Span | undefined): NickelError {
  return new NickelError('EvalError::DeserializationError', `${format} parse error: ${detail}`, {
    labels: primary(at, ''),
    notes: format === 'yaml' ? ['while parsing Yaml'] : [],
  });
}

/**
 * `EvalError::Other`: the reference's free-form evaluation error (`std.fail_with`, a primop's own
 * complaint), so the message is the caller's.
 */
export function evalOther(message: string, at?: Span, opts: { label?: string; notes?: string[] } = {}): NickelError {
  return new NickelError('EvalError::Other', message, { labels: primary(at, opts.label ?? 'here'), notes: opts.notes ?? [] });
}

/** Our own limit (the reference overflows its stack): the evaluation's stack is full. */
export function stackOverflow(): NickelError {
  return new NickelError('EvalError::StackOverflow', STACK_OVERFLOW, { notes: [STACK_OVERFLOW_CAUSE] });
}

const STACK_OVERFLOW = 'the evaluation nested too deeply and exhausted the stack';
const STACK_OVERFLOW_CAUSE = 'Deep recursion that does not terminate is the usual cause.';

/**
 * The evaluation recursed deeper than its stack limit (`limitMb`). A class of its own because the
 * CLI runs a program that overflowed the JS stack again with a larger one, and this must not be.
 */
export class StackLimitReached extends NickelError {
  constructor(limitMb: number) {
    super('EvalError::StackOverflow', STACK_OVERFLOW, {
      notes: [`The evaluation's stack grew past its limit of ${limitMb} MB (lamina-nickel --max-stack-mb, or EvalOptions.maxStackMb).`, STACK_OVERFLOW_CAUSE],
    });
  }
}
