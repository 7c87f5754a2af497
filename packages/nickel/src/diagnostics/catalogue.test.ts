/**
 * The error catalogue stays whole: errors are made only by the constructors of diagnostics/, each
 * kind has its constructor in one file, and the kinds only lamina-nickel raises are exercised here.
 * (That every kind is raised by a golden program is tests/nickel/error-catalogue.test.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluateSource } from '../pipeline.js';
import { MemoryImporter } from '../import/memory.js';
import { NickelError } from './error.js';
import { unboundIdentifier } from './eval-errors.js';
import { ERROR_HEADLINES, KINDS_WITHOUT_GOLDEN, type ErrorKind } from './kinds.js';

const DIAGNOSTICS = dirname(fileURLToPath(import.meta.url));
const SRC = dirname(DIAGNOSTICS);

/** Files that still make a NickelError themselves, and why. */
const RAISING_ELSEWHERE: Record<string, string> = {};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const KINDS = Object.keys(ERROR_HEADLINES) as ErrorKind[];

test('only diagnostics/ makes NickelErrors', () => {
  const raising = sources(SRC)
    .filter((f) => !f.startsWith(DIAGNOSTICS + '/') && /new NickelError\(|extends NickelError/.test(readFileSync(f, 'utf8')))
    .map((f) => relative(SRC, f))
    .filter((f) => !(f in RAISING_ELSEWHERE));
  assert.equal(raising, [], `call a constructor of diagnostics/ instead: ${raising.join(', ')}`);
});

test('each kind has its constructor in exactly one file of diagnostics/', () => {
  const files = sources(DIAGNOSTICS).filter((f) => !f.endsWith('/kinds.ts'));
  const texts = new Map(files.map((f) => [relative(DIAGNOSTICS, f), readFileSync(f, 'utf8')]));
  const problems: string[] = [];
  for (const kind of KINDS) {
    // The typechecker's kinds get their constructors in diagnostics/typecheck.ts (issue 14).
    if (kind.startsWith('TypecheckError::')) continue;
    const owners = [...texts].filter(([, text]) => text.includes(`'${kind}'`)).map(([name]) => name);
    if (owners.length !== 1) problems.push(`${kind}: ${owners.length ? owners.join(', ') : 'no constructor'}`);
  }
  assert.equal(problems, []);
});

test('KINDS_WITHOUT_GOLDEN names catalogue kinds, each with its reason', () => {
  for (const [kind, why] of Object.entries(KINDS_WITHOUT_GOLDEN)) {
    assert.ok(kind in ERROR_HEADLINES, kind);
    assert.ok(typeof why === 'string' && why.length > 0, kind);
  }
});

test('ImportError::EscapesRoot: the in-memory importer keeps imports inside its root', () => {
  const importer = new MemoryImporter(new Map([['/main.ncl', 'import "../../secret.ncl"']]));
  try {
    evaluateSource('import "/main.ncl"', { importer }).toPlain();
    assert.unreachable('the import should fail');
  } catch (e) {
    if (!(e instanceof NickelError)) throw e;
    assert.is(e.kind, 'ImportError::EscapesRoot');
    assert.is(e.message, 'import of `../../secret.ncl` escapes the root');
  }
});

test('EvalError::UnboundIdentifier names the identifier, as the reference does', () => {
  const e = unboundIdentifier('port', undefined);
  assert.is(e.kind, 'EvalError::UnboundIdentifier');
  assert.is(e.message, 'unbound identifier `port`');
  assert.equal(e.fields, { identifier: 'port' });
});

test.run();
