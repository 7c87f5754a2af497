/**
 * `std`'s types for the typechecker: the signatures of std-types.ts, parsed once per process with
 * our own type parser. A member with only contracts has its first contract as its type, one with
 * no annotation is `Dyn`, as in the reference. `std` and its modules are closed records of their
 * members, so typed code that reads a member std lacks is a type error (MissingRow), as there.
 */
import type { Expr, Type } from '../../ast/nodes.js';
import { parse } from '../../parser/parse.js';
import { SourceRegistry } from '../../source/registry.js';
import { STD_CONTRACT_TYPES, STD_TYPES, STD_UNTYPED } from './std-types.js';

const parsed = new Map<string, Type | undefined>();
const moduleTypes = new Map<string, Type | undefined>();
let registry: SourceRegistry | undefined;
let modules: Set<string> | undefined;

/** The type of `std.<path>` (`path` '' is `std` itself): a member's, a module's record, or undefined for neither. */
export function stdType(path: string): Type | undefined {
  return isStdModule(path) ? stdModuleType(path) : stdFieldType(path);
}

function stdModuleType(path: string): Type | undefined {
  if (moduleTypes.has(path)) return moduleTypes.get(path);
  const type = parseType(`<std type of ${path || 'std'}>`, moduleText(path));
  moduleTypes.set(path, type);
  return type;
}

/** `{ member : T, … }` with the members' types as the tables write them. */
function moduleText(path: string): string {
  const prefix = path === '' ? '' : `${path}.`;
  const members = new Set<string>();
  for (const key of allMembers()) {
    const m = key.startsWith(prefix) ? key.slice(prefix.length).split('.')[0] : undefined;
    if (m !== undefined) members.add(m);
  }
  const fields = [...members].map((m) => {
    const full = prefix + m;
    const text = isStdModule(full) ? moduleText(full) : (STD_TYPES[full] ?? STD_CONTRACT_TYPES[full] ?? 'Dyn');
    return `${m} : ${text}`;
  });
  return `{ ${fields.join(', ')} }`;
}

/** The declared type of `std.<path>`, if the table has one. */
export function stdFieldType(path: string): Type | undefined {
  if (parsed.has(path)) return parsed.get(path);
  const text = STD_TYPES[path] ?? STD_CONTRACT_TYPES[path] ?? (STD_UNTYPED.has(path) ? 'Dyn' : undefined);
  const type = text === undefined ? undefined : parseType(`<std type of ${path}>`, text);
  parsed.set(path, type);
  return type;
}

function parseType(name: string, text: string): Type | undefined {
  registry ??= new SourceRegistry();
  const source = registry.add(name, `null : ${text}`);
  let type: Type | undefined;
  try {
    const e = parse(source);
    type = e.kind === 'Annotated' ? e.type?.type : undefined;
  } catch {
    return undefined;
  }
  if (type !== undefined) recordContractTexts(type, source.text);
  return type;
}

/** The source text of the contracts in std's types, which live in no registry a program prints from. */
const contractTexts = new WeakMap<Expr, string>();

/** How a contract of a std member's type is written, for printing it. */
export function stdContractText(expr: Expr): string | undefined {
  return contractTexts.get(expr);
}

function recordContractTexts(t: Type, text: string): void {
  switch (t.kind) {
    case 'Contract':
      contractTexts.set(t.expr, text.slice(t.expr.span.start, t.expr.span.end));
      return;
    case 'Array':
    case 'Dict':
      return recordContractTexts(t.elem, text);
    case 'Arrow':
      recordContractTexts(t.domain, text);
      return recordContractTexts(t.codomain, text);
    case 'Forall':
      return recordContractTexts(t.body, text);
    case 'RecordType':
      for (const f of t.fields) recordContractTexts(f.type, text);
      return;
    case 'EnumType':
      for (const r of t.rows) if (r.arg) recordContractTexts(r.arg, text);
      return;
    default:
      return;
  }
}

/** Whether `std.<path>` is a module (a record of std fields) rather than a field. */
export function isStdModule(path: string): boolean {
  if (!modules) {
    modules = new Set(['']);
    for (const key of allMembers()) {
      const parts = key.split('.');
      for (let i = 1; i < parts.length; i++) modules.add(parts.slice(0, i).join('.'));
    }
  }
  return modules.has(path);
}

function allMembers(): string[] {
  return [...Object.keys(STD_TYPES), ...Object.keys(STD_CONTRACT_TYPES), ...STD_UNTYPED];
}
