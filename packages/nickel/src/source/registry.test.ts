import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SourceRegistry } from './registry.js';

test('a source added lazily is read once, when its text is first asked for, and keeps its id', () => {
  const sources = new SourceRegistry();
  let reads = 0;
  const lazy = sources.addLazy('<stdlib/a.ncl>', () => {
    reads++;
    return 'let x = 1 in\nx\n';
  });
  const eager = sources.add('b.ncl', '{}');
  assert.equal([lazy.id, eager.id, reads], [0, 1, 0]);
  assert.is(sources.describe({ file: 0, start: 13, end: 14 }), '<stdlib/a.ncl>:2:1');
  assert.is(sources.get(0).text, 'let x = 1 in\nx\n');
  assert.is(reads, 1);
});

test.run();
