import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FsImporter, joinRelative } from './fs.js';

test('joinRelative resolves like path.resolve from a normalised directory', () => {
  const dirs = ['/', '/a', '/a/b/c', '/a/b/'];
  const paths = ['x.ncl', './x.ncl', '../x.ncl', '../../lib/c.ncl', '../../../../../x', 'a//b/./c/../d.ncl', '..', '.', 'a/'];
  for (const d of dirs) for (const p of paths) assert.is(joinRelative(d, p), resolve(d, p), `${d} + ${p}`);
});

test('a file reached through a symlinked directory or as a symlink has its real path as identity', () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'lamina-fs-')));
  mkdirSync(join(root, 'real'));
  writeFileSync(join(root, 'real', 'a.ncl'), '1');
  symlinkSync(join(root, 'real'), join(root, 'linked'));
  symlinkSync(join(root, 'real', 'a.ncl'), join(root, 'b.ncl'));
  const fs = new FsImporter(root);
  const direct = fs.resolve('real/a.ncl', undefined)!;
  assert.is(direct.id, join(root, 'real', 'a.ncl'));
  assert.is(fs.resolve('linked/a.ncl', undefined)!.id, direct.id);
  assert.is(fs.resolve('b.ncl', undefined)!.id, direct.id);
  assert.is(fs.resolve('nothing.ncl', undefined), undefined);
});

test.run();
