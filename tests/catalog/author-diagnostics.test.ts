/**
 * Mistakes a catalog author makes, each in a copy of the shipped catalog: every one gives exactly
 * one diagnostic, at the author's own file first (the layer's field, or its record when the field
 * is missing), naming the layer, with the shared contract's position second and a hint where one
 * is known.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatDiagnostic, loadCatalog } from '../../packages/catalog/src/index.js';
import { REPO } from './support.js';

const made: string[] = [];
test.after(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of the shipped catalog with `edit` applied to one file; its single diagnostic. */
function mistake(file: string, edit: (text: string) => string) {
  const root = mkdtempSync(join(tmpdir(), 'lamina-author-'));
  made.push(root);
  for (const d of ['layers', 'schemas', 'templates']) cpSync(join(REPO, d), join(root, d), { recursive: true });
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  assert.is.not(after, before, 'the mutation applies');
  writeFileSync(path, after);
  const catalog = loadCatalog(root, { cache: false });
  assert.is(catalog.diagnostics.length, 1, catalog.diagnostics.map(formatDiagnostic).join('\n'));
  return { d: catalog.diagnostics[0]!, text: after };
}

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

test('a required field missing from a nested record: at the layer record that lacks it, then the contract', () => {
  const { d, text } = mistake('layers/zlib/build_directives.ncl', (t) => t.replace(/^ {4}sha256 = .*\n/m, ''));
  assert.is(d.file, 'layers/zlib/build_directives.ncl');
  assert.is(d.line, lineOf(text, 'source = {'));
  assert.is(d.layer, 'zlib');
  assert.match(d.message, /^missing definition for `sha256` \(in `source`; required by the contract at schemas\/contracts\/build\.ncl:\d+:\d+\)$/);
});

test("a required top-level field missing: at the layer's record", () => {
  const { d, text } = mistake('layers/zlib/workflow.ncl', (t) => t.replace(/^ {2}tags = .*\n/m, ''));
  assert.equal([d.file, d.line, d.layer], ['layers/zlib/workflow.ncl', lineOf(text, '{'), 'zlib']);
  assert.match(d.message, /missing definition for `tags` \(required by the contract at schemas\/contracts\/workflow\.ncl:\d+:\d+\)/);
});

test('a misspelt field: at the field, with the name the schemas define', () => {
  const { d, text } = mistake('layers/zlib/build_directives.ncl', (t) => t.replace(/^ {2}serves = /m, '  serve = '));
  assert.equal([d.file, d.line, d.layer], ['layers/zlib/build_directives.ncl', lineOf(text, '  serve = '), 'zlib']);
  assert.match(d.message, 'extra field `serve` (did you mean `serves`?)');
});

test('a string where an enum tag is expected: the tag to write instead', () => {
  const { d, text } = mistake('layers/zlib/workflow.ncl', (t) => t.replace(/^ {2}tags = /m, '  platforms = ["linux/amd64"],\n  tags = '));
  assert.equal([d.file, d.line, d.layer], ['layers/zlib/workflow.ncl', lineOf(text, 'platforms = '), 'zlib']);
  assert.match(d.message, `expected an enum, got a String (an enum value is a tag, not a string: write '"linux/amd64")`);
});

test('a misspelt enum tag: the nearest tag the contract allows', () => {
  const { d, text } = mistake('layers/zlib/build_directives.ncl', (t) => t.replace("system = 'autotools", "system = 'autotool"));
  assert.equal([d.file, d.line, d.layer], ['layers/zlib/build_directives.ncl', lineOf(text, "system = 'autotool"), 'zlib']);
  assert.match(d.message, "tag `'autotool` is not allowed by this enum type (did you mean `autotools`?)");
});

test('a wrong type: at the field, with the contract second', () => {
  const { d, text } = mistake('layers/openssl/build_directives.ncl', (t) => t.replace('flags = ["--libdir=lib",', 'flags = [42,'));
  assert.equal([d.file, d.line, d.layer], ['layers/openssl/build_directives.ncl', lineOf(text, 'flags = [42,'), 'openssl']);
  assert.match(d.message, /contract at schemas\//);
});

test.run();
