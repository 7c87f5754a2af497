/**
 * Run-time type errors and the other evaluation errors that several modules raise, from the
 * values involved: each value is described by its type name and handed to the constructors of
 * diagnostics/eval-errors.ts, which own the wording ("expected a Number, got a String").
 */
import type { NickelError } from '../diagnostics/error.js';
import { dynamicTypeError, evalOther, naryPrimopTypeError, unaryPrimopTypeError } from '../diagnostics/eval-errors.js';
import type { Span } from '../source/span.js';
import { typeName, type Value } from './value.js';

/** `primop` expected `expected` as its argument number `arg` (1-based; none for a unary primop) and got `value`. */
export function typeMismatch(
  primop: string,
  expected: string,
  value: Value,
  argSpan: Span | undefined,
  opts: { arg?: number; opSpan?: Span } = {},
): NickelError {
  const argument = { primop, expected, got: typeName(value), at: argSpan, op: opts.opSpan };
  return opts.arg === undefined ? unaryPrimopTypeError(argument) : naryPrimopTypeError({ ...argument, arg: opts.arg });
}

/** A generic `EvalError::TypeError`: a construct (not a primop) got a value of the wrong type. */
export function wrongType(expected: string, value: Value, span: Span | undefined, what: string): NickelError {
  return dynamicTypeError({ kind: 'expected', expected, why: what }, typeName(value), span);
}

export function otherError(message: string, span: Span | undefined, notes: string[] = []): NickelError {
  return evalOther(message, span, { notes });
}
