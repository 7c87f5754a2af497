/** Helpers for the evaluator's tests: evaluate a snippet to JSON-like data, or to its error kind. */
import { NickelError } from '../diagnostics/error.js';
import { PlainRecord, type Plain } from '../export/plain.js';
import { MemoryImporter } from '../import/memory.js';
import { evaluateSource } from '../pipeline.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function plainToJson(p: Plain): Json {
  if (p instanceof PlainRecord) return Object.fromEntries(p.fields.map(([k, v]) => [k, plainToJson(v)]));
  if (Array.isArray(p)) return p.map(plainToJson);
  if (p !== null && typeof p === 'object') return Number(p.n) / Number(p.d);
  return p;
}

export function run(src: string, files: Record<string, string> = {}): Json {
  return plainToJson(evaluateSource(src, { importer: new MemoryImporter(files), name: '/main.ncl' }).toPlain());
}

/** The kind of the error the snippet raises (or 'no error'). */
export function errorOf(src: string, files: Record<string, string> = {}): { kind: string; message: string; field?: string } {
  try {
    run(src, files);
    return { kind: 'no error', message: '' };
  } catch (e) {
    if (e instanceof NickelError) return { kind: e.kind, message: e.message, ...(e.fields.field ? { field: e.fields.field } : {}) };
    throw e;
  }
}
