/**
 * The layer graph: nodes are layer names, edges are FlowsTo (parent → consumer). Queries return
 * sorted names so every answer is deterministic; build order and waves ignore layers caught in a
 * cycle (the cycle is an error reported by the checks).
 */
import type { FlowsTo } from '../model/index.js';
import { byName } from '../model/order.js';

export class LayerGraph {
  private readonly parentsOf = new Map<string, string[]>();
  private readonly childrenOf = new Map<string, string[]>();
  private order: string[] | undefined;
  private waves: string[][] | undefined;

  constructor(
    readonly nodes: readonly string[],
    readonly edges: readonly FlowsTo[],
  ) {
    for (const n of nodes) {
      this.parentsOf.set(n, []);
      this.childrenOf.set(n, []);
    }
    for (const e of edges) {
      const ps = this.parentsOf.get(e.to);
      const cs = this.childrenOf.get(e.from);
      if (!ps || !cs) continue;
      if (!ps.includes(e.from)) ps.push(e.from);
      if (!cs.includes(e.to)) cs.push(e.to);
    }
    for (const list of this.parentsOf.values()) list.sort(byName);
    for (const list of this.childrenOf.values()) list.sort(byName);
  }

  has(name: string): boolean {
    return this.parentsOf.has(name);
  }

  parents(name: string): string[] {
    return [...(this.parentsOf.get(name) ?? [])];
  }

  children(name: string): string[] {
    return [...(this.childrenOf.get(name) ?? [])];
  }

  ancestors(name: string): string[] {
    return this.reach(name, this.parentsOf);
  }

  descendants(name: string): string[] {
    return this.reach(name, this.childrenOf);
  }

  private reach(name: string, next: ReadonlyMap<string, string[]>): string[] {
    const seen = new Set<string>();
    const stack = [name];
    while (stack.length > 0) {
      for (const m of next.get(stack.pop()!) ?? []) {
        if (!seen.has(m)) {
          seen.add(m);
          stack.push(m);
        }
      }
    }
    seen.delete(name);
    return [...seen].sort(byName);
  }

  /** Every layer reachable downstream from any of `names` (excluding them unless reached). */
  descendantsOfAll(names: Iterable<string>): string[] {
    const seen = new Set<string>();
    const stack = [...names];
    while (stack.length > 0) {
      for (const c of this.childrenOf.get(stack.pop()!) ?? []) {
        if (!seen.has(c)) {
          seen.add(c);
          stack.push(c);
        }
      }
    }
    return [...seen].sort(byName);
  }

  /** Kahn's algorithm, always taking the smallest ready name: parents first, deterministic. */
  buildOrder(): string[] {
    if (this.order) return [...this.order];
    const pending = new Map<string, number>();
    for (const [n, ps] of this.parentsOf) pending.set(n, ps.length);
    const ready = new MinHeap();
    for (const [n, count] of pending) if (count === 0) ready.push(n);
    const order: string[] = [];
    for (let n = ready.pop(); n !== undefined; n = ready.pop()) {
      order.push(n);
      for (const c of this.childrenOf.get(n)!) {
        const left = pending.get(c)! - 1;
        pending.set(c, left);
        if (left === 0) ready.push(c);
      }
    }
    this.order = order;
    return [...order];
  }

  /** Wave 0: layers without parents; wave n: layers whose parents are all in earlier waves. */
  buildWaves(): string[][] {
    if (!this.waves) {
      const level = new Map<string, number>();
      const waves: string[][] = [];
      for (const n of this.buildOrder()) {
        let l = 0;
        for (const p of this.parentsOf.get(n)!) l = Math.max(l, level.get(p)! + 1);
        level.set(n, l);
        (waves[l] ??= []).push(n);
      }
      for (const w of waves) w.sort(byName);
      this.waves = waves;
    }
    return this.waves.map((w) => [...w]);
  }

  /** The wave index of a layer, or undefined when it is part of a cycle. */
  waveOf(name: string): number | undefined {
    const i = this.buildWaves().findIndex((w) => w.includes(name));
    return i < 0 ? undefined : i;
  }

  /**
   * Cycles, each as a path `[a, b, …, a]` following FlowsTo edges, one per strongly connected
   * component (Tarjan's algorithm, iterative so a 10,000-layer chain cannot overflow the stack).
   */
  cycles(): string[][] {
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const out: string[][] = [];
    let next = 0;
    for (const start of [...this.nodes].sort(byName)) {
      if (index.has(start)) continue;
      const work: { node: string; child: number }[] = [{ node: start, child: 0 }];
      index.set(start, next);
      low.set(start, next++);
      stack.push(start);
      onStack.add(start);
      for (let frame = work.at(-1); frame !== undefined; frame = work.at(-1)) {
        const kids = this.childrenOf.get(frame.node)!;
        const c = kids[frame.child];
        if (c !== undefined) {
          frame.child++;
          if (!index.has(c)) {
            index.set(c, next);
            low.set(c, next++);
            stack.push(c);
            onStack.add(c);
            work.push({ node: c, child: 0 });
          } else if (onStack.has(c)) {
            low.set(frame.node, Math.min(low.get(frame.node)!, index.get(c)!));
          }
          continue;
        }
        work.pop();
        const parent = work[work.length - 1];
        if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
        if (low.get(frame.node) === index.get(frame.node)) {
          const component: string[] = [];
          let n: string;
          do {
            n = stack.pop()!;
            onStack.delete(n);
            component.push(n);
          } while (n !== frame.node);
          const [only] = component;
          const selfLoop = component.length === 1 && only !== undefined && this.childrenOf.get(only)!.includes(only);
          if (component.length > 1 || selfLoop) out.push(this.cyclePath(new Set(component)));
        }
      }
    }
    return out.sort((a, b) => byName(a[0] ?? '', b[0] ?? ''));
  }

  /** A concrete cycle inside a strongly connected component, from its smallest name. */
  private cyclePath(component: Set<string>): string[] {
    const [start] = [...component].sort(byName);
    if (start === undefined) return [];
    // Breadth-first from start back to start, inside the component: the shortest cycle through it.
    const prev = new Map<string, string>();
    const queue = [start];
    for (const n of queue) {
      for (const c of this.childrenOf.get(n)!) {
        if (!component.has(c)) continue;
        if (c === start) {
          const path = [start];
          for (let m: string | undefined = n; m !== undefined && m !== start; m = prev.get(m)) path.splice(1, 0, m);
          path.push(start);
          return path;
        }
        if (!prev.has(c)) {
          prev.set(c, n);
          queue.push(c);
        }
      }
    }
    return [start, start];
  }
}

export { byName };

/** A binary min-heap of names (the ready set of a 10,000-layer topological sort). */
class MinHeap {
  private readonly items: string[] = [];

  get size(): number {
    return this.items.length;
  }

  push(x: string): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      // biome-ignore lint/plugin: p < i < a.length
      if (a[p]! <= x) break;
      // biome-ignore lint/plugin: p < i < a.length
      a[i] = a[p]!;
      i = p;
    }
    a[i] = x;
  }

  /** The smallest name, taken out; undefined when the heap is empty. */
  pop(): string | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (last !== undefined && a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        let mv = last;
        const left = a[l];
        const right = a[r];
        if (left !== undefined && left < mv) {
          m = l;
          mv = left;
        }
        if (right !== undefined && right < mv) {
          m = r;
          mv = right;
        }
        if (m === i) break;
        a[i] = mv;
        i = m;
      }
      a[i] = last;
    }
    return top;
  }
}
