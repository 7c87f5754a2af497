/**
 * Scopes are persistent linked frames, so capturing a closure is free. A frame binds one name
 * (let, function parameter) or a whole map (a recursive record's fields, a let block). Every
 * frame carries the runtime of the evaluation its outermost frame was made for (runtime.ts).
 */
import type { Runtime } from './runtime.js';
import type { Thunk } from './thunk.js';

export class Env {
  constructor(
    readonly name: string | undefined,
    readonly thunk: Thunk | undefined,
    readonly frame: Map<string, Thunk> | undefined,
    readonly parent: Env | undefined,
    readonly runtime: Runtime | undefined,
  ) {}
}

/** The scope of nothing: the root every other scope extends. */
export const EMPTY_ENV = new Env(undefined, undefined, new Map(), undefined, undefined);

export function bind(env: Env, name: string, thunk: Thunk): Env {
  return new Env(name, thunk, undefined, env, env.runtime);
}

export function bindAll(env: Env, frame: Map<string, Thunk>): Env {
  return new Env(undefined, undefined, frame, env, env.runtime);
}

/** `env` under a frame that binds nothing and holds `runtime`: the root of a runtime's scopes. */
export function withRuntime(env: Env, runtime: Runtime): Env {
  return new Env(undefined, undefined, undefined, env, runtime);
}

/** The runtime a scope belongs to. Every scope the evaluator sees descends from a runtime's root. */
export function runtimeOf(env: Env): Runtime {
  const rt = env.runtime;
  if (rt === undefined) throw new Error('a scope outside any runtime');
  return rt;
}

export function lookup(env: Env, name: string): Thunk | undefined {
  for (let e: Env | undefined = env; e !== undefined; e = e.parent) {
    if (e.frame !== undefined) {
      const t = e.frame.get(name);
      if (t !== undefined) return t;
    } else if (e.name === name) return e.thunk;
  }
  return undefined;
}
