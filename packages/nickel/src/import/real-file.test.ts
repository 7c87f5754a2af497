import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RealFileReader } from './real-file.js';

const dir = (): string => realpathSync(mkdtempSync(join(tmpdir(), 'lamina-real-')));

test('a file larger than the read buffer is read whole, and a small one after it too', () => {
  const root = dir();
  const big = 'é'.repeat(700_000) + '\n';
  writeFileSync(join(root, 'big.ncl'), big);
  writeFileSync(join(root, 'small.ncl'), '{ a = 1 }');
  const reader = new RealFileReader();
  assert.is(reader.read(join(root, 'big.ncl')).text, big);
  assert.equal(reader.read(join(root, 'small.ncl')), { real: join(root, 'small.ncl'), text: '{ a = 1 }' });
});

test('links are resolved, in folders and as the file itself', () => {
  const root = dir();
  mkdirSync(join(root, 'real'));
  writeFileSync(join(root, 'real', 'a.ncl'), '1');
  symlinkSync(join(root, 'real'), join(root, 'linked'));
  symlinkSync(join(root, 'linked', 'a.ncl'), join(root, 'b.ncl'));
  const reader = new RealFileReader();
  for (const p of ['real/a.ncl', 'linked/a.ncl', 'b.ncl']) assert.equal(reader.read(join(root, p)), { real: join(root, 'real', 'a.ncl'), text: '1' }, p);
});

test('missing files, dangling links and folders fail with the file system error', () => {
  const root = dir();
  mkdirSync(join(root, 'sub'));
  symlinkSync(join(root, 'gone.ncl'), join(root, 'dangling.ncl'));
  const reader = new RealFileReader();
  const code = (p: string): string | undefined => {
    try {
      reader.read(join(root, p));
      return undefined;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code;
    }
  };
  assert.is(code('nothing.ncl'), 'ENOENT');
  assert.is(code('nowhere/x.ncl'), 'ENOENT');
  assert.is(code('dangling.ncl'), 'ENOENT');
  assert.is(code('sub'), 'EISDIR');
});

test('the check sees the real path before the file is opened, and may refuse it', () => {
  const root = dir();
  mkdirSync(join(root, 'inside'));
  // A folder link and a file link leading to a file that never ends: reading either would hang.
  symlinkSync('/dev', join(root, 'inside', 'devices'));
  symlinkSync('/dev/zero', join(root, 'inside', 'zero.ncl'));
  const reader = new RealFileReader();
  const seen: string[] = [];
  const refuse = (real: string): void => {
    seen.push(real);
    if (!real.startsWith(join(root, 'inside') + '/')) throw new Error(`refused ${real}`);
  };
  assert.throws(() => reader.read(join(root, 'inside', 'devices', 'zero'), refuse), /refused \/dev\/zero/);
  assert.throws(() => reader.read(join(root, 'inside', 'zero.ncl'), refuse), /refused \/dev\/zero/);
  assert.equal(seen, ['/dev/zero', join(root, 'inside', 'zero.ncl'), '/dev/zero']);
});

test.run();
