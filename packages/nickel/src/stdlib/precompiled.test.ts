import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from '../parser/parse.js';
import { stdTrees } from './load.js';
import { storedStdTree, writeStdTrees } from './precompiled.js';

const dir = mkdtempSync(join(tmpdir(), 'lamina-std-trees-'));
const trees = stdTrees(parse);
writeStdTrees(dir, trees);

test('every std file is stored, and read back as the tree the parser makes', () => {
  assert.ok(trees.some((t) => t.name === 'std.ncl' && t.file === 0));
  for (const t of trees) {
    const stored = storedStdTree(t.name, t.text, t.file, dir);
    assert.ok(stored, t.name);
    // JSON leaves out undefined properties: compare what a JSON copy of the parse holds
    assert.equal(stored, JSON.parse(JSON.stringify(t.expr)), t.name);
  }
});

test('a stored tree is not used for another text or another source id', () => {
  const [first] = trees;
  if (!first) throw new Error('no std files');
  assert.is(storedStdTree(first.name, `${first.text} `, first.file, dir), undefined);
  assert.is(storedStdTree(first.name, first.text.replace(/[a-z]/, 'q'), first.file, dir), undefined);
  assert.is(storedStdTree(first.name, first.text, first.file + 1, dir), undefined);
  assert.is(storedStdTree('missing.ncl', first.text, first.file, dir), undefined);
});

test.run();
