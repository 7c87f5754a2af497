/**
 * Types printed as the reference prints them in type errors: unification variables as `_a`,
 * `_rrows_b`, `_erows_c` (one counter, in order of appearance), constants by the name of the
 * `forall` variable that introduced them, contracts as their source text.
 */
import type { SourceRegistry } from '../../source/registry.js';
import type { UnifState } from './state.js';
import { stdContractText } from './std-env.js';
import type { ERows, RRows, UType, VarKind } from './types.js';

const IDENT = /^[_a-zA-Z][_a-zA-Z0-9'-]*$/;

/** Names for the variables of one error, so `expected` and `inferred` agree. */
export class TypePrinter {
  private readonly given = new Map<string, string>();
  private readonly taken = new Set<string>();
  private varCount = 0;
  private constCount = 0;

  constructor(
    private readonly st: UnifState,
    private readonly sources: SourceRegistry | undefined,
  ) {
    for (const n of st.names.values()) this.taken.add(n);
  }

  type(t: UType): string {
    t = this.st.root(t);
    switch (t.tag) {
      case 'UVar':
        return this.varName(t.id, 'Type');
      case 'Const':
        return this.constName(t.id, 'Type');
      case 'Var':
        return t.name;
      case 'Wildcard':
        return this.type(this.st.wildcard(t.node, 0));
      case 'Array':
        return `Array ${this.atom(t.elem, true)}`;
      case 'Arrow':
        return `${this.atom(t.dom, false)} -> ${this.type(t.cod)}`;
      case 'Dict':
        return `{ _ ${t.contract ? '|' : ':'} ${this.type(t.elem)} }`;
      case 'Record':
        return this.record(t.rows);
      case 'Enum':
        return this.enum(t.rows);
      case 'Forall': {
        const names = [t.name];
        let body = t.body;
        while (body.tag === 'Forall') {
          names.push(body.name);
          body = body.body;
        }
        return `forall ${names.join(' ')}. ${this.type(body)}`;
      }
      case 'Contract': {
        const s = t.expr.span;
        const std = stdContractText(t.expr);
        if (std !== undefined) return unparenthesized(std);
        if (this.sources) {
          try {
            return unparenthesized(this.sources.get(s.file).text.slice(s.start, s.end));
          } catch {
            // fall through
          }
        }
        return '<contract>';
      }
      default:
        return t.tag;
    }
  }

  /** A type as an argument (`inArray`) or as a function's domain. */
  private atom(t: UType, inArray: boolean): string {
    const r = this.st.root(t);
    const wrap = r.tag === 'Arrow' || r.tag === 'Forall' || (inArray && (r.tag === 'Array' || r.tag === 'Dict'));
    return wrap ? `(${this.type(r)})` : this.type(r);
  }

  rrows(rows: RRows): string {
    const parts: string[] = [];
    let r = this.st.rootR(rows);
    for (; r.tag === 'Extend'; r = this.st.rootR(r.tail)) parts.push(`${label(r.name)} : ${this.type(r.type)}`);
    const tail =
      r.tag === 'UVar'
        ? this.varName(r.id, 'RecordRows')
        : r.tag === 'Const'
          ? this.constName(r.id, 'RecordRows')
          : r.tag === 'Var'
            ? r.name
            : r.tag === 'TailDyn'
              ? 'Dyn'
              : undefined;
    return tail === undefined ? parts.join(', ') : `${parts.join(', ')}; ${tail}`;
  }

  private record(rows: RRows): string {
    return `{ ${this.rrows(rows)} }`;
  }

  erows(rows: ERows): string {
    const parts: string[] = [];
    let r = this.st.rootE(rows);
    for (; r.tag === 'Extend'; r = this.st.rootE(r.tail)) {
      const tag = `'${label(r.name)}`;
      parts.push(r.arg ? `${tag} ${this.variantArg(r.arg)}` : tag);
    }
    const tail =
      r.tag === 'UVar' ? this.varName(r.id, 'EnumRows') : r.tag === 'Const' ? this.constName(r.id, 'EnumRows') : r.tag === 'Var' ? r.name : undefined;
    return tail === undefined ? parts.join(', ') : `${parts.join(', ')}; ${tail}`;
  }

  private variantArg(t: UType): string {
    const r = this.st.root(t);
    const wrap = r.tag === 'Arrow' || r.tag === 'Forall' || r.tag === 'Array' || r.tag === 'Dict';
    return wrap ? `(${this.type(r)})` : this.type(r);
  }

  private enum(rows: ERows): string {
    return `[| ${this.erows(rows)} |]`;
  }

  varName(id: number, kind: VarKind): string {
    const forall = this.st.names.get(id);
    if (forall !== undefined) return forall;
    return this.generated(id, `_${prefix(kind)}${letter(this.given.has(key(id)) ? 0 : this.varCount++)}`);
  }

  constName(id: number, kind: VarKind): string {
    const forall = this.st.names.get(id);
    if (forall !== undefined) return forall;
    return this.generated(id, `${prefix(kind)}${letter(this.given.has(key(id)) ? 0 : this.constCount++)}`);
  }

  private generated(id: number, candidate: string): string {
    const known = this.given.get(key(id));
    if (known !== undefined) return known;
    let name = candidate;
    for (let n = 1; this.taken.has(name); n++) name = `${candidate}${n}`;
    this.given.set(key(id), name);
    this.taken.add(name);
    return name;
  }
}

const key = (id: number): string => String(id);
const letter = (n: number): string => String.fromCharCode(97 + (n % 26));
const prefix = (kind: VarKind): string => (kind === 'Type' ? '' : kind === 'EnumRows' ? 'erows_' : 'rrows_');

function label(name: string): string {
  return IDENT.test(name) ? name : JSON.stringify(name);
}

/** A contract's source text without the parentheses around the whole of it. */
function unparenthesized(text: string): string {
  let t = text.trim();
  while (t.startsWith('(') && t.endsWith(')') && closesAtEnd(t)) t = t.slice(1, -1).trim();
  return t;
}

function closesAtEnd(t: string): boolean {
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '(') depth++;
    else if (t[i] === ')' && --depth === 0 && i < t.length - 1) return false;
  }
  return true;
}
