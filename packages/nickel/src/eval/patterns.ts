/**
 * Patterns: `let` and `fun` destructuring (which fail with `EvalError::FailedDestructuring`) and
 * `match` branches (which fall through to the next branch).
 */
import type { Pattern, TypeAnnot } from '../ast/nodes.js';
import { withContracts, contractFromAnnot } from '../contracts/apply.js';
import { newLabel } from '../contracts/label.js';
import { failedDestructuring } from '../diagnostics/eval-errors.js';
import { eq } from '../number/num.js';
import type { Span } from '../source/span.js';
import { bind, type Env } from './env.js';
import { numLiteral, thunkOf } from './eval.js';
import { Thunk } from './thunk.js';
import { ArrayValue, EnumValue, isNum, RecordValue, type Field, type Value } from './value.js';

/** The scope extended with the pattern's bindings, or undefined when the value does not match. */
export function matchPattern(p: Pattern, t: Thunk, env: Env): Env | undefined {
  switch (p.kind) {
    case 'Bind':
      return bind(env, p.name, t);
    case 'Wildcard':
      return env;
    case 'Alias': {
      return matchPattern(p.pattern, t, bind(env, p.name, t));
    }
    case 'Const':
      return constMatches(p.value, t.force()) ? env : undefined;
    case 'Enum': {
      const v = t.force();
      if (!(v instanceof EnumValue) || v.tag !== p.tag) return undefined;
      if (p.arg === undefined) return v.arg === undefined ? env : undefined;
      if (v.arg === undefined) return undefined;
      return matchPattern(p.arg, v.arg, env);
    }
    case 'Record': {
      const v = t.force();
      if (!(v instanceof RecordValue)) return undefined;
      const used = new Set<string>();
      let out: Env | undefined = env;
      for (const fp of p.fields) {
        used.add(fp.field);
        const f = v.fields.get(fp.field);
        let ft: Thunk | undefined = f?.value;
        if (ft === undefined) {
          if (!fp.default) return undefined;
          ft = thunkOf(fp.default, env);
          // A declared field's contracts also guard the default that stands in for it.
          if (f && f.contracts.length > 0) ft = withContracts(ft, f.contracts);
        }
        const annots: TypeAnnot[] = fp.type ? [fp.type, ...fp.contracts] : fp.contracts;
        if (annots.length > 0) {
          ft = withContracts(
            ft,
            annots.map((a) => ({ contract: contractFromAnnot(a, env), label: newLabel(a.span, f?.span, fp.field) })),
          );
        }
        out = matchPattern(fp.pattern, ft, out);
        if (out === undefined) return undefined;
      }
      if (p.tail.kind === 'Closed') {
        for (const [n, f] of v.fields) if (!used.has(n) && (f.value || !f.optional)) return undefined;
        return out;
      }
      if (p.tail.kind === 'Capture') {
        const rest = new Map<string, Field>();
        for (const [n, f] of v.fields) if (!used.has(n)) rest.set(n, f);
        out = bind(out, p.tail.name, Thunk.of(new RecordValue(rest, v.open, v.span, v.sealedTail)));
      }
      return out;
    }
    case 'Array': {
      const v = t.force();
      if (!(v instanceof ArrayValue)) return undefined;
      const n = p.items.length;
      if (p.tail.kind === 'Closed' ? v.items.length !== n : v.items.length < n) return undefined;
      let out: Env | undefined = env;
      for (let i = 0; i < n; i++) {
        out = matchPattern(p.items[i]!, v.items[i]!, out);
        if (out === undefined) return undefined;
      }
      if (p.tail.kind === 'Capture') out = bind(out, p.tail.name, Thunk.of(new ArrayValue(v.items.slice(n))));
      return out;
    }
    case 'Or': {
      for (const alt of p.alternatives) {
        const out = matchPattern(alt, t, env);
        if (out !== undefined) return out;
      }
      return undefined;
    }
  }
}

function constMatches(c: Extract<Pattern, { kind: 'Const' }>['value'], v: Value): boolean {
  switch (c.kind) {
    case 'Null':
      return v === null;
    case 'Bool':
      return v === c.value;
    case 'Num':
      return isNum(v) && eq(v, numLiteral(c));
    case 'Str':
      return typeof v === 'string' && v === c.chunks.map((ch) => (ch.kind === 'Lit' ? ch.value : '')).join('');
  }
}

/** Binds a `let`/`fun` pattern; a mismatch is an error. */
export function destructure(p: Pattern, t: Thunk, env: Env, span: Span | undefined): Env {
  const out = matchPattern(p, t, env);
  if (out === undefined) {
    throw failedDestructuring(p.span, t.span ?? span);
  }
  return out;
}

/** True when a value can be matched without forcing anything (used by lazy let destructuring). */
export function isIrrefutable(p: Pattern): boolean {
  return p.kind === 'Bind' || p.kind === 'Wildcard';
}

export { EnumValue };
