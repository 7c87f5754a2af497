/**
 * The evaluation machine: the same evaluation as eval.ts, with its stack in a heap array instead
 * of the JS stack, so recursion is bounded by memory, not by the thread's stack size. eval.ts runs
 * an evaluation here once it is nested deep on the JS stack.
 *
 * Each step either reaches a value or pushes a frame saying what waits for one (an operand, a
 * condition, a thunk to update) and goes on with a subexpression. Host code the machine calls
 * (primops, merges, contracts) may evaluate again; that runs in a machine of its own.
 *
 * Runaway recursion ends with EvalError::StackOverflow once the frames would take more memory
 * than the evaluation's stack limit (EvalOptions.maxStackMb).
 */
import type { Annotated, BinaryOp, Expr, FieldAccess, If, PrimOpApp, StrLit, Type, UnaryOp } from '../ast/nodes.js';
import { applyContractAnnots } from '../contracts/apply.js';
import { StackLimitReached, unboundIdentifier } from '../diagnostics/eval-errors.js';
import * as N from '../number/num.js';
import { arrayItem } from '../primops/array.js';
import { callPrimop } from '../primops/index.js';
import type { Span } from '../source/span.js';
import { deepForce } from '../primops/misc.js';
import { bind, lookup, runtimeOf, type Env } from './env.js';
import {
  applyValue,
  enumTag,
  expandedData,
  binaryResult,
  checkLeftOperand,
  fieldNameOf,
  interpolated,
  numLiteral,
  primopSpine,
  selectBranch,
  thunkOf,
} from './eval.js';
import { typeMismatch, wrongType } from './errors.js';
import { importValue } from './imports.js';
import { bindLet } from './let.js';
import { destructure } from './patterns.js';
import { DEFAULT_MAX_STACK_MB } from './runtime.js';
import { accessField, evalRecordLiteral } from './record.js';
import type { Thunk } from './thunk.js';
import { ArrayValue, Closure, EnumValue, isNum, MatchClosure, NativeFunc, TailCall, TypeContract, type Value } from './value.js';

/** What a frame waits for a value to do. */
const enum Wait {
  /** the value of a thunk being evaluated: store it */
  Update,
  /** the function of an application (`f x`, `x |> f`) */
  Apply,
  /** the left operand of `&&` / `||` */
  Logic,
  /** the left operand of another binary operator */
  Left,
  /** its right operand (`value` holds the left one) */
  Right,
  Unary,
  If,
  /** the first argument of `%seq%` / `%deep_seq%` */
  Seq,
  /** the record of a field access */
  Record,
  /** the name of a dynamic field access (`value` holds the record) */
  FieldName,
  /** the annotated expression, evaluated before its contracts (see `preForced`) */
  Annotated,
  /** an interpolated chunk of a string (`index` is the chunk, `value` the text so far) */
  Chunk,
  /** a function a native's TailCall applies to its argument number `index` */
  CallArg,
  /** the result of a native's TailCall, for its `then` */
  CallResult,
}

/** One pending step. A single shape for every kind keeps the machine's property reads monomorphic. */
class Frame {
  constructor(
    readonly wait: Wait,
    readonly expr: Expr | undefined,
    readonly env: Env | undefined,
    readonly thunk: Thunk | undefined,
    readonly value: Value | undefined,
    readonly index: number,
    readonly call?: TailCall,
  ) {}
}

/**
 * Bytes of heap one frame holds on average in deep recursion, counting what each level keeps alive
 * with it (its scope, the argument's thunk, the blackholed thunk): measured on the recursion
 * benchmarks (bench/nickel/DEEP.md), rounded up.
 */
const BYTES_PER_FRAME = 256;
/** How often, in frames pushed, the machine looks at the limit and at Node's heap. */
const CHECK_EVERY = 1 << 16;

/**
 * The stack limit of the evaluation running on the thread's stack, put there from its runtime by
 * the evaluation's entry points (withStackLimit). Not found from the scope, as the rest of the
 * runtime is: std's code is shared by every evaluation, and runs on behalf of whichever forces it.
 */
let stackLimitMb = DEFAULT_MAX_STACK_MB;

export function withStackLimit<T>(limitMb: number, fn: () => T): T {
  const previous = stackLimitMb;
  stackLimitMb = limitMb;
  try {
    return fn();
  } finally {
    stackLimitMb = previous;
  }
}

export function runMachine(expr0: Expr, env0: Env): Value {
  const stack: Frame[] = [];
  const limitMb = stackLimitMb;
  const maxFrames = Math.floor((limitMb * 1024 * 1024) / BYTES_PER_FRAME);
  let checkAt = Math.min(CHECK_EVERY, maxFrames + 1);
  let expr = expr0;
  let env = env0;
  let v: Value;
  try {
    for (;;) {
      // Evaluate `expr` in `env` until a value is reached, pushing what waits for it.
      evaluate: for (;;) {
        if (stack.length >= checkAt) checkAt = checkLimit(stack.length, maxFrames, limitMb);
        // A case that leaves the switch has found a thunk `t` (a variable, an import, an array item):
        // its suspended expression is evaluated on this stack, else its value is read.
        let t: Thunk;
        switch (expr.kind) {
          case 'Null':
            v = null;
            break evaluate;
          case 'Bool':
            v = expr.value;
            break evaluate;
          case 'Num':
            v = numLiteral(expr);
            break evaluate;
          case 'Str': {
            const chunks = expr.chunks;
            let out = '';
            let i = 0;
            for (; i < chunks.length; i++) {
              // biome-ignore lint/plugin: i < chunks.length
              const c = chunks[i]!;
              if (c.kind !== 'Lit') break;
              out += c.value;
            }
            if (i === chunks.length) {
              v = out;
              break evaluate;
            }
            stack.push(new Frame(Wait.Chunk, expr, env, undefined, out, i));
            expr = (chunks[i] as { expr: Expr }).expr;
            continue;
          }
          case 'Var': {
            const found = lookup(env, expr.name);
            if (found === undefined) throw unboundIdentifier(expr.name, expr.span);
            t = found;
            break;
          }
          case 'Enum':
            v = expr.arg ? new EnumValue(expr.tag, thunkOf(expr.arg, env)) : enumTag(expr.tag);
            break evaluate;
          case 'Array': {
            const items = new Array<Thunk>(expr.items.length);
            // biome-ignore lint/plugin: i < items.length === expr.items.length
            for (let i = 0; i < items.length; i++) items[i] = thunkOf(expr.items[i]!, env);
            v = new ArrayValue(items);
            break evaluate;
          }
          case 'Record':
            v = evalRecordLiteral(expr, env);
            break evaluate;
          case 'Data':
            expr = expandedData(expr, env);
            continue;
          case 'Let':
            env = bindLet(expr, env);
            expr = expr.body;
            continue;
          case 'Fun':
            v = new Closure(expr.params, 0, expr.body, env, expr.span);
            break evaluate;
          case 'Match':
            v = new MatchClosure(expr, env);
            break evaluate;
          case 'App':
          case 'Binary':
            if (expr.kind === 'Binary' && expr.op !== 'Pipe') {
              stack.push(new Frame(expr.op === 'And' || expr.op === 'Or' ? Wait.Logic : Wait.Left, expr, env, undefined, undefined, 0));
              expr = expr.left;
              continue;
            }
            if (expr.kind === 'App' && (expr.fn.kind === 'PrimOp' || expr.fn.kind === 'App')) {
              const spine = primopSpine(expr, env);
              if (spine !== undefined) {
                expr = spine;
                continue;
              }
            }
            stack.push(new Frame(Wait.Apply, expr, env, undefined, undefined, 0));
            expr = expr.kind === 'App' ? expr.fn : expr.right;
            continue;
          case 'Unary':
            stack.push(new Frame(Wait.Unary, expr, env, undefined, undefined, 0));
            expr = expr.operand;
            continue;
          case 'PrimOp':
            if ((expr.name === 'seq' || expr.name === 'deep_seq') && expr.args.length === 2) {
              stack.push(new Frame(Wait.Seq, expr, env, undefined, undefined, 0));
              // biome-ignore lint/plugin: two arguments, checked above
              expr = expr.args[0]!;
              continue;
            }
            if (expr.name === 'array/at' && expr.args.length === 2) {
              // the item is forced here, so a recursion through `%array/at%` stays on this stack
              // biome-ignore lint/plugin: two arguments, checked above
              t = arrayItem([thunkOf(expr.args[0]!, env), thunkOf(expr.args[1]!, env)], expr.span, expr.name);
              break;
            }
            v = callPrimop(
              expr.name,
              expr.args.map((a) => thunkOf(a, env)),
              expr.span,
              runtimeOf(env),
            );
            break evaluate;
          case 'If':
            stack.push(new Frame(Wait.If, expr, env, undefined, undefined, 0));
            expr = expr.cond;
            continue;
          case 'FieldAccess':
            stack.push(new Frame(Wait.Record, expr, env, undefined, undefined, 0));
            expr = expr.record;
            continue;
          case 'Annotated': {
            const inner = thunkOf(expr.expr, env);
            if (preForced(expr) && inner.enter()) {
              stack.push(new Frame(Wait.Annotated, expr, env, inner, undefined, 0));
              stack.push(new Frame(Wait.Update, undefined, undefined, inner, undefined, 0));
              expr = inner.expr!;
              env = inner.env!;
              continue;
            }
            v = applyContractAnnots(inner, expr.type, expr.contracts, env, expr.expr.span, undefined).force();
            break evaluate;
          }
          case 'Import': {
            t = importValue(expr, runtimeOf(env));
            break;
          }
          case 'Type':
            if (expr.type.kind === 'Contract') {
              expr = expr.type.expr;
              continue;
            }
            v = new TypeContract(expr.type, env, undefined);
            break evaluate;
        }
        if (t.enter()) {
          stack.push(new Frame(Wait.Update, undefined, undefined, t, undefined, 0));
          expr = t.expr!;
          env = t.env!;
          continue;
        }
        v = t.force();
        break;
      }

      // Hand the value to the frames waiting for it, until one has an expression to evaluate.
      deliver: for (;;) {
        const frame = stack.pop();
        if (frame === undefined) return v;
        switch (frame.wait) {
          case Wait.Update:
            frame.thunk!.update(v);
            continue;
          case Wait.Apply:
          case Wait.CallArg: {
            let arg: Thunk;
            let span: Span | undefined;
            let fnSpan: Span | undefined;
            if (frame.wait === Wait.Apply) {
              const e = frame.expr as Extract<Expr, { kind: 'App' | 'Binary' }>;
              arg = thunkOf(e.kind === 'App' ? e.arg : e.left, frame.env!);
              span = e.span;
              fnSpan = (e.kind === 'App' ? e.fn : e.right).span;
            } else {
              // biome-ignore lint/plugin: startCall pushes a CallArg frame per index of the call's arguments
              arg = frame.call!.args[frame.index]!;
              span = frame.call!.span;
            }
            if (v instanceof Closure) {
              // biome-ignore lint/plugin: a closure's index is always one of its parameters (see below)
              const p = v.params[v.index]!;
              const bodyEnv = p.kind === 'Bind' ? bind(v.env, p.name, arg) : destructure(p, arg, v.env, span);
              if (v.index + 1 < v.params.length) {
                v = new Closure(v.params, v.index + 1, v.body, bodyEnv, v.span);
                continue;
              }
              expr = v.body;
              env = bodyEnv;
              break deliver;
            }
            if (v instanceof MatchClosure) {
              const next = selectBranch(v, arg, span);
              expr = next.expr;
              env = next.env;
              break deliver;
            }
            if (v instanceof NativeFunc) {
              const args = v.args.length === 0 ? [arg] : [...v.args, arg];
              if (args.length < v.arity) {
                v = new NativeFunc(v.name, v.arity, args, v.impl);
                continue;
              }
              const r = v.impl(args, span);
              v = r instanceof TailCall ? startCall(stack, r) : r;
              continue;
            }
            v = applyValue(v, arg, span, fnSpan);
            continue;
          }
          case Wait.CallResult: {
            const r = frame.call!.then!(v);
            v = r instanceof TailCall ? startCall(stack, r) : r;
            continue;
          }
          case Wait.Logic: {
            const e = frame.expr as BinaryOp;
            if (typeof v !== 'boolean') throw typeMismatch(e.op === 'And' ? '(&&)' : '(||)', 'Bool', v, e.left.span, { arg: 1, opSpan: e.span });
            if (v === (e.op === 'Or')) continue;
            expr = e.right;
            env = frame.env!;
            break deliver;
          }
          case Wait.Left: {
            const e = frame.expr as BinaryOp;
            checkLeftOperand(e, v);
            stack.push(new Frame(Wait.Right, e, undefined, undefined, v, 0));
            expr = e.right;
            env = frame.env!;
            break deliver;
          }
          case Wait.Right:
            v = binaryResult(frame.expr as BinaryOp, frame.value!, v);
            continue;
          case Wait.Unary: {
            const e = frame.expr as UnaryOp;
            if (e.op === 'Not') {
              if (typeof v !== 'boolean') throw typeMismatch('bool/not', 'Bool', v, e.operand.span);
              v = !v;
              continue;
            }
            if (!isNum(v)) throw typeMismatch('(-)', 'Number', v, e.operand.span, { arg: 2, opSpan: e.span });
            v = N.neg(v);
            continue;
          }
          case Wait.If: {
            const e = frame.expr as If;
            if (typeof v !== 'boolean') throw wrongType('Bool', v, e.cond.span, 'the condition of an `if` must be a Bool');
            expr = v ? e.then : e.else;
            env = frame.env!;
            break deliver;
          }
          case Wait.Seq: {
            const e = frame.expr as PrimOpApp;
            if (e.name === 'deep_seq') deepForce(v);
            // biome-ignore lint/plugin: a Seq frame is pushed for a `seq` with two arguments
            expr = e.args[1]!;
            env = frame.env!;
            break deliver;
          }
          case Wait.Record:
          case Wait.FieldName: {
            const e = frame.expr as FieldAccess;
            let t: Thunk;
            if (frame.wait === Wait.FieldName) {
              t = accessField(frame.value!, fieldNameOf(v, e.field.span), e.record.span, e.field.span);
            } else if (e.field.kind === 'Static') {
              t = accessField(v, e.field.name, e.record.span, e.field.span);
            } else {
              stack.push(new Frame(Wait.FieldName, e, undefined, undefined, v, 0));
              expr = e.field.expr;
              env = frame.env!;
              break deliver;
            }
            if (t.enter()) {
              stack.push(new Frame(Wait.Update, undefined, undefined, t, undefined, 0));
              expr = t.expr!;
              env = t.env!;
              break deliver;
            }
            v = t.force();
            continue;
          }
          case Wait.Annotated: {
            const e = frame.expr as Annotated;
            v = applyContractAnnots(frame.thunk!, e.type, e.contracts, frame.env!, e.expr.span, undefined).force();
            continue;
          }
          case Wait.Chunk: {
            const e = frame.expr as StrLit;
            const chunks = e.chunks;
            let out = (frame.value as string) + interpolated(v, chunks[frame.index] as Extract<StrLit['chunks'][number], { kind: 'Interp' }>);
            let i = frame.index + 1;
            for (; i < chunks.length; i++) {
              // biome-ignore lint/plugin: i < chunks.length
              const c = chunks[i]!;
              if (c.kind !== 'Lit') break;
              out += c.value;
            }
            if (i === chunks.length) {
              v = out;
              continue;
            }
            stack.push(new Frame(Wait.Chunk, e, frame.env, undefined, out, i));
            expr = (chunks[i] as { expr: Expr }).expr;
            env = frame.env!;
            break deliver;
          }
        }
      }
    }
  } catch (e) {
    // The thunks under evaluation are suspended again, as Thunk.force leaves them on an error.
    for (const frame of stack) if (frame.wait === Wait.Update) frame.thunk!.abandon();
    throw e;
  }
}

/** Pushes what a native's TailCall waits for; returns the function it calls, to apply to its first argument. */
function startCall(stack: Frame[], call: TailCall): Value {
  if (call.then !== undefined) stack.push(new Frame(Wait.CallResult, undefined, undefined, undefined, undefined, 0, call));
  for (let i = call.args.length - 1; i >= 0; i--) stack.push(new Frame(Wait.CallArg, undefined, undefined, undefined, undefined, i, call));
  return call.fn;
}

/**
 * Whether applying an annotation's contracts starts by forcing the annotated value, so the machine
 * may force it first on its own stack: true of every annotation that is a type whose check starts
 * by looking at the value's shape (not a contract expression, whose function may do anything first).
 */
function preForced(e: Annotated): boolean {
  if (e.type !== undefined && !forcesFirst(e.type.type)) return false;
  for (const c of e.contracts) if (!forcesFirst(c.type)) return false;
  return true;
}

function forcesFirst(t: Type): boolean {
  switch (t.kind) {
    case 'Dyn':
    case 'Number':
    case 'Bool':
    case 'String':
    case 'Array':
      return true;
    default:
      return false;
  }
}

/**
 * The frame count at which to look at the limit again; throws once the frames would take more than
 * the limit, or when Node's heap is nearly full anyway (a limit set above what Node's heap allows,
 * or levels that each keep much more alive than a frame), so runaway recursion never crashes Node.
 */
function checkLimit(frames: number, maxFrames: number, limitMb: number): number {
  if (frames > maxFrames) throw new StackLimitReached(limitMb);
  const heap = heapStatistics();
  if (heap.used_heap_size > HEAP_FULL * heap.heap_size_limit) throw new StackLimitReached(limitMb);
  return Math.min(frames + CHECK_EVERY, maxFrames + 1);
}

/**
 * node:v8, loaded only by an evaluation deep enough to check its limit: the module brings Node's
 * streams with it, a cost every short run would pay (bench/nickel/REALWORLD.md, "Start-up").
 */
function heapStatistics(): import('node:v8').HeapInfo {
  return process.getBuiltinModule('node:v8').getHeapStatistics();
}

/** The share of Node's heap beyond which a deep evaluation stops rather than risk running out. */
const HEAP_FULL = 0.85;
