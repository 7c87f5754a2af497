import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Type } from '../../ast/nodes.js';
import { NickelError } from '../../diagnostics/error.js';
import { parseText } from '../../parser/test-support/helpers.js';
import { STD_CONTRACT_TYPES, STD_TYPES, STD_UNTYPED } from './std-types.js';

const PREFIX = '(null : ';

/** The type of `(null : T)`, or why our parser refuses it. */
function parseType(text: string): Type | string {
  try {
    const e = parseText(`${PREFIX}${text})`);
    if (e.kind !== 'Annotated' || e.type === undefined) return `parsed as ${e.kind}, not a type annotation`;
    return e.type.type;
  } catch (err) {
    if (err instanceof NickelError) return err.message;
    throw err;
  }
}

/** The text of each contract in a type: the opaque parts, which must be the few std has in scope. */
function contractsIn(t: Type, text: string, out: string[] = []): string[] {
  switch (t.kind) {
    case 'Array':
    case 'Dict':
      contractsIn(t.elem, text, out);
      break;
    case 'Arrow':
      contractsIn(t.domain, text, out);
      contractsIn(t.codomain, text, out);
      break;
    case 'Forall':
      contractsIn(t.body, text, out);
      break;
    case 'RecordType':
      for (const f of t.fields) contractsIn(f.type, text, out);
      break;
    case 'EnumType':
      for (const r of t.rows) if (r.arg) contractsIn(r.arg, text, out);
      break;
    case 'Contract':
      out.push(text.slice(t.span.start - PREFIX.length, t.span.end - PREFIX.length));
      break;
  }
  return out;
}

const OPAQUE = new Set(['Enum', 'Stringable', 'Assert', 'std.enum.Tag', 'std.string.Stringable']);
const RECORD_CONTRACT = /^\{ \w+ \| /;

const typed = { ...STD_TYPES, ...STD_CONTRACT_TYPES };

test('every std type parses as a type annotation with our parser', () => {
  const refused = Object.entries(typed)
    .map(([path, text]) => [path, parseType(text)] as const)
    .filter(([, t]) => typeof t === 'string')
    .map(([path, why]) => `${path}: ${why}`);
  assert.equal(refused, []);
});

test('std types name no contracts but the opaque ones std has in scope', () => {
  const stray: string[] = [];
  for (const [path, text] of Object.entries(typed)) {
    const t = parseType(text);
    if (typeof t === 'string') continue;
    for (const name of contractsIn(t, text)) if (!OPAQUE.has(name) && !RECORD_CONTRACT.test(name)) stray.push(`${path}: ${name}`);
  }
  assert.equal(stray, []);
});

test('each std member is in exactly one table', () => {
  const twice = Object.keys(STD_TYPES).filter((p) => p in STD_CONTRACT_TYPES || STD_UNTYPED.has(p));
  const alsoUntyped = Object.keys(STD_CONTRACT_TYPES).filter((p) => STD_UNTYPED.has(p));
  assert.equal([...twice, ...alsoUntyped], []);
});

test('std paths are dotted names without the std. prefix', () => {
  const bad = [...Object.keys(typed), ...STD_UNTYPED].filter((p) => p.startsWith('std.') || !/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(p));
  assert.equal(bad, []);
});

test.run();
