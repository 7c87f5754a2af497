/**
 * The typechecker proper, as the reference's: *walk* mode traverses untyped code looking for
 * typed blocks and binds names with their apparent types; a `: T` annotation switches to
 * *enforce* mode, bidirectional checking (`check`) and inference (`infer`) with unification.
 * A contract annotation switches back to walk mode.
 */
import type { Annotated, Expr, FieldMeta, Import, Pattern, Type, TypeAnnot } from '../../ast/nodes.js';
import type { NickelError } from '../../diagnostics/error.js';
import * as tc from '../../diagnostics/typecheck.js';
import { PlainRecord, type Plain } from '../../export/plain.js';
import type { SourceRegistry } from '../../source/registry.js';
import type { Span } from '../../source/span.js';
import { apparentOfBinding, fromApparent, type Apparent, type ImportApparent } from './apparent.js';
import { bindType, bindTypeAndTerm, isBound, lookupType, refersToRoot, withLevel, type Ctx } from './context.js';
import { binaryOpType, embedType, naryArrow, primOpType, type OpType } from './operators.js';
import { closeAllEnums, closeEnums, patternTypes, type PatternTypes } from './patterns.js';
import { checkRecord, walkRecord } from './records.js';
import { reportUnif } from './report.js';
import { UnifState } from './state.js';
import { stdType } from './std-env.js';
import { instantiate, subsumedBy } from './subsume.js';
import { arrayOf, arrow, BOOL, DYN, enumOf, erow, findContract, fromType, NUMBER, recordOf, rrow, STRING, type RRows, type UType } from './types.js';
import { UnifFailure, unify } from './unify.js';

export class Typechecker {
  readonly st = new UnifState();

  constructor(
    readonly sources: SourceRegistry | undefined,
    readonly imports: ImportApparent | undefined,
    /** The context holding only `std`: a `std` seen from inside refers to it unless shadowed. */
    readonly root: Ctx,
  ) {}

  /** Runs a unification step, reporting its failure at `span`. */
  at(span: Span | undefined, step: () => void): void {
    try {
      step();
    } catch (e) {
      if (e instanceof UnifFailure) throw this.error(e, span);
      throw e;
    }
  }

  error(e: UnifFailure, span: Span | undefined): NickelError {
    return reportUnif(this.st, this.sources, e.error, span);
  }

  unifyAt(span: Span | undefined, ctx: Ctx, expected: UType, inferred: UType): void {
    this.at(span, () => unify(this.st, ctx.level, expected, inferred));
  }

  fresh(ctx: Ctx): UType {
    return this.st.freshType(ctx.level);
  }

  lookup(ctx: Ctx, name: string, span: Span): UType {
    const t = lookupType(ctx, name);
    if (t === undefined) throw tc.unboundIdentifier(span, name);
    return t;
  }

  // -------------------------------------------------------------------------------------------
  // walk mode

  walk(e: Expr, ctx: Ctx): void {
    for (;;) {
      switch (e.kind) {
        case 'Null':
        case 'Bool':
        case 'Num':
        case 'Data':
        case 'Import':
          return;
        case 'Str':
          for (const c of e.chunks) if (c.kind === 'Interp') this.walk(c.expr, ctx);
          return;
        case 'Var':
          if (!isBound(ctx, e.name)) throw tc.unboundIdentifier(e.span, e.name);
          return;
        case 'Enum':
          if (!e.arg) return;
          e = e.arg;
          continue;
        case 'Fun': {
          for (const p of e.params) {
            ctx = p.kind === 'Bind' ? bindType(ctx, p.name, DYN) : this.bindPattern(ctx, patternTypes(this, p, ctx, 'Walk'));
          }
          e = e.body;
          continue;
        }
        case 'Array':
          for (const item of e.items) this.walk(item, ctx);
          return;
        case 'Let':
          ctx = this.walkLet(e, ctx);
          e = e.body;
          continue;
        case 'App':
          this.walk(e.fn, ctx);
          e = e.arg;
          continue;
        case 'Match':
          for (const b of e.branches) {
            const inner = this.bindPattern(ctx, patternTypes(this, b.pattern, ctx, 'Walk'));
            if (b.guard) this.walk(b.guard, inner);
            this.walk(b.body, inner);
          }
          return;
        case 'If':
          this.walk(e.cond, ctx);
          this.walk(e.then, ctx);
          e = e.else;
          continue;
        case 'Record':
          return walkRecord(this, e, ctx);
        case 'PrimOp':
          for (const a of e.args) this.walk(a, ctx);
          return;
        case 'Unary':
          e = e.operand;
          continue;
        case 'Binary':
          this.walk(e.left, ctx);
          e = e.right;
          continue;
        case 'FieldAccess':
          if (e.field.kind === 'Dynamic') this.walk(e.field.expr, ctx);
          e = e.record;
          continue;
        case 'Annotated':
          return this.walkAnnotated(ctx, e.type, e.contracts, e.expr);
        case 'Type':
          return this.walkType(e.type, ctx);
      }
    }
  }

  walkType(t: Type, ctx: Ctx): void {
    switch (t.kind) {
      case 'Contract':
        return this.walk(t.expr, ctx);
      case 'Arrow':
        this.walkType(t.domain, ctx);
        return this.walkType(t.codomain, ctx);
      case 'Array':
      case 'Dict':
        return this.walkType(t.elem, ctx);
      case 'Forall':
        return this.walkType(t.body, ctx);
      case 'RecordType':
        for (const f of t.fields) this.walkType(f.type, ctx);
        return;
      default:
        return;
    }
  }

  bindPattern(ctx: Ctx, pt: PatternTypes): Ctx {
    for (const [name, t] of pt.bindings) ctx = bindType(ctx, name, t);
    return ctx;
  }

  private walkLet(e: Expr & { kind: 'Let' }, ctx: Ctx): Ctx {
    if (e.rec) for (const b of e.bindings) for (const name of patternNames(b.pattern)) ctx = bindType(ctx, name, DYN);
    const start = ctx;
    for (const b of e.bindings) {
      // worked out only if a typed block uses the name
      const tyLet = (): UType => fromApparent(apparentOfBinding(b.meta, b.value, start, this.imports), start);
      if (b.pattern.kind === 'Bind') {
        ctx = bindTypeAndTerm(ctx, b.pattern.name, tyLet, b.value, start.terms);
        continue;
      }
      const pt = patternTypes(this, b.pattern, start, 'Walk');
      for (const [name, t] of pt.bindings) ctx = bindTypeAndTerm(ctx, name, t, b.value, start.terms);
      for (const name of wholeValueNames(b.pattern)) ctx = bindTypeAndTerm(ctx, name, tyLet, b.value, start.terms);
    }
    const valueCtx = e.rec ? ctx : start;
    for (const b of e.bindings) this.walkAnnotated(valueCtx, b.meta.type, b.meta.contracts, b.value);
    return ctx;
  }

  /** A value under annotations: a type switches to enforce mode. */
  walkAnnotated(ctx: Ctx, type: TypeAnnot | undefined, contracts: TypeAnnot[], value: Expr | undefined): void {
    if (type) this.walkType(type.type, ctx);
    for (const c of contracts) this.walkType(c.type, ctx);
    if (!value) return;
    if (type) return this.check(value, ctx, fromType(type.type, ctx.terms));
    // a function annotated with a function contract: its parameters get the domains for free
    if (value.kind === 'Fun') {
      const contract = contracts.find((c) => c.type.kind === 'Arrow');
      if (contract) {
        const domains: UType[] = [];
        for (let t: Type = contract.type; t.kind === 'Arrow'; t = t.codomain) domains.push(fromType(t.domain, ctx.terms));
        value.params.forEach((p, i) => {
          const dom = domains[i] ?? DYN;
          const names = anyNames(p);
          if (names) for (const n of names) ctx = bindType(ctx, n, dom);
          else ctx = this.bindPattern(ctx, patternTypes(this, p, ctx, 'Walk'));
        });
        return this.walk(value.body, ctx);
      }
    }
    this.walk(value, ctx);
  }

  // -------------------------------------------------------------------------------------------
  // enforce mode

  check(term: Expr, context: Ctx, expected: UType): void {
    // `else` branches and let bodies loop, so long chains cost no stack
    let e = term;
    let ctx = context;
    let ty = expected;
    for (;;) {
      [ty, ctx] = this.skolemise(ty, ctx);
      switch (e.kind) {
        case 'If':
          this.check(e.cond, ctx, BOOL);
          this.check(e.then, ctx, ty);
          e = e.else;
          continue;
        case 'Let':
          ctx = this.checkLet(e, ctx);
          e = e.body;
          continue;
        default:
          return this.checkOne(e, ctx, ty);
      }
    }
  }

  private skolemise(t: UType, ctx: Ctx): [UType, Ctx] {
    const [ty, level] = instantiate(this.st, ctx.level, t, 'Constant');
    return [ty, withLevel(ctx, level)];
  }

  private checkOne(e: Expr, ctx: Ctx, ty: UType): void {
    switch (e.kind) {
      case 'Null':
        return this.unifyAt(e.span, ctx, ty, DYN);
      case 'Bool':
        return this.unifyAt(e.span, ctx, ty, BOOL);
      case 'Num':
        return this.unifyAt(e.span, ctx, ty, NUMBER);
      case 'Str':
        this.unifyAt(e.span, ctx, ty, STRING);
        for (const c of e.chunks) if (c.kind === 'Interp') this.check(c.expr, ctx, STRING);
        return;
      case 'Data':
        return this.checkData(e, ctx, ty);
      case 'Fun': {
        const codomain = this.fresh(ctx);
        let funType = codomain;
        let inner = ctx;
        for (const p of [...e.params].reverse()) {
          const pt = patternTypes(this, p, ctx, 'Enforce');
          closeAllEnums(this.st, pt.enumTails);
          inner = this.bindPattern(inner, pt);
          funType = arrow(pt.type, funType);
        }
        this.unifyAt(e.span, ctx, ty, funType);
        return this.check(e.body, inner, codomain);
      }
      case 'Array': {
        const elem = this.fresh(ctx);
        this.unifyAt(e.span, ctx, ty, arrayOf(elem));
        for (const item of e.items) this.check(item, ctx, elem);
        return;
      }
      case 'Match':
        return this.checkMatch(e, ctx, ty);
      case 'Enum': {
        const tail = this.st.freshERows(ctx.level);
        if (!e.arg) return this.unifyAt(e.span, ctx, ty, enumOf(erow(e.tag, undefined, tail)));
        const arg = this.fresh(ctx);
        this.unifyAt(e.span, ctx, ty, enumOf(erow(e.tag, arg, tail)));
        return this.check(e.arg, ctx, arg);
      }
      case 'Record':
        return checkRecord(this, e, ctx, ty);
      case 'Import':
        return this.unifyAt(e.span, ctx, ty, this.importType(e, ctx));
      case 'Type': {
        const contract = findContract(e.type);
        if (contract) throw tc.ctrTypeInTermPos(e.span, contract.span);
        return;
      }
      default: {
        const inferred = this.infer(e, ctx);
        this.at(e.span, () => subsumedBy(this.st, ctx.level, inferred, ty));
      }
    }
  }

  private checkData(e: Expr & { kind: 'Data' }, ctx: Ctx, ty: UType): void {
    this.checkPlain(e.value, e.span, ctx, ty);
  }

  /** A plain-data literal, checked as the literal nodes it stands for (errors at the whole literal). */
  private checkPlain(v: Plain, span: Span, ctx: Ctx, expected: UType): void {
    const [ty, level] = instantiate(this.st, ctx.level, expected, 'Constant');
    ctx = withLevel(ctx, level);
    if (v === null) return this.unifyAt(span, ctx, ty, DYN);
    if (typeof v === 'boolean') return this.unifyAt(span, ctx, ty, BOOL);
    if (typeof v === 'string') return this.unifyAt(span, ctx, ty, STRING);
    if (Array.isArray(v)) {
      const elem = this.fresh(ctx);
      this.unifyAt(span, ctx, ty, arrayOf(elem));
      for (const item of v) this.checkPlain(item, span, ctx, elem);
      return;
    }
    if (!(v instanceof PlainRecord)) return this.unifyAt(span, ctx, ty, NUMBER);
    const root = this.st.root(ty);
    if (root.tag === 'Dict') {
      for (const [, value] of v.fields) this.checkPlain(value, span, ctx, root.elem);
      return;
    }
    const fields = v.fields.map(([name, value]) => ({ name, value, type: this.fresh(ctx) }));
    this.unifyAt(span, ctx, ty, recordOf(fields.reduceRight<RRows>((tail, f) => rrow(f.name, f.type, tail), { tag: 'Empty' })));
    for (const f of fields) this.checkPlain(f.value, span, ctx, f.type);
  }

  importType(e: Import, ctx: Ctx): UType {
    return this.imports ? fromApparent(this.imports(e), ctx) : DYN;
  }

  /** The type a let binding or record field is checked against: its annotation or a fresh variable. */
  bindingType(a: Apparent, ctx: Ctx): UType {
    if (a.kind === 'Annotated') return fromType(a.type, ctx.terms);
    if (a.kind === 'Approximated') return this.fresh(ctx);
    return a.utype;
  }

  /** Checks a let's bindings; returns the context of its body. */
  private checkLet(e: Expr & { kind: 'Let' }, ctx: Ctx): Ctx {
    if (e.rec) for (const b of e.bindings) for (const name of patternNames(b.pattern)) ctx = bindType(ctx, name, this.fresh(ctx));
    const start = ctx;
    const bound: UType[] = [];
    for (const b of e.bindings) {
      const tyBound = this.bindingType(apparentOfBinding(b.meta, b.value, start, this.imports), start);
      bound.push(tyBound);
      const names = anyNames(b.pattern);
      if (names) {
        for (const n of names) ctx = bindTypeAndTerm(ctx, n, tyBound, b.value, start.terms);
        continue;
      }
      const pt = patternTypes(this, withoutAlias(b.pattern), start, 'Enforce');
      closeAllEnums(this.st, pt.enumTails);
      this.unifyAt(b.value.span, start, pt.type, tyBound);
      if (b.pattern.kind === 'Alias') ctx = bindTypeAndTerm(ctx, b.pattern.name, tyBound, b.value, start.terms);
      for (const [name, t] of pt.bindings) ctx = bindTypeAndTerm(ctx, name, t, b.value, start.terms);
    }
    const valueCtx = e.rec ? ctx : start;
    e.bindings.forEach((b, i) => {
      if (b.meta.type || b.meta.contracts.length > 0) this.inferAnnotated(valueCtx, b.meta.type, b.meta.contracts, b.value);
      else this.check(b.value, valueCtx, bound[i] ?? this.fresh(valueCtx));
    });
    return ctx;
  }

  private checkMatch(e: Expr & { kind: 'Match' }, ctx: Ctx, ty: UType): void {
    const pats = e.branches.map((b) => patternTypes(this, b.pattern, ctx, 'Enforce'));
    const argType = this.fresh(ctx);
    const returnType = this.fresh(ctx);
    e.branches.forEach((b, i) => {
      const pt = pats[i];
      const inner = pt ? this.bindPattern(ctx, pt) : ctx;
      if (b.guard) this.check(b.guard, inner, BOOL);
      this.check(b.body, inner, returnType);
    });
    const tails = pats.flatMap((p) => p.enumTails);
    const wildcards = new Set(pats.flatMap((p) => [...p.wildcardPaths]));
    let failure: UnifFailure | undefined;
    try {
      for (const p of pats) unify(this.st, ctx.level, argType, p.type);
    } catch (err) {
      if (!(err instanceof UnifFailure)) throw err;
      failure = err;
    }
    closeEnums(this.st, tails, wildcards);
    if (failure) throw this.error(failure, e.span);
    this.unifyAt(e.span, ctx, ty, arrow(argType, returnType));
  }

  infer(e: Expr, ctx: Ctx): UType {
    switch (e.kind) {
      case 'Var': {
        const t = e.name === 'std' && refersToRoot(ctx, 'std', this.root) ? stdType('') : undefined;
        return t === undefined ? this.lookup(ctx, e.name, e.span) : fromType(t, undefined);
      }
      case 'App': {
        const args: Expr[] = [];
        let head: Expr = e;
        while (head.kind === 'App') {
          args.push(head.arg);
          head = head.fn;
        }
        args.reverse();
        return this.inferApp(head, args, ctx);
      }
      case 'Binary':
        if (e.op === 'Pipe') return this.inferApp(e.right, [e.left], ctx);
        return this.inferOp(binaryOpType(e.op, this.st, ctx.level), [e.left, e.right], ctx);
      case 'Unary':
        return this.inferOp(e.op === 'Not' ? { args: [BOOL], result: BOOL } : { args: [NUMBER], result: NUMBER }, [e.operand], ctx);
      case 'PrimOp': {
        const first = e.args[0];
        if (e.name === 'enum/embed' && first?.kind === 'Enum' && e.args.length === 2) {
          return this.inferOp(embedType(first.tag, this.st, ctx.level), e.args.slice(1), ctx);
        }
        return this.inferOp(primOpType(e.name, this.st, ctx.level), e.args, ctx);
      }
      case 'FieldAccess':
        return this.inferFieldAccess(e, ctx);
      case 'Annotated':
        return this.inferAnnotated(ctx, e.type, e.contracts, e.expr);
      default: {
        const t = this.fresh(ctx);
        this.check(e, ctx, t);
        return this.st.root(t);
      }
    }
  }

  /** An operator applied to its first arguments: the rest are taken by the function it returns. */
  private inferOp(op: OpType, args: Expr[], ctx: Ctx): UType {
    args.forEach((a, i) => this.check(a, ctx, op.args[i] ?? this.fresh(ctx)));
    return naryArrow(op.args.slice(args.length), op.result);
  }

  private inferApp(head: Expr, args: Expr[], ctx: Ctx): UType {
    const headPoly = this.infer(head, ctx);
    const [headType, level] = instantiate(this.st, ctx.level, headPoly, 'UnifVar');
    ctx = withLevel(ctx, level);
    const argTypes = args.map(() => this.fresh(ctx));
    const codomain = this.fresh(ctx);
    this.unifyAt(head.span, ctx, naryArrow(argTypes, codomain), headType);
    args.forEach((a, i) => this.check(a, ctx, argTypes[i] ?? this.fresh(ctx)));
    return codomain;
  }

  private inferFieldAccess(e: Expr & { kind: 'FieldAccess' }, ctx: Ctx): UType {
    if (e.field.kind === 'Dynamic') {
      const res = this.fresh(ctx);
      this.check(e.field.expr, ctx, STRING);
      this.check(e.record, ctx, { tag: 'Dict', elem: res, contract: false });
      return res;
    }
    const std = this.stdPath(e, ctx);
    const t = std === undefined ? undefined : stdType(std);
    // Not a member: the access below fails on the closed record of the module, or on a member's type.
    if (t !== undefined) return fromType(t, undefined);
    const res = this.fresh(ctx);
    this.check(e.record, ctx, recordOf(rrow(e.field.name, res, this.st.freshRRows(ctx.level))));
    return res;
  }

  /** `std.a.b` (with `std` not shadowed): the dotted path `a.b`. */
  private stdPath(e: Expr & { kind: 'FieldAccess' }, ctx: Ctx): string | undefined {
    const names: string[] = [];
    let cur: Expr = e;
    while (cur.kind === 'FieldAccess') {
      if (cur.field.kind !== 'Static') return undefined;
      names.push(cur.field.name);
      cur = cur.record;
    }
    if (cur.kind !== 'Var' || cur.name !== 'std' || !refersToRoot(ctx, 'std', this.root)) return undefined;
    return names.reverse().join('.');
  }

  /** A value under annotations, in enforce mode: its type is the annotation's. */
  inferAnnotated(ctx: Ctx, type: TypeAnnot | undefined, contracts: TypeAnnot[], value: Expr | undefined): UType {
    if (type) this.walkType(type.type, ctx);
    for (const c of contracts) this.walkType(c.type, ctx);
    if (type && value) {
      const t = fromType(type.type, ctx.terms);
      this.check(value, ctx, t);
      return t;
    }
    const first = contracts[0];
    if (first) {
      if (value) this.walk(value, ctx);
      return fromType((type ?? first).type, ctx.terms);
    }
    if (value) return this.infer(value, ctx);
    return type ? fromType(type.type, ctx.terms) : DYN;
  }
}

/** The names a pattern binds. */
export function patternNames(p: Pattern): string[] {
  const out: string[] = [];
  const visit = (p: Pattern): void => {
    switch (p.kind) {
      case 'Bind':
        out.push(p.name);
        return;
      case 'Alias':
        out.push(p.name);
        return visit(p.pattern);
      case 'Enum':
        if (p.arg) visit(p.arg);
        return;
      case 'Record':
        for (const f of p.fields) visit(f.pattern);
        if (p.tail.kind === 'Capture') out.push(p.tail.name);
        return;
      case 'Array':
        for (const i of p.items) visit(i);
        if (p.tail.kind === 'Capture') out.push(p.tail.name);
        return;
      case 'Or':
        for (const a of p.alternatives) visit(a);
        return;
      default:
        return;
    }
  };
  visit(p);
  return out;
}

/** `x` or `a @ x`: the names bound to the whole value, else undefined. */
function anyNames(p: Pattern): string[] | undefined {
  if (p.kind === 'Bind') return [p.name];
  if (p.kind === 'Alias' && p.pattern.kind === 'Bind') return [p.name, p.pattern.name];
  return undefined;
}

/** In a let, the names that get the binding's apparent type (alias, or the whole pattern). */
function wholeValueNames(p: Pattern): string[] {
  if (p.kind === 'Bind') return [p.name];
  if (p.kind === 'Alias') return p.pattern.kind === 'Bind' ? [p.name, p.pattern.name] : [p.name];
  return [];
}

function withoutAlias(p: Pattern): Pattern {
  return p.kind === 'Alias' ? p.pattern : p;
}

export type { Annotated, FieldMeta };
