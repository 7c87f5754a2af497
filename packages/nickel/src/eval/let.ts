/** `let` bindings: plain, recursive, annotated, destructuring, and let blocks. */
import type { Let, LetBinding, TypeAnnot } from '../ast/nodes.js';
import { contractFromAnnot, withContracts } from '../contracts/apply.js';
import { newLabel } from '../contracts/label.js';
import { bind, bindAll, type Env } from './env.js';
import { thunkOf } from './eval.js';
import { patternBindings } from '../parser/patterns.js';
import { destructure } from './patterns.js';
import { Thunk } from './thunk.js';

export function bindLet(e: Let, env: Env): Env {
  if (e.rec) {
    const frame = new Map<string, Thunk>();
    const recEnv = bindAll(env, frame);
    // Every name is bound before any value is made: a value may look a sibling up at once
    // (`y = x` before `x = 3`), and must find the sibling, not an outer `x`. What it finds
    // stands for the sibling until the sibling's own thunk replaces it.
    for (const b of e.bindings) {
      const names = b.pattern.kind === 'Bind' ? [b.pattern.name] : patternBindings(b.pattern).map((x) => x.name);
      for (const name of names)
        frame.set(
          name,
          Thunk.lazy(() => frame.get(name)!.force()),
        );
    }
    for (const b of e.bindings) {
      const t = bindingThunk(b, recEnv);
      if (b.pattern.kind === 'Bind') frame.set(b.pattern.name, t);
      else {
        // Recursive destructuring is rejected by the parser; bind what the pattern names anyway.
        const out = destructure(b.pattern, t, recEnv, b.span);
        collect(out, recEnv, frame, new Set(patternBindings(b.pattern).map((x) => x.name)));
      }
    }
    return recEnv;
  }
  if (e.bindings.length === 1) {
    // biome-ignore lint/plugin: one binding, checked above
    const b = e.bindings[0]!;
    const t = bindingThunk(b, env);
    return b.pattern.kind === 'Bind' ? bind(env, b.pattern.name, t) : destructure(b.pattern, t, env, b.span);
  }
  let out = env;
  for (const b of e.bindings) {
    const t = bindingThunk(b, env);
    out = b.pattern.kind === 'Bind' ? bind(out, b.pattern.name, t) : destructure(b.pattern, t, out, b.span);
  }
  return out;
}

function bindingThunk(b: LetBinding, env: Env): Thunk {
  const t = thunkOf(b.value, env);
  const annots: TypeAnnot[] = b.meta.type ? [b.meta.type, ...b.meta.contracts] : b.meta.contracts;
  if (annots.length === 0) return t;
  return withContracts(
    t,
    annots.map((a) => ({ contract: contractFromAnnot(a, env), label: newLabel(a.span, b.value.span) })),
  );
}

/** Puts the pattern's bindings (innermost first: the last one bound wins) in the frame. */
function collect(from: Env, upTo: Env, frame: Map<string, Thunk>, names: Set<string>): void {
  for (let e: Env | undefined = from; e && e !== upTo; e = e.parent) {
    if (e.name !== undefined && e.thunk && names.has(e.name)) {
      frame.set(e.name, e.thunk);
      names.delete(e.name);
    }
  }
}
