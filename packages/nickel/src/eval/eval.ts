/**
 * The evaluator proper: an expression and its scope to a value in weak head normal form.
 *
 * Tail positions (let bodies, if branches, function bodies, match branches) loop instead of
 * recursing, so Nickel tail calls run in constant JS stack. Other positions recurse on the JS
 * stack while the nesting is shallow, which is the fast path; past MAX_NESTING the evaluation
 * goes on in the machine of machine.ts, whose stack is a heap array, so a program can recurse as
 * deep as memory allows (see ARCHITECTURE.md, "Evaluator").
 */
import type { BinaryOp, Expr, NumLit, PrimOpApp, StrChunk, StrLit } from '../ast/nodes.js';
import { applyContractAnnots } from '../contracts/apply.js';
import type { NickelError } from '../diagnostics/error.js';
import { naryPrimopTypeError, nonExhaustiveEnumMatch, nonExhaustiveMatch, notAFunction, unboundIdentifier } from '../diagnostics/eval-errors.js';
import * as N from '../number/num.js';
import { numberToString } from '../number/format.js';
import { callPrimop } from '../primops/index.js';
import { deepForce } from '../primops/misc.js';
import type { Span } from '../source/span.js';
import { bind, lookup, type Env } from './env.js';
import { valuesEqual } from './equality.js';
import { otherError, typeMismatch, wrongType } from './errors.js';
import { importValue } from './imports.js';
import { runtime } from './context.js';
import { expandData } from '../parser/data-literal.js';
import { mergeValues } from './merge.js';
import { bindLet } from './let.js';
import { matchPattern, destructure } from './patterns.js';
import { accessField, evalRecordLiteral } from './record.js';
import { runMachine } from './machine.js';
import { installEvaluator, Thunk } from './thunk.js';
import { ArrayValue, Closure, EnumValue, isNum, MatchClosure, NativeFunc, RecordValue, TailCall, TypeContract, typeName, type Value } from './value.js';

export function numLiteral(e: NumLit): N.Num {
  const n = N.numberFromLiteral(e.text);
  if (n === undefined) throw otherError(`invalid number literal \`${e.text}\``, e.span);
  return n;
}

/** A thunk for `expr` in `env`, skipping the suspension when the value is already known. */
export function thunkOf(expr: Expr, env: Env): Thunk {
  switch (expr.kind) {
    case 'Null':
      return Thunk.literal(null, expr);
    case 'Bool':
      return Thunk.literal(expr.value, expr);
    case 'Num':
      return Thunk.literal(numLiteral(expr), expr);
    case 'Str':
      if (expr.chunks.length === 0) return Thunk.literal('', expr);
      if (expr.chunks.length === 1 && expr.chunks[0]!.kind === 'Lit') return Thunk.literal(expr.chunks[0]!.value, expr);
      break;
    case 'Var': {
      const t = lookup(env, expr.name);
      if (t !== undefined) return t;
      break;
    }
  }
  return Thunk.suspend(expr, env);
}

// A tag without argument is an immutable value: validators return `'Ok` for every field they
// check, so each tag is made once.
const TAGS = new Map<string, EnumValue>();
export function enumTag(tag: string): EnumValue {
  let v = TAGS.get(tag);
  if (v === undefined) TAGS.set(tag, (v = new EnumValue(tag, undefined)));
  return v;
}

/**
 * How many evaluations may nest on the JS stack before the next one runs on the machine. Low
 * enough that the nesting, with the host code between its levels (contracts, primops, merges),
 * stays well inside the main thread's stack; high enough that ordinary programs never
 * leave the fast path.
 */
const MAX_NESTING = 400;
let nesting = 0;

export function evalExpr(expr: Expr, env: Env): Value {
  // Inside the machine `nesting` stays at MAX_NESTING, so host code it calls that evaluates
  // again (a primop forcing an argument, a contract) starts a machine of its own at once.
  if (nesting >= MAX_NESTING) return runMachine(expr, env);
  nesting++;
  try {
    return evalNested(expr, env);
  } finally {
    nesting--;
  }
}

function evalNested(expr: Expr, env: Env): Value {
  for (;;) {
    switch (expr.kind) {
      case 'Null':
        return null;
      case 'Bool':
        return expr.value;
      case 'Num':
        return numLiteral(expr);
      case 'Str':
        return evalString(expr, env);
      case 'Var': {
        const t = lookup(env, expr.name);
        if (t === undefined) throw unboundIdentifier(expr.name, expr.span);
        return t.force();
      }
      case 'Enum':
        return expr.arg ? new EnumValue(expr.tag, thunkOf(expr.arg, env)) : enumTag(expr.tag);
      case 'Array': {
        const items = new Array<Thunk>(expr.items.length);
        for (let i = 0; i < items.length; i++) items[i] = thunkOf(expr.items[i]!, env);
        return new ArrayValue(items);
      }
      case 'Record':
        return evalRecordLiteral(expr, env);
      case 'Data':
        // more than its exported value is needed: evaluate the literal's ordinary AST
        expr = expandData(expr, runtime().sources.get(expr.span.file));
        continue;
      case 'Let':
        env = bindLet(expr, env);
        expr = expr.body;
        continue;
      case 'Fun':
        return new Closure(expr.params, 0, expr.body, env, expr.span);
      case 'Match':
        return new MatchClosure(expr, env);
      case 'App':
      case 'Binary':
        if (expr.kind === 'Binary' && expr.op !== 'Pipe') {
          if (expr.op === 'And' || expr.op === 'Or') {
            const l = evalExpr(expr.left, env);
            if (typeof l !== 'boolean') throw typeMismatch(expr.op === 'And' ? '(&&)' : '(||)', 'Bool', l, expr.left.span, { arg: 1, opSpan: expr.span });
            if (l === (expr.op === 'Or')) return l;
            expr = expr.right;
            continue;
          }
          return evalBinary(expr, env);
        } else {
          if (expr.kind === 'App' && (expr.fn.kind === 'PrimOp' || expr.fn.kind === 'App')) {
            // `%op% a b` may reach us as applications of a partial primop: gather its arguments.
            const spine = primopSpine(expr);
            if (spine !== undefined) {
              expr = spine;
              continue;
            }
          }
          const fnExpr = expr.kind === 'App' ? expr.fn : expr.right;
          const argExpr = expr.kind === 'App' ? expr.arg : expr.left;
          const f = evalExpr(fnExpr, env);
          const arg = thunkOf(argExpr, env);
          const span = expr.span;
          if (f instanceof Closure) {
            const p = f.params[f.index]!;
            const bodyEnv = p.kind === 'Bind' ? bind(f.env, p.name, arg) : destructure(p, arg, f.env, span);
            if (f.index + 1 < f.params.length) return new Closure(f.params, f.index + 1, f.body, bodyEnv, f.span);
            env = bodyEnv;
            expr = f.body;
            continue;
          }
          if (f instanceof MatchClosure) {
            const next = selectBranch(f, arg, span);
            env = next.env;
            expr = next.expr;
            continue;
          }
          return applyValue(f, arg, span, fnExpr.span);
        }
      case 'Unary': {
        const v = evalExpr(expr.operand, env);
        if (expr.op === 'Not') {
          if (typeof v !== 'boolean') throw typeMismatch('bool/not', 'Bool', v, expr.operand.span);
          return !v;
        }
        if (!isNum(v)) throw typeMismatch('(-)', 'Number', v, expr.operand.span, { arg: 2, opSpan: expr.span });
        return N.neg(v);
      }
      case 'PrimOp': {
        // Sequencing continues in tail position, so strict accumulator loops run in constant stack.
        if ((expr.name === 'seq' || expr.name === 'deep_seq') && expr.args.length === 2) {
          const first = evalExpr(expr.args[0]!, env);
          if (expr.name === 'deep_seq') deepForce(first);
          expr = expr.args[1]!;
          continue;
        }
        return callPrimop(
          expr.name,
          expr.args.map((a) => thunkOf(a, env)),
          expr.span,
        );
      }
      case 'If': {
        const c = evalExpr(expr.cond, env);
        if (typeof c !== 'boolean') throw wrongType('Bool', c, expr.cond.span, 'the condition of an `if` must be a Bool');
        expr = c ? expr.then : expr.else;
        continue;
      }
      case 'FieldAccess': {
        const r = evalExpr(expr.record, env);
        const name = expr.field.kind === 'Static' ? expr.field.name : fieldNameOf(evalExpr(expr.field.expr, env), expr.field.span);
        return accessField(r, name, expr.record.span, expr.field.span).force();
      }
      case 'Annotated': {
        const inner = thunkOf(expr.expr, env);
        return applyContractAnnots(inner, expr.type, expr.contracts, env, expr.expr.span, undefined).force();
      }
      case 'Import':
        return importValue(expr).force();
      case 'Type':
        if (expr.type.kind === 'Contract') {
          expr = expr.type.expr;
          continue;
        }
        return new TypeContract(expr.type, env, undefined);
    }
  }
}

installEvaluator(evalExpr);

/** Memo on the App node itself (a private symbol; cheaper than a WeakMap on hot paths). */
const SPINE = Symbol('lamina.primopSpine');

/** `App(App(PrimOp(op, [a]), b), c)` as the single application `%op% a b c`, if that is what it is. */
export function primopSpine(app: Expr & { [SPINE]?: PrimOpApp | null }): PrimOpApp | undefined {
  let cached = app[SPINE];
  if (cached === undefined) {
    const extra: Expr[] = [];
    let e = app;
    while (e.kind === 'App') {
      extra.push(e.arg);
      e = e.fn;
    }
    cached = e.kind === 'PrimOp' ? { kind: 'PrimOp', name: e.name, args: [...e.args, ...extra.reverse()], span: app.span } : null;
    app[SPINE] = cached;
  }
  return cached ?? undefined;
}

export function fieldNameOf(v: Value, span: Span | undefined): string {
  if (typeof v === 'string') return v;
  if (v instanceof EnumValue && !v.arg) return v.tag;
  throw wrongType('String', v, span, 'a field name must be a String');
}

/** Applies a function value to an argument (not in tail position). */
export function applyValue(f: Value, arg: Thunk, span: Span | undefined, fnSpan?: Span): Value {
  if (f instanceof Closure) {
    const p = f.params[f.index]!;
    const env = p.kind === 'Bind' ? bind(f.env, p.name, arg) : destructure(p, arg, f.env, span);
    if (f.index + 1 < f.params.length) return new Closure(f.params, f.index + 1, f.body, env, f.span);
    return evalExpr(f.body, env);
  }
  if (f instanceof MatchClosure) {
    const next = selectBranch(f, arg, span);
    return evalExpr(next.expr, next.env);
  }
  if (f instanceof NativeFunc) {
    const args = f.args.length === 0 ? [arg] : [...f.args, arg];
    if (args.length < f.arity) return new NativeFunc(f.name, f.arity, args, f.impl);
    return settle(f.impl(args, span));
  }
  // Contracts are applicable as functions in the reference only through std.contract.apply.
  throw notAFunction(fnSpan, span);
}

/** A native function's result, making the calls it asks for (see TailCall) here, on the JS stack. */
export function settle(r: Value | TailCall): Value {
  while (r instanceof TailCall) {
    const v = applyN(r.fn, r.args, r.span);
    r = r.then === undefined ? v : r.then(v);
  }
  return r;
}

/** Applies a function to several arguments. */
export function applyN(f: Value, args: readonly Thunk[], span: Span | undefined): Value {
  let v = f;
  for (const a of args) v = applyValue(v, a, span);
  return v;
}

export function selectBranch(f: MatchClosure, arg: Thunk, span: Span | undefined): { expr: Expr; env: Env } {
  for (const branch of f.match.branches) {
    const env = matchPattern(branch.pattern, arg, f.env);
    if (env === undefined) continue;
    if (branch.guard) {
      const g = evalExpr(branch.guard, env);
      if (typeof g !== 'boolean') throw wrongType('Bool', g, branch.guard.span, 'a match guard must be a Bool');
      if (!g) continue;
    }
    return { expr: branch.body, env };
  }
  if (isTagsOnly(f.match)) throw unmatchedTag(f, arg, span);
  throw nonExhaustiveMatch(f.match.span, arg.span ?? span);
}

/**
 * A match whose branches are all bare enum tags (or `_`), without guards: the reference runs it as
 * a lookup by tag, so it fails differently — an enum tag no branch names is a
 * NonExhaustiveEnumMatch listing the tags, and any other value is a type error (Enum expected).
 */
function isTagsOnly(m: MatchClosure['match']): boolean {
  return m.branches.every((b) => !b.guard && ((b.pattern.kind === 'Enum' && b.pattern.arg === undefined) || b.pattern.kind === 'Wildcard'));
}

function unmatchedTag(f: MatchClosure, arg: Thunk, span: Span | undefined): NickelError {
  const v = arg.force();
  if (v instanceof EnumValue && v.arg === undefined) {
    const tags = f.match.branches.flatMap((b) => (b.pattern.kind === 'Enum' ? [`'${printTag(b.pattern.tag)}`] : []));
    return nonExhaustiveEnumMatch(tags, f.match.span, arg.span ?? span);
  }
  return naryPrimopTypeError({ primop: 'match', arg: 2, expected: 'Enum', got: typeName(v), at: arg.span ?? span });
}

/** A tag as Nickel prints it: bare when it is an identifier, quoted otherwise. */
function printTag(tag: string): string {
  return /^_*[a-zA-Z][_a-zA-Z0-9'-]*$/.test(tag) ? tag : JSON.stringify(tag);
}

function evalString(e: StrLit, env: Env): string {
  let out = '';
  for (const c of e.chunks) out += c.kind === 'Lit' ? c.value : interpolated(evalExpr(c.expr, env), c);
  return out;
}

/** The text an interpolated chunk's value stands for, re-indented as the chunk is. */
export function interpolated(v: Value, c: StrChunk & { kind: 'Interp' }): string {
  let s: string;
  if (typeof v === 'string') s = v;
  else if (isNum(v)) s = numberToString(v);
  else if (typeof v === 'boolean' || v === null) s = String(v);
  else if (v instanceof EnumValue && !v.arg) s = v.tag;
  else throw wrongType('String', v, c.expr.span, 'only Strings, Numbers, Bools, null and enum tags can be interpolated');
  if (c.indent > 0 && s.includes('\n')) s = s.replace(/\n(?=[^\n])/g, '\n' + ' '.repeat(c.indent));
  return s;
}

const ARITH_NAMES: Record<string, string> = { Add: '(+)', Sub: '(-)', Mul: '(*)', Div: '(/)', Mod: '(%)', Lt: '(<)', Le: '(<=)', Gt: '(>)', Ge: '(>=)' };

function evalBinary(e: BinaryOp, env: Env): Value {
  const l = evalExpr(e.left, env);
  checkLeftOperand(e, l);
  return binaryResult(e, l, evalExpr(e.right, env));
}

/** The left operand's type, checked before the right operand is evaluated (the reference's order). */
export function checkLeftOperand(e: BinaryOp, l: Value): void {
  switch (e.op) {
    case 'Add':
    case 'Sub':
    case 'Mul':
    case 'Div':
    case 'Mod':
    case 'Lt':
    case 'Le':
    case 'Gt':
    case 'Ge':
      if (!isNum(l)) throw typeMismatch(ARITH_NAMES[e.op]!, 'Number', l, e.left.span, { arg: 1, opSpan: e.span });
      return;
    case 'StrConcat':
      if (typeof l !== 'string') throw typeMismatch('(++)', 'String', l, e.left.span, { arg: 1, opSpan: e.span });
      return;
    case 'ArrayConcat':
      if (!(l instanceof ArrayValue)) throw typeMismatch('(@)', 'Array', l, e.left.span, { arg: 1, opSpan: e.span });
      return;
  }
}

/** A binary operator applied to its evaluated operands, the left one already checked. */
export function binaryResult(e: BinaryOp, l: Value, r: Value): Value {
  switch (e.op) {
    case 'Add':
    case 'Sub':
    case 'Mul':
    case 'Div':
    case 'Mod':
    case 'Lt':
    case 'Le':
    case 'Gt':
    case 'Ge':
      if (!isNum(r)) throw typeMismatch(ARITH_NAMES[e.op]!, 'Number', r, e.right.span, { arg: 2, opSpan: e.span });
      return arith(e.op, l as N.Num, r, e.span);
    case 'StrConcat':
      if (typeof r !== 'string') throw typeMismatch('(++)', 'String', r, e.right.span, { arg: 2, opSpan: e.span });
      return (l as string) + r;
    case 'ArrayConcat': {
      if (!(r instanceof ArrayValue)) throw typeMismatch('(@)', 'Array', r, e.right.span, { arg: 2, opSpan: e.span });
      const left = l as ArrayValue;
      if (r.items.length === 0) return left;
      if (left.items.length === 0) return r;
      return new ArrayValue(left.items.concat(r.items));
    }
    case 'Eq':
    case 'Neq': {
      const eq = valuesEqual(l, r, e.span);
      return e.op === 'Eq' ? eq : !eq;
    }
    case 'Merge':
      return mergeValues(l, r, e.span, e.left.span, e.right.span);
    default:
      throw new Error(`unexpected binary operator ${e.op}`);
  }
}

export function arith(op: string, l: N.Num, r: N.Num, span: Span | undefined): Value {
  switch (op) {
    case 'Add':
      return N.add(l, r);
    case 'Sub':
      return N.sub(l, r);
    case 'Mul':
      return N.mul(l, r);
    case 'Div': {
      const q = N.div(l, r);
      if (q === undefined) throw otherError('division by zero', span);
      return q;
    }
    case 'Mod': {
      const q = N.rem(l, r);
      if (q === undefined) throw otherError('division by zero', span);
      return q;
    }
    case 'Lt':
      return N.compare(l, r) < 0;
    case 'Le':
      return N.compare(l, r) <= 0;
    case 'Gt':
      return N.compare(l, r) > 0;
    case 'Ge':
      return N.compare(l, r) >= 0;
  }
  throw new Error(`unexpected arithmetic operator ${op}`);
}

export { RecordValue };
