/**
 * Whether a file has anything for the typechecker to check. Walk mode can only fail inside a
 * `: T` annotation (anywhere: terms, fields, bindings, patterns) or on an or-pattern binding
 * different names; unbound identifiers are the scope check's to report. A file with neither —
 * most configuration files — is skipped, with the same outcome, at the cost of one plain scan.
 */
import type { Expr, FieldMeta, Pattern, Type } from '../../ast/nodes.js';

export function hasTypedCode(root: Expr): boolean {
  const todo: Expr[] = [root];
  for (let e = todo.pop(); e !== undefined; e = todo.pop()) {
    switch (e.kind) {
      case 'Str':
        for (const c of e.chunks) if (c.kind === 'Interp') todo.push(c.expr);
        break;
      case 'Enum':
        if (e.arg) todo.push(e.arg);
        break;
      case 'Array':
        for (const item of e.items) todo.push(item);
        break;
      case 'Record':
        for (const f of e.fields) {
          if (typedMeta(f.meta)) return true;
          for (const p of f.path) if (p.kind === 'Dynamic') todo.push(p.expr);
          if (f.value) todo.push(f.value);
        }
        for (const inc of e.includes) if (typedMeta(inc.meta)) return true;
        break;
      case 'Let':
        for (const b of e.bindings) {
          if (typedMeta(b.meta) || typedPattern(b.pattern)) return true;
          todo.push(b.value);
        }
        todo.push(e.body);
        break;
      case 'Fun':
        for (const p of e.params) if (typedPattern(p)) return true;
        todo.push(e.body);
        break;
      case 'App':
        todo.push(e.fn, e.arg);
        break;
      case 'Unary':
        todo.push(e.operand);
        break;
      case 'Binary':
        todo.push(e.left, e.right);
        break;
      case 'PrimOp':
        for (const a of e.args) todo.push(a);
        break;
      case 'If':
        todo.push(e.cond, e.then, e.else);
        break;
      case 'Match':
        for (const b of e.branches) {
          if (typedPattern(b.pattern)) return true;
          if (b.guard) todo.push(b.guard);
          todo.push(b.body);
        }
        break;
      case 'FieldAccess':
        if (e.field.kind === 'Dynamic') todo.push(e.field.expr);
        todo.push(e.record);
        break;
      case 'Annotated':
        if (e.type) return true;
        for (const c of e.contracts) pushContracts(c.type, todo);
        todo.push(e.expr);
        break;
      case 'Type':
        pushContracts(e.type, todo);
        break;
      default:
        break;
    }
  }
  return false;
}

function typedMeta(meta: FieldMeta): boolean {
  if (meta.type) return true;
  for (const c of meta.contracts) if (typeHasTypedCode(c.type)) return true;
  return false;
}

/** Contracts are terms: a typed block may hide in one. */
function typeHasTypedCode(t: Type): boolean {
  const todo: Expr[] = [];
  pushContracts(t, todo);
  return todo.some(hasTypedCode);
}

function pushContracts(t: Type, todo: Expr[]): void {
  switch (t.kind) {
    case 'Contract':
      todo.push(t.expr);
      return;
    case 'Array':
    case 'Dict':
      return pushContracts(t.elem, todo);
    case 'Arrow':
      pushContracts(t.domain, todo);
      return pushContracts(t.codomain, todo);
    case 'Forall':
      return pushContracts(t.body, todo);
    case 'RecordType':
      for (const f of t.fields) pushContracts(f.type, todo);
      return;
    case 'EnumType':
      for (const r of t.rows) if (r.arg) pushContracts(r.arg, todo);
      return;
    default:
      return;
  }
}

function typedPattern(p: Pattern): boolean {
  switch (p.kind) {
    case 'Or':
      return true;
    case 'Alias':
      return typedPattern(p.pattern);
    case 'Enum':
      return p.arg !== undefined && typedPattern(p.arg);
    case 'Array':
      return p.items.some(typedPattern);
    case 'Record':
      return p.fields.some((f) => f.type !== undefined || typedPattern(f.pattern) || f.contracts.some((c) => typeHasTypedCode(c.type)));
    default:
      return false;
  }
}
