/**
 * The one place that words run-time type errors ("expected a Number, got a String") and the
 * other evaluation errors that several modules raise.
 */
import { NickelError, primary, secondary } from '../diagnostics/error.js';
import type { ErrorKind } from '../diagnostics/kinds.js';
import type { Span } from '../source/span.js';
import { typeName, type Value } from './value.js';

function article(type: string): string {
  return /^[AEIOU]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** `primop` expected `expected` as its argument number `arg` (1-based) and got `value`. */
export function typeMismatch(
  primop: string,
  expected: string,
  value: Value,
  argSpan: Span | undefined,
  opts: { arg?: number; kind?: ErrorKind; opSpan?: Span } = {},
): NickelError {
  const got = typeName(value);
  const kind = opts.kind ?? (opts.arg === undefined ? 'EvalError::UnaryPrimopTypeError' : 'EvalError::NAryPrimopTypeError');
  const nth = opts.arg === undefined ? 'its argument' : `its ${ordinal(opts.arg)} argument`;
  return new NickelError(kind, `dynamic type error: expected ${article(expected)}, got ${article(got)}`, {
    labels: [
      ...primary(argSpan, `this expression has type ${got}, but ${expected} was expected`),
      ...(opts.opSpan && opts.opSpan !== argSpan ? secondary(opts.opSpan, `in this ${primop} application`) : []),
    ],
    notes: [`${primop} expects ${nth} to be ${article(expected)}`],
  });
}

function ordinal(n: number): string {
  return n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}

/** A generic `EvalError::TypeError`: a construct (not a primop) got a value of the wrong type. */
export function wrongType(expected: string, value: Value, span: Span | undefined, what: string): NickelError {
  const got = typeName(value);
  return new NickelError('EvalError::TypeError', `dynamic type error: expected ${article(expected)}, got ${article(got)}`, {
    labels: primary(span, `this expression has type ${got}, but ${expected} was expected`),
    notes: [what],
  });
}

export function otherError(message: string, span: Span | undefined, notes: string[] = []): NickelError {
  return new NickelError('EvalError::Other', message, { labels: primary(span, 'here'), notes });
}
