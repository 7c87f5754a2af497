/**
 * Call-by-need: a thunk is suspended (an expression and its scope, or a native computation),
 * blackholed while it is being evaluated, then holds its value. Forcing a blackholed thunk means
 * the value depends on itself: `EvalError::InfiniteRecursion`.
 */
import type { Expr } from '../ast/nodes.js';
import { infiniteRecursion } from '../diagnostics/eval-errors.js';
import type { Span } from '../source/span.js';
import type { Env } from './env.js';
import type { Value } from './value.js';

const SUSPENDED = 0;
const NATIVE = 1;
const BLACKHOLE = 2;
const DONE = 3;

/** The evaluator entry point, installed by eval.ts (thunk.ts must not import it: cycle). */
export type Evaluate = (expr: Expr, env: Env) => Value;
let evaluate: Evaluate = () => {
  throw new Error('evaluator not installed');
};
export function installEvaluator(fn: Evaluate): void {
  evaluate = fn;
}

export class Thunk {
  state: number;
  expr: Expr | undefined;
  env: Env | undefined;
  native: (() => Value) | undefined;
  value: Value | undefined;

  private constructor(state: number) {
    this.state = state;
    this.expr = undefined;
    this.env = undefined;
    this.native = undefined;
    this.value = undefined;
  }

  static of(value: Value): Thunk {
    const t = new Thunk(DONE);
    t.value = value;
    return t;
  }

  /** An evaluated constant that remembers its literal, for diagnostics. */
  static literal(value: Value, expr: Expr): Thunk {
    const t = new Thunk(DONE);
    t.value = value;
    t.expr = expr;
    return t;
  }

  static suspend(expr: Expr, env: Env): Thunk {
    const t = new Thunk(SUSPENDED);
    t.expr = expr;
    t.env = env;
    return t;
  }

  static lazy(fn: () => Value): Thunk {
    const t = new Thunk(NATIVE);
    t.native = fn;
    return t;
  }

  get isEvaluated(): boolean {
    return this.state === DONE;
  }

  /** The expression this thunk will evaluate, while it is still suspended (not yet forced). */
  get suspendedExpr(): Expr | undefined {
    return this.state === SUSPENDED ? this.expr : undefined;
  }

  /** The span of the suspended expression, for diagnostics. */
  get span(): Span | undefined {
    return this.expr?.span;
  }

  /**
   * For the evaluation machine (machine.ts), which evaluates a suspended thunk's expression on its
   * own stack: blackholes the thunk and says yes, or says no when it is not suspended.
   */
  enter(): boolean {
    if (this.state !== SUSPENDED) return false;
    this.state = BLACKHOLE;
    return true;
  }

  /** The machine's evaluation of an entered thunk ended with `v`. */
  update(v: Value): void {
    this.state = DONE;
    this.value = v;
    this.env = undefined;
  }

  /** The machine's evaluation of an entered thunk failed: it is suspended again, as `force` leaves it. */
  abandon(): void {
    this.state = SUSPENDED;
  }

  force(): Value {
    const state = this.state;
    if (state === DONE) return this.value!;
    if (state === BLACKHOLE) {
      throw infiniteRecursion(this.expr?.span);
    }
    this.state = BLACKHOLE;
    let v: Value;
    try {
      v = state === SUSPENDED ? evaluate(this.expr!, this.env!) : this.native!();
    } catch (e) {
      this.state = state;
      throw e;
    }
    this.state = DONE;
    this.value = v;
    this.env = undefined;
    this.native = undefined;
    return v;
  }
}
