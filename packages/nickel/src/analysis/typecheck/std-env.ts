/**
 * `std`'s types for the typechecker: the signatures of std-types.ts, parsed once per process with
 * our own type parser. A member with only contracts has its first contract as its type, one with
 * no annotation is `Dyn`, as in the reference; a path the tables do not know gets whatever its use
 * needs (checker.ts), so a missing signature never rejects typed code.
 */
import type { Type } from '../../ast/nodes.js';
import { parse } from '../../parser/parse.js';
import { SourceRegistry } from '../../source/registry.js';
import { STD_CONTRACT_TYPES, STD_TYPES, STD_UNTYPED } from './std-types.js';

const parsed = new Map<string, Type | undefined>();
let registry: SourceRegistry | undefined;
let modules: Set<string> | undefined;

/** The declared type of `std.<path>`, if the table has one. */
export function stdFieldType(path: string): Type | undefined {
  if (parsed.has(path)) return parsed.get(path);
  const text = STD_TYPES[path] ?? STD_CONTRACT_TYPES[path] ?? (STD_UNTYPED.has(path) ? 'Dyn' : undefined);
  let type: Type | undefined;
  if (text !== undefined) {
    registry ??= new SourceRegistry();
    const source = registry.add(`<std type of ${path}>`, `null : ${text}`);
    try {
      const e = parse(source);
      type = e.kind === 'Annotated' ? e.type?.type : undefined;
    } catch {
      type = undefined;
    }
  }
  parsed.set(path, type);
  return type;
}

/** Whether `std.<path>` is a module (a record of std fields) rather than a field. */
export function isStdModule(path: string): boolean {
  if (!modules) {
    modules = new Set();
    for (const key of [...Object.keys(STD_TYPES), ...Object.keys(STD_CONTRACT_TYPES), ...STD_UNTYPED]) {
      const parts = key.split('.');
      for (let i = 1; i < parts.length; i++) modules.add(parts.slice(0, i).join('.'));
    }
  }
  return modules.has(path);
}
