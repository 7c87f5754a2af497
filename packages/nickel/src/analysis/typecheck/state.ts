/**
 * The unification table: every unification variable and rigid constant has an id, a level and
 * (variables) the type it was unified with. Levels make `forall` sound: a variable created
 * before a `forall` was entered (lower level) may not be unified with that `forall`'s constant.
 */
import type { Type } from '../../ast/nodes.js';
import type { ERows, RRows, UType, VarKind } from './types.js';

type Value = UType | RRows | ERows;

/** Thrown out of a walk that meets the variable being bound. */
const CYCLE = Symbol('cyclic type');

export class UnifState {
  private readonly values: (Value | undefined)[] = [];
  private readonly levels: number[] = [];
  /** Row constraints: the rows a row variable may not be extended with. */
  readonly constraints = new Map<number, Set<string>>();
  /** Which `forall` variable introduced a constant or variable: used to print it by that name. */
  readonly names = new Map<number, string>();
  /** The unification variable of each `_` in an annotation. */
  readonly wildcards = new Map<Type, UType>();

  private fresh(level: number): number {
    this.values.push(undefined);
    this.levels.push(level);
    return this.values.length - 1;
  }

  freshType(level: number): UType {
    return { tag: 'UVar', id: this.fresh(level) };
  }
  freshRRows(level: number): RRows {
    return { tag: 'UVar', id: this.fresh(level) };
  }
  freshERows(level: number): ERows {
    return { tag: 'UVar', id: this.fresh(level) };
  }
  freshConstId(level: number): number {
    return this.fresh(level);
  }
  freshVarId(level: number): number {
    return this.fresh(level);
  }

  level(id: number): number {
    return this.levels[id] ?? 0;
  }

  wildcard(node: Type, level: number): UType {
    let v = this.wildcards.get(node);
    if (!v) {
      v = this.freshType(level);
      this.wildcards.set(node, v);
    }
    return v;
  }

  root(t: UType): UType {
    while (t.tag === 'UVar') {
      const v = this.values[t.id] as UType | undefined;
      if (!v) return t;
      t = v;
    }
    return t;
  }
  rootR(r: RRows): RRows {
    while (r.tag === 'UVar') {
      const v = this.values[r.id] as RRows | undefined;
      if (!v) return r;
      r = v;
    }
    return r;
  }
  rootE(r: ERows): ERows {
    while (r.tag === 'UVar') {
      const v = this.values[r.id] as ERows | undefined;
      if (!v) return r;
      r = v;
    }
    return r;
  }

  /** The type variable `assign` is binding: met inside its own value, it would make a cyclic type. */
  private binding = -1;

  /**
   * Binds a free variable; the free variables of `value` inherit its level if lower. Returns false,
   * binding nothing, when `value` contains the type variable itself (the reference has no occurs
   * check, but a cyclic type would make every later walk loop).
   */
  assign(id: number, value: Value, kind: VarKind): boolean {
    if (value.tag === 'UVar' && value.id === id) return true;
    const level = this.level(id);
    this.binding = id;
    try {
      this.lower(value, kind, level);
    } catch (e) {
      if (e === CYCLE) return false;
      throw e;
    } finally {
      this.binding = -1;
    }
    this.values[id] = value;
    return true;
  }

  private lower(v: Value, kind: VarKind, level: number): void {
    if (kind === 'Type') this.lowerType(v as UType, level);
    else if (kind === 'RecordRows') this.lowerR(v as RRows, level);
    else this.lowerE(v as ERows, level);
  }

  private lowerType(t: UType, level: number): void {
    t = this.root(t);
    switch (t.tag) {
      case 'UVar':
        if (t.id === this.binding) throw CYCLE;
        if ((this.levels[t.id] ?? 0) > level) this.levels[t.id] = level;
        return;
      case 'Array':
      case 'Dict':
        return this.lowerType(t.elem, level);
      case 'Arrow':
        this.lowerType(t.dom, level);
        return this.lowerType(t.cod, level);
      case 'Record':
        return this.lowerR(t.rows, level);
      case 'Enum':
        return this.lowerE(t.rows, level);
      case 'Forall':
        return this.lowerType(t.body, level);
      default:
        return;
    }
  }
  private lowerR(r: RRows, level: number): void {
    for (r = this.rootR(r); r.tag === 'Extend'; r = this.rootR(r.tail)) this.lowerType(r.type, level);
    if (r.tag === 'UVar' && (this.levels[r.id] ?? 0) > level) this.levels[r.id] = level;
  }
  private lowerE(r: ERows, level: number): void {
    for (r = this.rootE(r); r.tag === 'Extend'; r = this.rootE(r.tail)) if (r.arg) this.lowerType(r.arg, level);
    if (r.tag === 'UVar' && (this.levels[r.id] ?? 0) > level) this.levels[r.id] = level;
  }
}
