/**
 * Syntax trees kept between runs (packages/nickel/src/analysis/parse-cache.ts) are JSON: every
 * golden program's tree must survive the round trip (plain-data literals are read again from the
 * text), and every golden program must export the same JSON, or fail with the same error kind,
 * when its files' trees come back from a store.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeTree, encodeTree, storedAnalysis, type ParseCache, type StoredAnalysis } from '../../packages/nickel/src/analysis/parse-cache.js';
import { fileParseCache } from '../../packages/nickel/src/cli/parse-cache.js';
import type { Plain } from '../../packages/nickel/src/export/plain.js';
import type { DataFormat } from '../../packages/nickel/src/import/data.js';
import type { ResolvedFile } from '../../packages/nickel/src/import/importer.js';
import { decodeData, encodeData } from '../../packages/nickel/src/import/stored-data.js';
import { parse } from '../../packages/nickel/src/parser/parse.js';
import { goldenPrograms } from './support/corpus.js';
import { evaluateFile, NickelError, renderJson, SourceRegistry } from './support/library.js';

const programs = goldenPrograms();

/**
 * Where two trees differ (a path), or undefined: as uvu's `equal`, except that a property set to
 * undefined and a missing one are the same (JSON leaves the former out; nothing reads the difference).
 */
function firstDifference(a: unknown, b: unknown, at: string): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return at;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b) || Array.isArray(a) !== Array.isArray(b)) return `${at} (class)`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b as object)]);
  for (const k of keys) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
    if (d) return d;
  }
  return undefined;
}

test('the tree of every golden program comes back from JSON as it was parsed', () => {
  let checked = 0;
  let withData = 0;
  let withDeferred = 0;
  for (const p of programs) {
    const source = new SourceRegistry().add(p.id, readFileSync(p.file, 'utf8'), p.file);
    let tree: unknown;
    try {
      tree = parse(source);
    } catch {
      continue; // a parse error: nothing is stored
    }
    const json = encodeTree(source, tree as Parameters<typeof encodeTree>[1]);
    if (json.includes('"kind":"Data"')) withData++;
    assert.is(firstDifference(decodeTree(source, json), tree, 'tree'), undefined, p.id);
    // as std's trees are stored: function bodies apart, read when first asked for
    const deferring = encodeTree(source, tree as Parameters<typeof encodeTree>[1], { deferBodies: true });
    if (deferring.includes('\n')) withDeferred++;
    assert.is(firstDifference(decodeTree(source, deferring), tree, 'tree'), undefined, `${p.id} (deferred bodies)`);
    checked++;
  }
  assert.ok(
    checked > 500 && withData >= 3 && withDeferred >= 20,
    `${checked} programs parsed, ${withData} with data literals, ${withDeferred} with deferred bodies`,
  );
});

test('a large plain-data literal (read by the lexer, not the parser) comes back with its values', () => {
  const items = Array.from(
    { length: 300 },
    (_, i) => `    { name = "item-${i}", size = ${i}e3, big = 123456789012345678901234567890, tags = ["a", "b"], ok = true, none = null },`,
  );
  const text = `{\n  data = [\n${items.join('\n')}\n  ],\n  count = std.array.length data,\n}\n`;
  const source = new SourceRegistry().add('data.ncl', text, '/data.ncl');
  const tree = parse(source);
  const json = encodeTree(source, tree);
  assert.ok(json.includes('"kind":"Data"'), 'the literal is read as data');
  assert.is(firstDifference(decodeTree(source, json), tree, 'tree'), undefined);
});

test('a deferred function body is read when first asked for, with its data literals, then kept', () => {
  const rows = Array.from({ length: 40 }, (_, i) => `    { name = "row-${i}", size = ${i} },`).join('\n');
  const text = `{\n  table = fun x => { rows = [\n${rows}\n    ],\n    pick = x,\n  },\n  small = fun y => y,\n}\n`;
  const source = new SourceRegistry().add('lib.ncl', text, '/lib.ncl');
  const tree = parse(source);
  const json = encodeTree(source, tree, { deferBodies: true });
  assert.ok(json.includes('\n') && json.split('\n')[1]!.includes('"kind":"Data"'), 'the large body is kept apart, with its literal');
  const decoded = decodeTree(source, json) as unknown as { fields: { value: object }[] };
  const [table, small] = decoded.fields.map((f) => f.value);
  assert.type(Object.getOwnPropertyDescriptor(table, 'body')?.get, 'function', 'not read yet');
  assert.is(Object.getOwnPropertyDescriptor(small, 'body')?.get, undefined, 'a short body stays in place');
  assert.is(firstDifference(decoded, tree, 'tree'), undefined);
  assert.ok(Object.getOwnPropertyDescriptor(table, 'body')?.writable, 'kept as a plain property once read');
  assert.is(decodeTree(source, json.slice(0, json.indexOf('\n'))), undefined, 'bodies missing');
});

test("a program's text holding `$'`, `$&` or `$$` is stored as it is", () => {
  const text = `{ shell = "echo $'a' $& $$ $\`", tail = fun x => x }\n`;
  const source = new SourceRegistry().add('s.ncl', text, '/s.ncl');
  const tree = parse(source);
  for (const deferBodies of [false, true]) {
    assert.is(firstDifference(decodeTree(source, encodeTree(source, tree, { deferBodies })), tree, 'tree'), undefined);
  }
});

test('a stored tree is used only for its own text and source id', () => {
  const source = new SourceRegistry().add('a.ncl', '{ a = 1 }', '/a.ncl');
  const json = encodeTree(source, parse(source));
  assert.ok(decodeTree(source, json));
  assert.is(decodeTree(new SourceRegistry().add('a.ncl', '{ a = 2 }', '/a.ncl'), json), undefined);
  const other = new SourceRegistry();
  other.add('first.ncl', '1');
  assert.is(decodeTree(other.add('a.ncl', '{ a = 1 }', '/a.ncl'), json), undefined);
  assert.is(decodeTree(source, json.slice(0, -3)), undefined);
});

test('a tree stored with its analysis gives the analysis back; a damaged one is left out', () => {
  const source = new SourceRegistry().add('a.ncl', 'let lib = import "lib.ncl" in { a = lib.x, f = fun y => y }', '/a.ncl');
  const tree = parse(source);
  const analysis: StoredAnalysis = {
    imports: [{ kind: 'Import', path: 'lib.ncl', format: undefined, span: { file: source.id, start: 10, end: 27 } }],
    consulted: [{ import: 0, apparent: '{"kind":"Approximated","utype":{"kind":"Dyn"}}' }],
  };
  const json = encodeTree(source, tree, { deferBodies: true, analysis });
  const decoded = decodeTree(source, json)!;
  assert.is(firstDifference(decoded, tree, 'tree'), undefined);
  assert.equal(storedAnalysis(decoded), JSON.parse(JSON.stringify(analysis)));
  assert.is(storedAnalysis(decodeTree(source, encodeTree(source, tree))!), undefined, 'none stored');
  const damaged = json.replace('"import":0', '"import":3');
  assert.ok(decodeTree(source, damaged), 'the tree is still used');
  assert.is(storedAnalysis(decodeTree(source, damaged)!), undefined, 'an index out of range');
});

/** A store that keeps each tree and data file's value as JSON text, as the CLI's file store does. */
function jsonStore(): ParseCache & { hits: number; dataHits: number; puts: string[] } {
  const kept = new Map<string, string>();
  const key = (s: { path: string | undefined; id: number }): string => `${s.path}\0${s.id}`;
  const dataKey = (file: ResolvedFile, format: DataFormat): string => `data\0${file.id}\0${format}`;
  const store = {
    hits: 0,
    dataHits: 0,
    puts: [] as string[],
    getData(file: ResolvedFile, format: DataFormat) {
      const json = kept.get(dataKey(file, format));
      const value = json === undefined ? undefined : decodeData(file, format, json);
      if (value !== undefined) store.dataHits++;
      return value;
    },
    putData(file: ResolvedFile, format: DataFormat, value: Plain) {
      const json = encodeData(file, format, value);
      if (json !== undefined) kept.set(dataKey(file, format), json);
    },
    get(s: Parameters<ParseCache['get']>[0]) {
      const json = kept.get(key(s));
      const tree = json === undefined ? undefined : decodeTree(s, json);
      if (tree) store.hits++;
      return tree;
    },
    put(s: Parameters<ParseCache['put']>[0], expr: Parameters<ParseCache['put']>[1], analysis?: StoredAnalysis) {
      store.puts.push(`${basename(s.name)}${analysis ? ' analysed' : ''}`);
      kept.set(key(s), encodeTree(s, expr, analysis ? { deferBodies: true, analysis } : {}));
    },
  };
  return store;
}

function outcome(file: string, parseCache: ParseCache): string {
  try {
    return renderJson(evaluateFile(file, { parseCache }).toPlain());
  } catch (e) {
    if (e instanceof NickelError) return `error ${e.kind}`;
    throw e;
  }
}

test('every golden program gives the same result from stored trees', () => {
  const store = jsonStore();
  for (const p of programs) {
    if (p.id.startsWith('catalog/')) continue; // the catalog's programs are slow and use nothing else
    const fresh = outcome(p.file, store);
    const stored = outcome(p.file, store);
    assert.is(stored, fresh, p.id);
  }
  assert.ok(store.hits > 500, `only ${store.hits} trees read back`);
  assert.ok(store.dataHits >= 5, `only ${store.dataHits} data files read back`);
});

test('a file is checked again when an import it was typechecked against changes, and only then', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lamina-nickel-analysis-'));
  const main = join(dir, 'main.ncl');
  const lib = join(dir, 'lib.ncl');
  const scope = join(dir, 'scope.ncl');
  const xs = Array.from({ length: 40 }, () => 'x').join(', ');
  writeFileSync(main, `let lib = import "lib.ncl" in { port = (lib.port + 1 : Number), many | not_exported = fun x => [${xs}] }\n`);
  writeFileSync(lib, '{ port = 8080 } : { port : Number }\n');
  writeFileSync(scope, '{ a = missing }\n');
  const store = jsonStore();
  const ok = '{\n  "port": 8081\n}';
  assert.is(outcome(main, store), ok);
  assert.equal(store.puts.sort(), ['lib.ncl analysed', 'main.ncl analysed']);
  store.puts.length = 0;
  assert.is(outcome(main, store), ok);
  assert.equal(store.puts, [], 'nothing checked or written again');
  writeFileSync(lib, '{ port = "8080" } : { port : String }\n');
  assert.is(outcome(main, store), 'error TypecheckError::TypeMismatch');
  assert.equal(store.puts, [], 'main.ncl checked again and failed (its tree stays as stored), lib.ncl not loaded');
  writeFileSync(lib, '{ port = 8080 } : { port : Number }\n');
  store.puts.length = 0;
  assert.is(outcome(main, store), ok);
  assert.equal(store.puts, [], 'lib.ncl as it was: both stored trees and analyses fit again');
  assert.is(outcome(scope, store), 'error TypecheckError::UnboundIdentifier');
  assert.is(outcome(scope, store), 'error TypecheckError::UnboundIdentifier', 'a failed check is not stored as passed');
  assert.equal(store.puts, ['scope.ncl'], 'its tree is kept, without analysis');
});

test("the CLI's store keeps what YAML and TOML files read to, for their text only", () => {
  const dir = mkdtempSync(join(tmpdir(), 'lamina-nickel-data-'));
  const store = join(dir, 'store');
  const program = join(dir, 'main.ncl');
  writeFileSync(program, '{ y = import "a.yaml", t = import "b.toml", j = import "c.json" }\n');
  writeFileSync(join(dir, 'a.yaml'), '"10": 0.5\n"9": [x, 2]\n');
  writeFileSync(join(dir, 'b.toml'), 'n = 1\n');
  writeFileSync(join(dir, 'c.json'), '{ "k": 1 }\n');
  const expected = '{\n  "j": {\n    "k": 1\n  },\n  "t": {\n    "n": 1\n  },\n  "y": {\n    "10": 0.5,\n    "9": [\n      "x",\n      2\n    ]\n  }\n}';
  assert.is(outcome(program, fileParseCache(store)), expected);
  const kept = readdirSync(store).filter((f) => f.endsWith('.data.json'));
  assert.is(kept.length, 2, 'YAML and TOML (JSON is read as fast as a stored value would be)');
  assert.is(outcome(program, fileParseCache(store)), expected, 'read back');
  writeFileSync(join(dir, 'a.yaml'), '"10": 1\n');
  assert.is(outcome(program, fileParseCache(store)).replace(/\s+/g, ''), '{"j":{"k":1},"t":{"n":1},"y":{"10":1}}', 'the file changed');
});

test.run();
