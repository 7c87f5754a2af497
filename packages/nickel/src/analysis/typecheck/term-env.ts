/**
 * The term environment of contract equality: what a let-bound name stood for where a contract
 * was written, so `Proxy` and `lib.Contract` compare equal when one is bound to the other.
 */
import type { Expr } from '../../ast/nodes.js';

export interface TermEnv {
  readonly name: string;
  readonly expr: Expr;
  readonly env: TermEnv | undefined;
  readonly parent: TermEnv | undefined;
}

export function bindTerm(env: TermEnv | undefined, name: string, expr: Expr, exprEnv: TermEnv | undefined): TermEnv {
  return { name, expr, env: exprEnv, parent: env };
}

export function lookupTerm(env: TermEnv | undefined, name: string): TermEnv | undefined {
  for (let e = env; e; e = e.parent) if (e.name === name) return e;
  return undefined;
}
