/** Shared helpers for the parser's tests: parse a snippet, strip spans, catch errors. */
import type { Expr } from '../../ast/nodes.js';
import { NickelError } from '../../diagnostics/error.js';
import { parse } from '../parse.js';

export function parseText(text: string): Expr {
  return parse({ id: 0, name: '<test>', path: undefined, text });
}

/** The AST without spans, for comparing shapes. */
export function shape(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(shape);
  if (x && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (k !== 'span' && v !== undefined) out[k] = shape(v);
    return out;
  }
  return x;
}

export function parseShape(text: string): unknown {
  return shape(parseText(text));
}

/** The NickelError parsing `text` throws, or undefined when it parses. */
export function parseFailure(text: string): NickelError | undefined {
  try {
    parseText(text);
    return undefined;
  } catch (e) {
    if (e instanceof NickelError) return e;
    throw e;
  }
}

/**
 * A string literal's value, for strings whose interpolations are themselves string literals: the
 * evaluator's rule for multiline interpolation (indent the continuation lines) applied by hand.
 */
export function stringValue(e: Expr, env: Record<string, string> = {}): string {
  const bound = e.kind === 'Var' ? env[e.name] : undefined;
  if (bound !== undefined) return bound;
  const b = e.kind === 'Let' && e.bindings.length === 1 ? e.bindings[0] : undefined;
  if (e.kind === 'Let' && b?.pattern.kind === 'Bind') {
    const name = (b.pattern as { name: string }).name;
    return stringValue(e.body, { ...env, [name]: stringValue(b.value, env) });
  }
  if (e.kind !== 'Str') throw new Error(`not a string: ${e.kind}`);
  let out = '';
  for (const c of e.chunks) {
    if (c.kind === 'Lit') out += c.value;
    else {
      const v = stringValue(c.expr, env);
      out += c.indent ? v.replace(/\n/g, `\n${' '.repeat(c.indent)}`) : v;
    }
  }
  return out;
}
