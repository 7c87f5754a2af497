/**
 * Scopes are persistent linked frames, so capturing a closure is free. A frame binds one name
 * (let, function parameter) or a whole map (a recursive record's fields, a let block).
 */
import type { Thunk } from './thunk.js';

export class Env {
  constructor(
    readonly name: string | undefined,
    readonly thunk: Thunk | undefined,
    readonly frame: Map<string, Thunk> | undefined,
    readonly parent: Env | undefined,
  ) {}
}

/** The scope of nothing: the root every other scope extends. */
export const EMPTY_ENV = new Env(undefined, undefined, new Map(), undefined);

export function bind(env: Env, name: string, thunk: Thunk): Env {
  return new Env(name, thunk, undefined, env);
}

export function bindAll(env: Env, frame: Map<string, Thunk>): Env {
  return new Env(undefined, undefined, frame, env);
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
